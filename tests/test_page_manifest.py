"""The manifest of page fingerprints: an unchanged page is linked without being rendered, and a
manifest that cannot be used, or a page file changed since, only means rendering again."""

from __future__ import annotations

import json
import marshal
from pathlib import Path

import pytest
from conftest import Project
from ocop_catalogue.generator import CatalogueGenerator
from ocop_catalogue.incremental import manifest_path, read_manifest
from test_incremental import files

PAGE = "san-pham/dau-lac-hai-yen/index.html"


@pytest.fixture
def rendered(tmp_path: Path, monkeypatch) -> Path:
    """A file naming every page rendered; the workers are forked, so they append to a file."""
    log = tmp_path / "rendered.txt"
    log.touch()
    render = CatalogueGenerator.render

    def logged(self, page, lang, name, relative_siteurl):
        with log.open("a", encoding="utf-8") as file:
            file.write(name + "\n")
        return render(self, page, lang, name, relative_siteurl)

    monkeypatch.setattr(CatalogueGenerator, "render", logged)
    return log


def rebuild(project: Project, capsys, rendered: Path) -> set[str]:
    """Build; the pages rendered."""
    rendered.write_text("", encoding="utf-8")
    code, printed = project.build(capsys)
    assert code == 0, printed
    assert "Traceback" not in printed
    return set(rendered.read_text(encoding="utf-8").split())


def test_a_manifest_unreadable_or_of_another_layout_renders_every_page_again(project: Project, capsys, rendered):
    assert project.build(capsys)[0] == 0
    manifest = manifest_path(project.output.resolve(), project.root / "cache")
    pages = {name for name in read_manifest(project.output.resolve(), project.root / "cache") if name.endswith(".html")}
    assert PAGE in pages
    assert rebuild(project, capsys, rendered) == set()  # nothing changed: nothing rendered
    before = files(project.output)

    old_layout = {name: ["0" * 32, [1, 2, 3]] for name in pages}
    for damaged in (b"\x00not a manifest", marshal.dumps((1, {})), marshal.dumps("a string"), b""):
        manifest.write_bytes(damaged)
        # The manifest of the layout before, in JSON, is left alone (and removed).
        manifest.with_suffix(".json").write_text(json.dumps(old_layout), encoding="utf-8")
        assert rebuild(project, capsys, rendered) == pages
        assert not manifest.with_suffix(".json").exists()
        # Rendered the same, the pages are linked: every file is the one it was.
        assert files(project.output) == before
    assert rebuild(project, capsys, rendered) == set()


def test_a_page_file_changed_since_it_was_written_is_rendered_again(project: Project, capsys, rendered):
    assert project.build(capsys)[0] == 0
    page = project.output / PAGE
    right = page.read_bytes()
    other = project.output / "en/products/dau-lac-hai-yen/index.html"
    other_stamp = other.stat().st_ino, other.stat().st_mtime_ns
    page.unlink()
    page.write_bytes(right.replace(b"<h1>", b"<h1>changed by hand "))
    assert rebuild(project, capsys, rendered) == {PAGE}
    assert page.read_bytes() == right
    assert (other.stat().st_ino, other.stat().st_mtime_ns) == other_stamp
    # The manifest now holds the page's new file: the next build renders nothing.
    assert rebuild(project, capsys, rendered) == set()
