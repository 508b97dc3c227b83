"""`make new-product` and its siblings write records that pass `make check`."""

from __future__ import annotations

import builtins
import shutil
import sys

import pytest
from conftest import Project
from ocop_catalogue import checking, editor_commands
from ocop_catalogue.vietnamese import slugify
from ocop_catalogue.yamlsource import read_yaml


def first_id(project: Project, folder: str) -> str:
    return sorted((project.root / "data" / folder).glob("*.yaml"))[0].stem


def first_commune(project: Project) -> str:
    text = (project.root / "data/areas.yaml").read_text(encoding="utf-8")
    return text.split("communes:\n", 1)[1].split("id: ", 1)[1].split("\n", 1)[0].strip()


def new(project: Project, kind: str, *options: str) -> int:
    return editor_commands.main(["new", kind, "-s", str(project.root / "pelicanconf.py"), *options])


def check(project: Project, capsys) -> tuple[int, str]:
    code = checking.check(str(project.root / "pelicanconf.py"))
    return code, capsys.readouterr().err


def test_new_records_of_every_kind_pass_the_check(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    name = "Mật ong rừng Đồng Lâm: loại 1"
    assert new(project, "producer", "--name", "Hộ Đỗ Văn Đạt", "--kind", "household") == 1  # commune missing
    assert "missing --commune" in capsys.readouterr().err
    assert (
        new(
            project,
            "producer",
            "--name",
            "Hộ Đỗ Văn Đạt",
            "--kind",
            "household",
            "--commune",
            first_commune(project),
            "--phone",
            "02033870123",
        )
        == 0
    )
    assert (
        new(
            project,
            "product",
            "--name",
            name,
            "--name-en",
            "Dong Lam wild honey",
            "--producer",
            "ho-do-van-dat",
            "--group",
            "thuc-pham",
            "--star",
            "4",
            "--certificate-number",
            "1234/QĐ-UBND",
            "--certificate-date",
            "2025-03-01",
            "--certificate-level",
            "province",
        )
        == 0
    )
    assert (
        new(
            project,
            "fair",
            "--name",
            "Hội chợ Xuân 2027",
            "--start",
            "2027-01-10",
            "--end",
            "2027-01-20",
            "--venue",
            "Cung Quy hoạch, Hạ Long",
        )
        == 0
    )
    capsys.readouterr()

    product = project.root / "data/products" / f"{slugify(name)}.yaml"
    assert product.name == "mat-ong-rung-dong-lam-loai-1.yaml"
    written = product.read_text(encoding="utf-8")
    assert "producer: ho-do-van-dat\n" in written and "star: 4\n" in written
    document = read_yaml(product, "p.yaml")
    assert document.data["name"] == {"vi": name, "en": "Dong Lam wild honey"}
    assert document.data["certificate"] == {"number": "1234/QĐ-UBND", "date": "2025-03-01", "level": "province"}
    assert read_yaml(project.root / "data/producers/ho-do-van-dat.yaml", "p.yaml").data["phone"] == "02033870123"
    assert (project.root / "data/fairs/hoi-cho-xuan-2027.yaml").is_file()

    code, printed = check(project, capsys)
    assert code == 0, printed
    # Only the English names left out are worth a warning.
    new_files = ("mat-ong-rung-dong-lam-loai-1.yaml:", "ho-do-van-dat.yaml:", "hoi-cho-xuan-2027.yaml:")
    about_new = [
        line
        for line in printed.splitlines()
        if line.startswith(tuple(f"data/{k}/" for k in ("products", "producers", "fairs")))
        and any(f in line for f in new_files)
    ]
    assert about_new and all("warning: no English text" in line for line in about_new), about_new


def test_an_existing_id_is_refused(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    existing = first_id(project, "products")
    before = (project.root / "data/products" / f"{existing}.yaml").read_bytes()
    producer = first_id(project, "producers")
    code = new(
        project,
        "product",
        "--name",
        "Bất kỳ",
        "--id",
        existing,
        "--producer",
        producer,
        "--group",
        "thuc-pham",
        "--star",
        "3",
    )
    assert code == 1
    name = read_yaml(project.root / "data/products" / f"{existing}.yaml", "p.yaml").data["name"]
    name = name["vi"] if isinstance(name, dict) else name
    assert (
        f"error: data/products/{existing}.yaml already exists, for the product '{name}'; "
        "if yours is another, choose another id with --id" in capsys.readouterr().err
    )
    assert (project.root / "data/products" / f"{existing}.yaml").read_bytes() == before


def test_a_name_differing_only_in_tone_marks_is_refused_naming_the_record(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    name = "Mật ong Đầm Hà"
    project.write(
        "data/products/mat-ong-dam-ha.yaml",
        f"name: {name}\nproducer: {first_id(project, 'producers')}\ngroup: thuc-pham\nstar: 3\n",
    )
    options = ["--producer", first_id(project, "producers"), "--group", "thuc-pham", "--star", "3"]
    assert new(project, "product", "--name", "Mật ông Đâm Hạ", *options) == 1
    assert capsys.readouterr().err == (
        f"error: data/products/mat-ong-dam-ha.yaml already exists, for the product '{name}'; "
        "if yours is another, choose another id with --id\n"
    )


def test_a_reference_to_nothing_is_refused_with_a_suggestion(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    producer = first_id(project, "producers")
    code = new(
        project, "product", "--name", "Chè mới", "--producer", producer + "x", "--group", "thuc-pham", "--star", "3"
    )
    assert code == 1
    assert f"--producer: no producer '{producer}x'; did you mean {producer}" in capsys.readouterr().err
    assert not (project.root / "data/products/che-moi.yaml").exists()


def test_missing_answers_are_asked_for_and_wrong_ones_asked_again(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(
        ["", "Hộ bà Lụa", "Mrs Lua's household", "company", "household", "khong-co", first_commune(project), "", ""]
    )
    prompts = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(builtins, "input", answer)
    assert new(project, "producer") == 0
    assert len(prompts) == 9  # the name and the kind and the commune were each asked twice
    data = read_yaml(project.root / "data/producers/ho-ba-lua.yaml", "p.yaml").data
    assert data == {
        "name": {"vi": "Hộ bà Lụa", "en": "Mrs Lua's household"},
        "kind": "household",
        "commune": first_commune(project),
    }
    assert "must be one of enterprise" in capsys.readouterr().err


def test_a_wrong_producer_is_answered_with_the_closest_ids_not_all(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    producers = sorted(path.stem for path in (project.root / "data/producers").glob("*.yaml"))
    answers = iter(["Chè mới", "", "khong-co", producers[0], "do-uong", "3", "", "", ""])
    monkeypatch.setattr(builtins, "input", lambda prompt: next(answers))
    assert new(project, "product") == 0
    hint = next(line for line in capsys.readouterr().err.splitlines() if "no producer 'khong-co'" in line)
    assert hint.startswith("  no producer 'khong-co'; the closest: ")
    closest = hint.split("the closest: ")[1].split(", ")
    assert len(closest) == 3 and set(closest) <= set(producers) and len(producers) > 3


def test_a_name_typed_for_the_producer_id_is_matched_as_its_slug(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    producer = first_id(project, "producers")
    name = read_yaml(project.root / "data/producers" / f"{producer}.yaml", "p.yaml").data["name"]
    name = name["vi"] if isinstance(name, dict) else name
    options = ["--name", "Chè mới", "--producer", name, "--group", "do-uong", "--star", "3"]
    assert new(project, "product", *options) == 1
    assert f"--producer: no producer '{name}'; did you mean {producer}" in capsys.readouterr().err


def test_ctrl_d_at_a_question_stops_in_one_line(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)

    def end_of_input(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr(builtins, "input", end_of_input)
    before = sorted((project.root / "data/producers").iterdir())
    assert new(project, "producer") == 130
    assert capsys.readouterr().err == "\nstopped\n"
    assert sorted((project.root / "data/producers").iterdir()) == before


def test_an_unexpected_failure_is_one_line_not_a_traceback(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    shutil.rmtree(project.root / "data/fairs")
    project.write("data/fairs", "not a folder\n")  # the folder to write the fair into is a file
    options = ["--name", "Hội chợ", "--start", "2027-01-10", "--end", "2027-01-10", "--venue", "Hạ Long"]
    assert new(project, "fair", *options) == 1
    printed = capsys.readouterr().err
    assert printed.startswith("error: FileExistsError: ") and printed.endswith(" (run with --debug for details)\n")
    assert len(printed.splitlines()) == 1
    with pytest.raises(FileExistsError):
        new(project, "fair", *options, "--debug")


@pytest.mark.parametrize("text", ["No", "0212345670", "null", "Trà: hoa #1", "[A] {B}", "- x", "'quoted'", " lề "])
def test_awkward_text_is_written_so_that_it_reads_back_unchanged(project: Project, monkeypatch, text):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert (
        new(
            project,
            "fair",
            "--name",
            "Hội chợ",
            "--id",
            "hoi-cho",
            "--start",
            "2027-01-10",
            "--end",
            "2027-01-10",
            "--venue",
            text,
            "--venue-en",
            text,
        )
        == 0
    )
    data = read_yaml(project.root / "data/fairs/hoi-cho.yaml", "f.yaml").data
    assert data["venue"] == {"vi": text.strip(), "en": text.strip()}


def test_a_certificate_without_its_date_and_level_is_refused(project: Project, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    producer = first_id(project, "producers")
    options = ["--name", "Chè mới", "--producer", producer, "--group", "do-uong", "--star", "3"]
    assert new(project, "product", *options, "--certificate-number", "12/QĐ-UBND") == 1
    assert "a certificate needs its number, date and level" in capsys.readouterr().err
    assert not (project.root / "data/products/che-moi.yaml").exists()
