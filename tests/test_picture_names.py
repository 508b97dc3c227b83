"""A picture named in a record or a story as it is but for capitals or its ending: a camera's
``IMG_2041.JPG`` written ``IMG_2041.jpg``, ``x.jpeg`` written ``x.jpg``. Windows and macOS
find the file under either name, so the picture shows in the editor's preview; the server
that builds the site does not. The check names the file that is there."""

from __future__ import annotations

import unicodedata

from conftest import ROOT, Project
from test_bad_input import check, product
from test_bad_stories import STORY

PHOTO = (ROOT / "content/images/products/mat-ong-dam-ha.jpg").read_bytes()


def test_a_records_picture_named_but_for_its_capitals_or_ending_is_pointed_to(project: Project, capsys):
    (project.root / "content/images/products/IMG_2041.JPG").write_bytes(PHOTO)
    (project.root / "content/images/products/mat-ong.jpeg").write_bytes(PHOTO)
    images = "images:\n  - file: products/IMG_2041.jpg\n  - file: products/mat-ong.jpg\n  - file: products/khong-co.jpg"
    project.write("data/products/mat-ong.yaml", product(images=images))
    code, printed = check(project, capsys)
    assert code == 1
    lines = [line for line in printed if line.startswith("data/products/mat-ong.yaml:") and "warning" not in line]
    assert lines == [
        "data/products/mat-ong.yaml:7: images.0.file: no picture content/images/products/IMG_2041.jpg; "
        "did you mean products/IMG_2041.JPG?",
        "data/products/mat-ong.yaml:8: images.1.file: no picture content/images/products/mat-ong.jpg; "
        "did you mean products/mat-ong.jpeg?",
        "data/products/mat-ong.yaml:9: images.2.file: no picture content/images/products/khong-co.jpg",
    ]


def test_a_storys_picture_named_but_for_its_capitals_is_pointed_to(project: Project, capsys):
    (project.root / "content/images/products/IMG_2041.JPG").write_bytes(PHOTO)
    project.write("content/stories/tin-moi.md", STORY + "\n![Hoa trà]({static}/images/products/img_2041.jpg)\n")
    code, printed = check(project, capsys)
    assert code == 1
    assert [line for line in printed if line.startswith("content/")] == [
        "content/stories/tin-moi.md:8: -: no picture content/images/products/img_2041.jpg; "
        "did you mean content/images/products/IMG_2041.JPG?"
    ]


def test_a_picture_whose_name_a_mac_saved_decomposed_is_told_to_be_renamed(project: Project, capsys):
    """ "Dầu lạc.jpg" with its accents as marks of their own (NFD, as a Mac may save it), where the
    record's text is composed: the two look the same, and "no picture" named a file that is there."""
    (project.root / "content/images/products" / unicodedata.normalize("NFD", "Dầu lạc.jpg")).write_bytes(PHOTO)
    project.write("data/products/mat-ong.yaml", product(images="images:\n  - file: products/Dầu lạc.jpg"))
    code, printed = check(project, capsys)
    assert code == 1
    assert [line for line in printed if line.startswith("data/products/mat-ong.yaml:") and "warning" not in line] == [
        "data/products/mat-ong.yaml:7: images.0.file: no picture content/images/products/Dầu lạc.jpg; the file's name "
        "has its accents as marks of their own, as a Mac may save it, so the server does not find it: rename the "
        "file with letters a-z, digits and -, and write that"
    ]
