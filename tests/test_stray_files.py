"""A record or story put where nothing reads it is an error that says where to move it:
left unread, it was not published, and the build said "ok"."""

from __future__ import annotations

import shutil

import pytest
from conftest import Project
from ocop_catalogue import checking

PRODUCT = "data/products/dau-vung-hai-yen.yaml"
PRODUCER = "data/producers/htx-nong-nghiep-hai-yen.yaml"
FAIR = "data/fairs/hoi-cho-ocop-quang-ninh-2027.yaml"
STORY = "content/stories/dau-lac-hai-yen.vi.md"
RECORDS = "data/producers/, data/products/ and data/fairs/"


@pytest.mark.parametrize(
    ("source", "copy", "expected"),
    [
        (
            PRODUCT,
            "data/product/dau-vung-moi.yaml",
            f"from {RECORDS}, not from data/product/; move it to data/products/",
        ),
        (PRODUCT, "data/dau-vung-moi.yaml", f"from {RECORDS}, not from data/; move it to data/products/"),
        (PRODUCER, "data/products/moi/ho-moi.yml", "not from data/products/moi/; move it to data/producers/"),
        (FAIR, "data/hoi-cho/hoi-cho-moi.yaml", "not from data/hoi-cho/; move it to data/fairs/"),
        (STORY, "content/tin-moi.vi.md", "stories are read from content/stories/; move it there"),
        (STORY, "content/story/tin-moi.vi.md", "stories are read from content/stories/; move it there"),
    ],
)
def test_a_file_where_nothing_reads_it_is_named_with_where_it_goes(
    project: Project, capsys, source: str, copy: str, expected: str
):
    (project.root / copy).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(project.root / source, project.root / copy)
    checking.check(str(project.root / "pelicanconf.py"))
    printed = capsys.readouterr().err
    assert f"{copy}:1: -: not read: " in printed and expected in printed, printed

    code, printed = project.build(capsys)
    assert code != 0 and f"{copy}:1: -: not read" in printed
    assert not project.output.exists()


def test_a_file_of_unknown_kind_is_told_to_go_to_its_kinds_folder(project: Project, capsys):
    project.write("data/ghi-chu.yaml", "note: hỏi lại giá\n")
    project.write("data/areas.yaml", (project.root / "data/areas.yaml").read_text(encoding="utf-8"))
    checking.check(str(project.root / "pelicanconf.py"))
    printed = capsys.readouterr().err
    assert "data/ghi-chu.yaml:1: -: not read: " in printed and "; move it to the folder of its kind" in printed
    assert "data/areas.yaml" not in printed


def test_hidden_files_and_the_files_read_beside_the_records_are_not_named(project: Project, capsys):
    project.write("data/.nhap.yaml", "star: 4\n")
    project.write("data/products/.cu/cu.yaml", "star: 4\n")
    project.write("content/.ghi-chu.md", "Title: x\n")
    project.write("content/images/README.md", "ảnh sản phẩm\n")
    assert checking.check(str(project.root / "pelicanconf.py")) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("source", "copy", "expected"),
    [
        (
            PRODUCER,
            "data/products/ho-moi.yaml",
            "its keys (commune, kind) are a producer's: move the file to data/producers/",
        ),
        (
            PRODUCT,
            "data/producers/sp-moi.yaml",
            "its keys (certificate, star) are a product's: move the file to data/products/",
        ),
        (FAIR, "data/products/cho-moi.yaml", "its keys (exhibitors, start) are a fair's: move the file to data/fairs/"),
    ],
)
def test_a_record_in_the_folder_of_another_kind_is_told_where_it_goes(project: Project, capsys, source, copy, expected):
    """A producer copied into data/products/ was told as six unknown or missing keys."""
    shutil.copyfile(project.root / source, project.root / copy)
    checking.check(str(project.root / "pelicanconf.py"))
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith(copy)]
    assert lines == [f"{copy}:1: -: {expected}"]
