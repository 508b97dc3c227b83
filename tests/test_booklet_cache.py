"""Two builds of one project at once share its kept booklets: one may prune or keep a booklet
while the other links it. Neither may fail for it (the publishing tests build the demo for
two addresses at once, and once failed with "No such file or directory" from the cache)."""

from __future__ import annotations

import os
from pathlib import Path

from ocop_catalogue.booklet_cache import BookletCache


def booklet(path: Path, content: bytes = b"%PDF a") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_a_booklet_pruned_by_another_build_after_this_one_looked_is_rendered(tmp_path: Path, monkeypatch):
    cache = BookletCache(tmp_path / "cache")
    cache.keep("a", booklet(tmp_path / "first/star-5.pdf"))
    (tmp_path / "cache/a.pdf").unlink()  # the other build's prune...
    monkeypatch.setattr(os.path, "exists", lambda path: True)  # ...after this one saw it there
    assert cache.fetch("a", tmp_path / "second/star-5.pdf") is False
    assert not (tmp_path / "second/star-5.pdf").exists()


def test_keeping_or_pruning_what_another_build_kept_or_pruned_meanwhile_goes_on(tmp_path: Path, monkeypatch):
    cache = BookletCache(tmp_path / "cache")
    cache.keep("a", booklet(tmp_path / "first/star-5.pdf"))
    cache.keep("a", booklet(tmp_path / "second/star-5.pdf"))  # rendered by both builds
    assert cache.fetch("a", tmp_path / "third/star-5.pdf")
    assert (tmp_path / "third/star-5.pdf").read_bytes() == b"%PDF a"
    listed = list(os.scandir(tmp_path / "cache"))
    for entry in listed:  # the other build's prune, between this one's listing and its removal
        os.unlink(entry.path)
    monkeypatch.setattr(os, "scandir", lambda folder: iter(listed))
    cache.prune(set())
