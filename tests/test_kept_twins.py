"""A rebuild with precompression keeps the twins of every unchanged file and compresses the rest."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
from conftest import Project
from ocop_catalogue.build import build
from test_incremental import raise_first_price

PRECOMPRESSED = {"PRECOMPRESS_GZIP": True, "PRECOMPRESS_BROTLI": True, "PRECOMPRESS_BROTLI_QUALITY": 5}
EDITED = ("san-pham/dau-lac-hai-yen/index.html", "en/products/dau-lac-hai-yen/index.html")


def build_precompressed(project: Project, capsys) -> None:
    code = build(str(project.root / "pelicanconf.py"), str(project.output), PRECOMPRESSED)
    assert code == 0, capsys.readouterr().err


def twins(output: Path) -> dict[str, tuple[int, int]]:
    """Each twin's inode and modification time."""
    found = {}
    for path in output.rglob("*"):
        if path.suffix in (".gz", ".br"):
            stat = path.stat()
            found[path.relative_to(output).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return found


def test_an_edit_compresses_only_the_files_it_changes(project: Project, capsys):
    # Twice, so that the edit's build stages into the folders of a replaced site (the spare).
    for _ in range(2):
        build_precompressed(project, capsys)
    before = twins(project.output)
    assert {f"{page}{suffix}" for page in EDITED for suffix in (".gz", ".br")} <= before.keys()

    raise_first_price(project)
    build_precompressed(project, capsys)
    after = twins(project.output)

    assert after.keys() == before.keys()
    renewed = {name for name in after if after[name] != before[name]}
    open_data = {f"du-lieu/catalogue.{lang}.{kind}" for lang in ("vi", "en") for kind in ("json", "csv")}
    assert {name.rsplit(".", 1)[0] for name in renewed} == {*EDITED, *open_data}
    assert "125.000" in (project.output / EDITED[0]).read_text(encoding="utf-8")
    for page in EDITED:
        html = (project.output / page).read_bytes()
        assert gzip.decompress((project.output / f"{page}.gz").read_bytes()) == html
        assert brotli.decompress((project.output / f"{page}.br").read_bytes()) == html


def test_files_of_a_build_without_twins_get_theirs_again(project: Project, capsys):
    build_precompressed(project, capsys)
    assert build(str(project.root / "pelicanconf.py"), str(project.output)) == 0
    # (The search index, kept as it was, keeps its twins.)
    assert [name for name in twins(project.output) if not name.startswith("pagefind/")] == []
    raise_first_price(project)
    build_precompressed(project, capsys)
    for page in (EDITED[0], "nhom/thuc-pham/index.html"):  # changed, and unchanged since the last build
        html = (project.output / page).read_bytes()
        assert gzip.decompress((project.output / f"{page}.gz").read_bytes()) == html
        assert brotli.decompress((project.output / f"{page}.br").read_bytes()) == html
