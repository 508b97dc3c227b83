"""Rebuilds that keep every file of the current output whose bytes do not change.

The new site is staged beside the output and swapped in by renaming. Before
the swap, each staged file whose bytes equal the current output's file is
replaced by a hard link to that file, so that after the swap it is the very
same file, with its inode and modification time: a deploy tool (rsync, a
CDN) sees only what changed. The current output's files are never opened
for writing.

The manifest (``CACHE_PATH/pages-<digest of the output's path>.json``) records, for each
catalogue page, the fingerprint it was rendered from and the file's inode,
size and modification time. A page whose fingerprint is unchanged, and whose
file is still the one written then, is linked without being rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections.abc import Iterable
from pathlib import Path

from .rendering import Outcome


def manifest_path(output: Path, cache: Path) -> Path:
    return cache / f"pages-{hashlib.blake2b(str(output).encode(), digest_size=8).hexdigest()}.json"


def _signature(path: str) -> list[int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def _manifest(output: Path, cache: Path) -> dict:
    try:
        entries = json.loads(manifest_path(output, cache).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def previous_pages(output: Path, cache: Path) -> dict[str, str]:
    """``name -> fingerprint`` of the current output's pages that are still as written."""
    return {
        name: entry[0]
        for name, entry in _manifest(output, cache).items()
        if isinstance(entry, list) and len(entry) == 2 and _signature(os.path.join(output, name)) == entry[1]
    }


def page_names(output: Path, cache: Path) -> set[str]:
    """The names of the pages in the output's manifest, as they were written."""
    return set(_manifest(output, cache))


def save_pages(output: Path, cache: Path, outcomes: Iterable[Outcome]) -> None:
    """Record the fingerprint of every page now in ``output``."""
    entries = {page.name: [page.fingerprint, _signature(os.path.join(output, page.name))] for page in outcomes}
    manifest = manifest_path(output, cache)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    temporary = manifest.with_suffix(".tmp")
    temporary.write_text(json.dumps(entries, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, manifest)


def link_unchanged(staging: Path, output: Path, pages: list[Outcome], skip: Iterable[str] = ()) -> None:
    """Hard-link into ``staging`` each current file whose bytes the new one repeats.

    The catalogue's ``pages`` are settled already, and so are the folders in
    ``skip``; the other files (stories, theme files, pictures) were written by Pelican."""
    if not output.is_dir():
        return
    done = {page.name for page in pages}
    # The folder of a record's page holds nothing else: at national scale there
    # are tens of thousands, not worth listing.
    skipped = {posixpath.dirname(page.name) for page in pages if page.alone} | set(skip)
    for folder, folders, names in os.walk(staging):
        relative = Path(folder).relative_to(staging).as_posix()
        prefix = "" if relative == "." else relative + "/"
        folders[:] = [name for name in folders if prefix + name not in skipped]
        for name in names:
            if prefix + name in done:
                continue
            old, new = output / (prefix + name), Path(folder) / name
            # Already the same file (pictures are links to the image cache): rename()
            # would do nothing and leave the temporary link behind.
            if old.exists() and os.path.samefile(old, new):
                continue
            if _same_file_content(old, new):
                temporary = new.with_name(f".{name}.link")
                os.link(old, temporary)
                os.replace(temporary, new)


def _same_file_content(old: Path, new: Path) -> bool:
    try:
        old_stat, new_stat = old.stat(), new.stat()
        if old_stat.st_size != new_stat.st_size:
            return False
        with old.open("rb") as first, new.open("rb") as second:
            while True:
                a, b = first.read(1 << 20), second.read(1 << 20)
                if a != b:
                    return False
                if not a:
                    return True
    except OSError:
        return False
