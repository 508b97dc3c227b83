"""A picture in a story's text that no browser shows (a phone's HEIC photo, a damaged file)
would be a broken picture on the page. It is checked as a record's picture is, and an
iPhone's HEIC photo is told as such, for a record's picture too. A sound one is published
(for phones as a record's is: ``test_story_pictures_published``)."""

from __future__ import annotations

import struct
import time
from pathlib import Path

from conftest import ROOT, Project, damaged_png, parse
from ocop_catalogue.images import derived_stem
from test_bad_input import check, product
from test_bad_stories import STORY, check_and_build, published

PHOTO = (ROOT / "content/images/products/mat-ong-dam-ha.jpg").read_bytes()
HEIC = (
    "it is a HEIC photo (an iPhone's format), which most browsers cannot show: export it as JPEG "
    "(on the iPhone: Settings > Camera > Formats > Most Compatible)"
)


def heic(path: Path) -> None:
    """The start of an iPhone photo: a HEIF file whose brands are HEIC's."""
    path.write_bytes(struct.pack(">I4s4sI", 24, b"ftyp", b"heic", 0) + b"mif1heic" + bytes(4000))


def test_a_heic_photo_or_a_damaged_picture_in_a_story_stops_the_build(project: Project, capsys, caplog):
    heic(project.root / "content/images/products/IMG_2041.HEIC")
    damaged_png(project.root / "content/images/products/hong.png")
    text = (
        STORY
        + "\n![Hoa trà]({static}/images/products/IMG_2041.HEIC)\n\n<img src='{static}/images/products/hong.png'>\n"
    )
    project.write("content/stories/tin-moi.md", text)
    found = check_and_build(project, capsys, caplog)
    assert [line for line in found if line.startswith("content/")] == [
        f"content/stories/tin-moi.md:8: -: cannot read the picture content/images/products/IMG_2041.HEIC: {HEIC}",
        "content/stories/tin-moi.md:10: -: cannot read the picture content/images/products/hong.png: "
        "the picture is damaged (its pixels cannot be decoded); export or copy it again",
    ]


def test_a_story_picture_larger_than_the_limit_is_refused_as_a_records_is(project: Project, capsys, caplog):
    from PIL import Image

    Image.new("RGB", (12_000, 10)).save(project.root / "content/images/products/dai.jpg")
    project.write("content/stories/tin-moi.md", STORY + "\n![Dải]({static}/images/products/dai.jpg)\n")
    found = check_and_build(project, capsys, caplog)
    assert [line for line in found if line.startswith("content/")] == [
        "content/stories/tin-moi.md:8: -: cannot read the picture content/images/products/dai.jpg: it is 12,000 × 10 px; "
        "a picture may be at most 10,000 px wide and tall: resize it"
    ]


def test_a_story_picture_outside_the_images_folder_is_refused(project: Project, capsys, caplog):
    """Only pictures under content/images/ are made small for phones (story_pictures): one
    elsewhere would be published as the camera made it. A drawing, or a link to the file, may be anywhere."""
    (project.root / "content/anh").mkdir()
    (project.root / "content/anh/hoa-tra.jpg").write_bytes(PHOTO)
    drawing = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    project.write("content/so-do.svg", drawing)
    text = STORY + (
        "\n![Hoa trà]({static}/anh/hoa-tra.jpg)\n\n![Sơ đồ]({static}/so-do.svg)\n"
        "\n[Ảnh gốc]({static}/anh/hoa-tra.jpg)\n"
    )
    project.write("content/stories/tin-moi.md", text)
    found = check_and_build(project, capsys, caplog)
    assert [line for line in found if line.startswith("content/")] == [
        "content/stories/tin-moi.md:8: -: move the picture content/anh/hoa-tra.jpg into content/images/: "
        "only pictures there are made small for phones"
    ]


def test_a_photo_and_a_drawing_in_a_story_are_published(project: Project, capsys):
    (project.root / "content/images/products/ảnh-mật-ong.JPG").write_bytes(PHOTO)
    drawing = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    project.write("content/images/ban-do.svg", drawing)
    text = STORY + "\n![Mật ong]({static}/images/products/ảnh-mật-ong.JPG)\n\n![Bản đồ]({static}/images/ban-do.svg)\n"
    project.write("content/stories/tin-moi.md", text)
    published(project, capsys)
    sources = [img["src"] for img in parse(project.output / "tin-tuc/tin-moi/index.html").select(".prose img")]
    # The photo as phones get it, under a safe name of its own (images.derived_stem); the drawing as it is.
    assert sources == [f"/images/{derived_stem('products/ảnh-mật-ong.JPG')}-480.jpg", "/images/ban-do.svg"]
    assert all((project.output / source.lstrip("/")).is_file() for source in sources)
    assert (project.output / "images/ban-do.svg").read_text(encoding="utf-8") == drawing


def test_a_records_heic_photo_is_told_as_one(project: Project, capsys):
    heic(project.root / "content/images/products/IMG_2041.HEIC")
    project.write("data/products/mat-ong.yaml", product(images="images:\n  - file: products/IMG_2041.HEIC"))
    code, printed = check(project, capsys)
    assert code == 1
    expected = f"data/products/mat-ong.yaml:7: images.0.file: cannot read the picture content/images/products/IMG_2041.HEIC: {HEIC}"
    assert expected in printed


def test_a_picture_whose_name_holds_spaces_and_parentheses_is_read_as_the_page_shows_it(project: Project, capsys):
    """Zalo saves pictures as 'Ảnh Zalo (1).jpg'; Python-Markdown, Pelican's reader, reads the
    whole path, balanced parentheses and a title included, and so must the check."""
    (project.root / "content/images/products/Ảnh Zalo (1).jpg").write_bytes(PHOTO)
    (project.root / "content/images/products/Ảnh Zalo.jpg").write_bytes(PHOTO)
    text = STORY + (
        "\n![Ảnh]({static}/images/products/Ảnh Zalo (1).jpg)\n"
        '\n![Ảnh có tên]({static}/images/products/Ảnh Zalo.jpg "Mật ong Đầm Hà")\n'
        "\n![Ảnh trong ngoặc](<{static}/images/products/Ảnh Zalo (1).jpg>)\n"
    )
    project.write("content/stories/tin-moi.md", text)
    published(project, capsys)
    page = parse(project.output / "tin-tuc/tin-moi/index.html")
    pictures = [(img["src"], img.get("title")) for img in page.select(".prose img")]
    one, other = (
        f"/images/{derived_stem(f'products/{name}')}-480.jpg" for name in ("Ảnh Zalo (1).jpg", "Ảnh Zalo.jpg")
    )
    assert pictures == [(one, None), (other, "Mật ong Đầm Hà"), (one, None)]
    for source, _ in pictures:
        assert (project.output / source.lstrip("/")).is_file()


def test_a_line_of_many_brackets_is_checked_at_once(project: Project, capsys):
    """Each [ is paired with its ] in one pass: reading links from every [ took half a minute here."""
    line = "[" * 20_000 + "![Ảnh]({static}/images/products/khong-co.jpg)"
    project.write("content/stories/tin-moi.md", STORY + "\n" + line + "\n")
    started = time.perf_counter()
    code, printed = check(project, capsys)
    assert time.perf_counter() - started < 5
    assert code == 1
    assert "content/stories/tin-moi.md:8: -: no picture content/images/products/khong-co.jpg" in printed
