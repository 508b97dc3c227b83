"""A kept search index stays the same files, and the reused spare keeps them where they are, never
written into; a new index moves in but for the files that repeat the published ones."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

from conftest import Project
from ocop_catalogue import search
from ocop_catalogue.compress import precompress
from ocop_catalogue.staging import _remove_files, mirror_links, move_in
from test_search_index import rename_a_product

PAGEFIND_FAILS = [sys.executable, "-c", "import sys; sys.exit('Pagefind ran')"]


def stamps(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each file's inode, modification time and bytes."""
    return {
        str(path.relative_to(folder)): (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_mirroring_keeps_the_same_files_and_replaces_the_others_without_writing_into_them(tmp_path: Path):
    current, new = tmp_path / "current", tmp_path / "new"
    (current / "fragment").mkdir(parents=True)
    for name in ("entry.json", "fragment/a", "fragment/b", "fragment/c"):
        (current / name).write_text(name, encoding="utf-8")
    (new / "fragment").mkdir(parents=True)
    os.link(current / "fragment/a", new / "fragment/a")  # already the same file
    (new / "fragment/b").write_text("an older b", encoding="utf-8")  # another file of that name
    other = tmp_path / "other"
    other.write_text("published elsewhere", encoding="utf-8")
    os.link(other, new / "fragment/gone")  # no longer in the index
    (new / "entry.json").mkdir()  # a folder where a file is now
    (new / "old-folder").mkdir()
    (new / "old-folder/x").write_text("x", encoding="utf-8")
    kept_inode = (new / "fragment/a").stat().st_ino
    before = stamps(current)

    mirror_links(str(current), str(new))

    assert sorted(path.relative_to(new).as_posix() for path in new.rglob("*")) == sorted(
        path.relative_to(current).as_posix() for path in current.rglob("*")
    )
    for name in ("entry.json", "fragment/a", "fragment/b", "fragment/c"):
        assert os.path.samefile(current / name, new / name)
    assert (new / "fragment/a").stat().st_ino == kept_inode
    assert stamps(current) == before
    assert other.read_text(encoding="utf-8") == "published elsewhere"  # unlinked, not written into


def test_a_new_index_moves_in_but_for_the_files_the_published_one_repeats(tmp_path: Path):
    current, fresh, new = tmp_path / "current", tmp_path / "fresh", tmp_path / "new"
    for folder, files in {
        current: {"entry.json": "old entry", "fragment/a": "a", "fragment/b": "old b", "fragment/old": "old"},
        fresh: {"entry.json": "new entry", "fragment/a": "a", "fragment/b": "new b", "fragment/c": "c", "x/y": "y"},
    }.items():
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    # What the reused spare kept: the published files, and others.
    (new / "fragment").mkdir(parents=True)
    os.link(current / "fragment/a", new / "fragment/a")
    os.link(current / "fragment/b", new / "fragment/b")
    os.link(current / "fragment/old", new / "fragment/old")
    (new / "x").write_text("a file where a folder is now", encoding="utf-8")
    kept_inode = (new / "fragment/a").stat().st_ino
    fresh_b = (fresh / "fragment/b").stat().st_ino
    before = stamps(current)

    move_in(str(fresh), str(current), str(new))

    assert {name: data for name, (_, _, data) in stamps(new).items()} == {
        "entry.json": b"new entry",
        "fragment/a": b"a",
        "fragment/b": b"new b",
        "fragment/c": b"c",
        "x/y": b"y",
    }
    assert (new / "fragment/a").stat().st_ino == kept_inode  # the published file
    assert (new / "fragment/b").stat().st_ino == fresh_b  # moved in, not copied
    assert stamps(current) == before  # the published index: unlinked, never written into
    assert sorted(stamps(fresh)) == ["fragment/a"]  # what is left repeats the published index


def test_the_spare_leaves_the_kept_folders_files_where_they_are(tmp_path: Path):
    for name in ("pagefind/fragment/a", "pagefind/entry.json", "a/b/page.html", "a/b/other.txt", "c/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    (outside / "x").mkdir(parents=True)
    (outside / "x/y.txt").write_text("not the site's", encoding="utf-8")
    (tmp_path / "c/linked").symlink_to(outside / "x")  # unlinked, never followed
    (tmp_path / "c/page.html").symlink_to(outside / "x/y.txt")
    folders, left = _remove_files(tmp_path, {"a/b/page.html", "c/page.html"}, ["pagefind"])
    assert (outside / "x/y.txt").read_text(encoding="utf-8") == "not the site's"
    assert left == ["a/b/page.html"]
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()) == [
        "a/b/page.html",
        "pagefind/entry.json",
        "pagefind/fragment/a",
    ]
    # The kept folders are not listed (nor pruned); a folder comes after those inside it.
    assert sorted(folders) == ["a", "a/b", "c"]
    assert folders.index("a/b") < folders.index("a")


def test_a_kept_index_stays_the_same_files_build_after_build(project: Project, capsys, monkeypatch):
    assert project.build(capsys)[0] == 0
    first = stamps(project.output / "pagefind")
    monkeypatch.setattr(search, "PAGEFIND", PAGEFIND_FAILS)
    # The third build stages into the spare, the first site, whose index is the same files.
    for _ in range(3):
        assert project.build(capsys)[0] == 0
        assert stamps(project.output / "pagefind") == first
    spare = next((project.root / "cache").glob("spare-*"))
    assert stamps(spare / "pagefind") == first


def test_pagefind_never_writes_into_the_index_the_spare_kept(project: Project, capsys, monkeypatch):
    for _ in range(2):
        assert project.build(capsys)[0] == 0
    # The spare is the first site: its index files are those of the output.
    published = stamps(project.output / "pagefind")
    spare = next((project.root / "cache").glob("spare-*"))
    assert stamps(spare / "pagefind") == published
    rename_a_product(project, "Dầu lạc", "Dầu phộng")  # a new name: Pagefind indexes again

    def fail_after_indexing(*args, **kwargs):
        raise RuntimeError("stopped after the index was written")

    monkeypatch.setattr("ocop_catalogue.build.link_unchanged", fail_after_indexing)
    code, printed = project.build(capsys)
    assert code == 1 and "stopped after the index was written" in printed
    assert stamps(project.output / "pagefind") == published

    monkeypatch.undo()
    assert project.build(capsys)[0] == 0
    assert stamps(project.output / "pagefind") != published


def test_a_new_index_leaves_nothing_beside_the_output_and_clears_what_a_killed_build_left(project: Project, capsys):
    assert project.build(capsys)[0] == 0
    aside = project.root / ".output.staging.pagefind"  # where Pagefind writes a new index
    (aside / "fragment").mkdir(parents=True)
    (aside / "pagefind-entry.json").write_text("left by a killed build", encoding="utf-8")
    (aside / "fragment/stale.pf_fragment").write_text("stale", encoding="utf-8")
    rename_a_product(project, "Dầu lạc", "Dầu phộng")  # Pagefind indexes again
    assert project.build(capsys)[0] == 0
    assert not aside.exists()
    bundle = project.output / "pagefind"
    assert not (bundle / "fragment/stale.pf_fragment").exists()
    assert json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert [path.name for path in project.root.iterdir() if path.name.startswith(".output")] == []


def test_a_twin_linked_from_the_published_site_is_replaced_not_written_into(tmp_path: Path):
    published, staged = tmp_path / "output", tmp_path / "staging"
    for folder in (published, staged):
        folder.mkdir()
    script = "pagefind-ui.js"
    (staged / script).write_text("const words = 'tìm kiếm';\n" * 40, encoding="utf-8")
    (published / f"{script}.gz").write_bytes(b"the published twin")
    os.link(published / f"{script}.gz", staged / f"{script}.gz")  # as a kept index links it
    assert precompress(staged, {"PRECOMPRESS_GZIP": True}) == 1
    assert (published / f"{script}.gz").read_bytes() == b"the published twin"
    assert gzip.decompress((staged / f"{script}.gz").read_bytes()) == (staged / script).read_bytes()
