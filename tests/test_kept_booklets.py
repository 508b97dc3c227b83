"""Booklets are kept from build to build by what they show, and the kept ones are those a
clean build writes.

One build of the demo with its booklets, then: a product renamed (only the booklets that
show it are rendered again), every picture given a new time as a fresh checkout does and one
picture's bytes changed (only the booklets that print it are rendered again), an exhibitor
moved to another booth (only its fair's booklets), and last a clean build, whose booklets are
byte for byte the kept ones.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, Project
from ocop_catalogue import pdf
from ocop_catalogue.build import build

# Print pictures already encoded by other builds are shared, as the web pictures are (conftest).
SETTINGS = {"CATALOGUE_BOOKLETS": True, "BOOKLET_IMAGE_CACHE_PATH": str(ROOT / "cache" / "images")}
RENAMED = "sua-chua-an-sinh"  # exhibited at a fair: its fair's booklet shows it too
NEW_NAMES = {"vi": "Sữa chua nếp cẩm An Sinh", "en": "An Sinh black sticky rice yoghurt"}
REPICTURED = "nam-linh-chi-duong-huy"  # in another district, group and star level, at no fair
OTHER_PICTURE = "products/ba-kich-tim-ba-che.jpg"
FAIR = "hoi-cho-ocop-quang-ninh-2027"  # its booth A01 shows An Sinh's milk and yoghurt


@pytest.fixture
def rendered(monkeypatch) -> list[set[str]]:
    """The booklets each build renders, as ``<lang>/<file>``, build by build."""
    builds: list[set[str]] = []
    write_all = pdf.write_all

    def spy(templates, context, settings, jobs):
        builds.append({f"{target.parent.name}/{target.name}" for _, _, target in jobs})
        write_all(templates, context, settings, jobs)

    monkeypatch.setattr(pdf, "write_all", spy)
    return builds


def test_booklets_are_rendered_again_only_when_what_they_show_changed(project: Project, rendered, tmp_path):
    booklets = project.output / "pdf"
    run(project)
    everything = names(booklets)
    assert rendered[-1] == everything and len(everything) == 50  # 25 booklets, in both languages
    assert cached(project) == sorted(inodes(booklets).values())  # the cache holds this build's booklets

    # A renamed product: the booklets that showed it, in both languages, and no other.
    showing = {name for name in everything if shows(booklets / name, "Sữa chua An Sinh", "An Sinh yoghurt")}
    assert {"vi/province-quang-ninh.pdf", "en/fair-hoi-cho-ocop-quang-ninh-2027.pdf"} <= showing
    assert len(showing) < len(everything) / 2
    before = inodes(booklets)
    rename(project, RENAMED)
    run(project)
    assert rendered[-1] == showing
    after = inodes(booklets)
    assert {name for name in everything if after[name] != before[name]} == showing
    assert all(shows(booklets / name, *NEW_NAMES.values()) for name in showing)
    assert cached(project) == sorted(after.values())  # the booklets of the old name are gone from the cache

    # A fresh checkout gives every picture a new time: nothing to render for that. A changed
    # picture renders again the booklets that print it.
    printing = {name for name in everything if shows(booklets / name, "Nấm linh chi Dương Huy", "Duong Huy reishi")}
    province = {"vi/province-quang-ninh.pdf", "en/province-quang-ninh.pdf"}
    assert province < printing and printing.isdisjoint(showing - province)
    pictures = project.root / "content" / "images"
    for picture in pictures.rglob("*.jpg"):
        os.utime(picture)
    shutil.copyfile(pictures / OTHER_PICTURE, pictures / "products" / f"{REPICTURED}.jpg")
    run(project)
    assert rendered[-1] == printing

    # A moved booth: the fair's booklets, whose entries and index of producers give it, and no other.
    fair = project.root / "data" / "fairs" / f"{FAIR}.yaml"
    fair.write_text(fair.read_text(encoding="utf-8").replace('booth: "A01"', 'booth: "A09"'), encoding="utf-8")
    run(project)
    assert rendered[-1] == {f"{lang}/fair-{FAIR}.pdf" for lang in ("vi", "en")}
    assert all(shows(booklets / name, "Gian hàng A09", "Booth A09") for name in rendered[-1])

    # A clean build writes the very bytes that were kept.
    shutil.copytree(booklets, tmp_path / "kept")
    shutil.rmtree(project.output)
    shutil.rmtree(project.root / "cache" / "booklets")
    run(project)
    assert rendered[-1] == everything
    for name in everything:
        assert (booklets / name).read_bytes() == (tmp_path / "kept" / name).read_bytes(), name


def run(project: Project) -> None:
    assert build(str(project.root / "pelicanconf.py"), str(project.output), SETTINGS) == 0


def names(booklets: Path) -> set[str]:
    return {path.relative_to(booklets).as_posix() for path in booklets.rglob("*.pdf")}


def inodes(booklets: Path) -> dict[str, int]:
    return {name: (booklets / name).stat().st_ino for name in names(booklets)}


def cached(project: Project) -> list[int]:
    """The inodes of the booklets kept in the cache."""
    return sorted(path.stat().st_ino for path in (project.root / "cache" / "booklets").iterdir())


def shows(booklet: Path, *texts: str) -> bool:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(booklet), "-"], capture_output=True, text=True, check=True)
    words = " ".join(text.stdout.split())
    return any(text in words for text in texts)


def rename(project: Project, product: str) -> None:
    path = project.root / "data" / "products" / f"{product}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith("name:")
    lines[0] = f"name: {{vi: {NEW_NAMES['vi']}, en: {NEW_NAMES['en']}}}\n"
    path.write_text("".join(lines), encoding="utf-8")
