"""A picture is checked (decoded) once: later builds keep its verdict until the file changes."""

from __future__ import annotations

import shutil

from conftest import Project
from ocop_catalogue import checking, picture_checks


def count_checks(monkeypatch) -> list[str]:
    checked: list[str] = []
    check = picture_checks.picture_problem

    def counted(path, max_side):
        checked.append(path.name)
        return check(path, max_side)

    monkeypatch.setattr(picture_checks, "picture_problem", counted)
    return checked


def test_an_unchanged_picture_is_not_decoded_again(project: Project, capsys, monkeypatch):
    checked = count_checks(monkeypatch)
    assert project.build(capsys)[0] == 0
    pictures = sorted((project.root / "content" / "images").rglob("*.jpg"))
    assert len(checked) >= len(pictures) // 2 > 0  # the pictures the records name, each once
    checked.clear()
    assert project.build(capsys)[0] == 0
    assert checked == []


def test_a_changed_picture_is_checked_again_and_a_damaged_one_still_refused(project: Project, capsys, monkeypatch):
    checked = count_checks(monkeypatch)
    assert project.build(capsys)[0] == 0
    picture = project.root / "content" / "images" / "products" / "mat-ong-dam-ha.jpg"
    other = project.root / "content" / "images" / "products" / "dau-lac-hai-yen.jpg"
    shutil.copyfile(other, picture)  # another photo in its place: a new size and time
    checked.clear()
    assert project.build(capsys)[0] == 0
    assert checked == ["mat-ong-dam-ha.jpg"]
    picture.write_bytes(other.read_bytes()[:2000])  # cut short, as by a failed copy
    checked.clear()
    code, printed = project.build(capsys)
    assert code == 1
    assert checked == ["mat-ong-dam-ha.jpg"]
    assert "images.0.file: cannot read the picture content/images/products/mat-ong-dam-ha.jpg" in printed


def test_make_check_keeps_the_verdicts_too(project: Project, capsys, monkeypatch):
    checked = count_checks(monkeypatch)
    settings = str(project.root / "pelicanconf.py")
    assert checking.check(settings) == 0
    assert checked
    checked.clear()
    assert checking.check(settings) == 0
    assert checked == []


def test_a_storys_picture_is_not_decoded_again_either(project: Project, capsys, monkeypatch):
    """A story's picture is checked as the records' are, through the same kept verdicts."""
    shutil.copyfile(
        project.root / "content/images/products/mat-ong-dam-ha.jpg", project.root / "content/images/anh-tin.jpg"
    )
    story = next((project.root / "content/stories").glob("*.md"))
    story.write_text(story.read_text(encoding="utf-8") + "\n![Ảnh]({static}/images/anh-tin.jpg)\n", encoding="utf-8")
    checked = count_checks(monkeypatch)
    assert project.build(capsys)[0] == 0
    assert checked.count("anh-tin.jpg") == 1
    checked.clear()
    assert project.build(capsys)[0] == 0
    assert checked == []
