"""Rebuilds that keep every file of the current output whose bytes do not change.

The new site is staged beside the output and swapped in by renaming. Before
the swap, each staged file whose bytes equal the current output's file is
replaced by a hard link to that file, so that after the swap it is the very
same file, with its inode and modification time: a deploy tool (rsync, a
CDN) sees only what changed. The current output's files are never opened
for writing.

The manifest (``CACHE_PATH/pages-<digest of the output's path>.marshal``) records, for each
catalogue page, the fingerprint it was rendered from and the file's inode,
size and modification time. A page whose fingerprint is unchanged, and whose
file is still the one written then, is linked without being rendered.

At national scale the manifest holds 60,000 pages: it is kept with ``marshal``
(a tenth of the time JSON took to read and write), under a version of its
layout. A manifest that cannot be read, of another version or of another
layout is no manifest: every page is rendered and compared again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import posixpath
from collections.abc import Collection, Iterable
from pathlib import Path

from .pickle_files import file_stamp
from .rendering import Outcome

# Bumped whenever the layout of the entries changes.
MANIFEST_VERSION = 2
# name -> (fingerprint, inode, size, modification time in ns)
Entry = tuple[str, int, int, int]
Manifest = dict[str, Entry]

# The last manifest read, with the stamp of its file: the build reads it for the
# names left in the spare, the generator for the pages kept.
_last_read: tuple[tuple, Manifest] | None = None


def manifest_path(output: Path, cache: Path) -> Path:
    return cache / f"pages-{hashlib.blake2b(str(output).encode(), digest_size=8).hexdigest()}.marshal"


def read_manifest(output: Path, cache: Path) -> Manifest:
    """The manifest of ``output``'s pages; empty when there is none this code can use."""
    global _last_read
    path = str(manifest_path(output, cache))
    found = file_stamp(path)
    if found is None:
        return {}
    if _last_read is not None and _last_read[0] == (path, *found):
        return _last_read[1]
    try:
        with open(path, "rb") as source:
            # loads, not load: marshal reads a file object in small pieces.
            version, entries = marshal.loads(source.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if version != MANIFEST_VERSION or not isinstance(entries, dict):
        return {}
    _last_read = ((path, *found), entries)
    return entries


def previous_pages(output: Path, cache: Path) -> Manifest:
    """The manifest's entries of the current output's pages that are still as written:
    ``name -> (fingerprint, inode, size, modification time)``."""
    prefix = f"{output}/"  # plain strings: 60,000 paths
    return {
        name: entry for name, entry in read_manifest(output, cache).items() if file_stamp(prefix + name) == entry[1:]
    }


def page_names(output: Path, cache: Path) -> Collection[str]:
    """The names of the pages in the output's manifest, as they were written."""
    return read_manifest(output, cache).keys()


def save_pages(output: Path, cache: Path, outcomes: Iterable[Outcome], still_written: Collection[str] = ()) -> None:
    """Record the fingerprint of every page now in ``output``.

    A page of ``still_written`` (its file was found as the manifest says when
    this build started, ``previous_pages``) linked again from the same
    fingerprint is the same file: its entry stays, without a look at the file."""
    previous = read_manifest(output, cache) if still_written else {}
    prefix = f"{output}/"  # plain strings: 60,000 paths
    entries: Manifest = {}
    for page in outcomes:
        name, fingerprint = page.name, page.fingerprint
        entry = previous.get(name)
        if entry is not None and not page.written and entry[0] == fingerprint and name in still_written:
            entries[name] = entry
            continue
        stamp = file_stamp(prefix + name)
        if stamp is not None:
            entries[name] = (fingerprint, *stamp)
    manifest = manifest_path(output, cache)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    temporary = manifest.with_suffix(".tmp")
    temporary.write_bytes(marshal.dumps((MANIFEST_VERSION, entries)))
    os.replace(temporary, manifest)
    manifest.with_suffix(".json").unlink(missing_ok=True)  # the layout before version 2


def link_unchanged(staging: Path, output: Path, pages: list[Outcome], skip: Iterable[str] = ()) -> None:
    """Hard-link into ``staging`` each current file whose bytes the new one repeats.

    The catalogue's ``pages`` are settled already, and so are the folders in
    ``skip`` (the search index); the other files (stories, theme files,
    pictures) were written by Pelican. Paths are plain strings and each file is
    looked at with two ``stat`` calls, once from each side: with ``pathlib``
    and the usual checks, comparing a national search index took 18 s instead of 5."""
    if not output.is_dir():
        return
    done = {page.name for page in pages}
    # The folder of a record's page holds nothing else: at national scale there
    # are tens of thousands, not worth listing.
    skipped = {posixpath.dirname(page.name) for page in pages if page.alone} | set(skip)
    _link_in_folder(f"{staging}/", f"{output}/", "", done, skipped)


def _link_in_folder(staging: str, output: str, folder: str, done: set[str], skipped: set[str]) -> None:
    """``link_unchanged`` in ``folder`` (relative, with a final '/', or '' for the top)."""
    with os.scandir(staging + folder) as entries:
        for entry in entries:
            name = folder + entry.name
            if entry.is_dir(follow_symlinks=False):
                if name not in skipped:
                    _link_in_folder(staging, output, name + "/", done, skipped)
            elif name not in done and not entry.is_symlink():
                _link_if_same(entry, output + name)


def _link_if_same(new: os.DirEntry, old: str) -> None:
    """Replace the staged file ``new`` by a hard link to ``old`` if their bytes are the same."""
    try:
        new_stat, old_stat = new.stat(follow_symlinks=False), os.stat(old)
    except OSError:
        return  # no current file of that name
    if (new_stat.st_ino, new_stat.st_dev) == (old_stat.st_ino, old_stat.st_dev):
        # Already the same file (pictures are links to the image cache): rename()
        # would do nothing and leave the temporary link behind.
        return
    if new_stat.st_size == old_stat.st_size and same_bytes(old, new.path, new_stat.st_size):
        _link_over(old, new.path)


def _link_over(source: str, target: str) -> None:
    """Make ``target`` a hard link to ``source`` through a temporary name beside it,
    replacing the file there (the new build's, or one the reused spare left)."""
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}.link")
    os.link(source, temporary)
    os.replace(temporary, target)


def same_bytes(first: str, second: str, size: int) -> bool:
    """Whether two files of ``size`` bytes hold the same bytes (one grown meanwhile differs)."""
    # Unbuffered: a read is one system call. One byte more than the size, so that one
    # read reaches the end of a small file (a short read of a regular file is its end).
    chunk = min(size + 1, 1 << 20)
    try:
        with open(first, "rb", buffering=0) as one, open(second, "rb", buffering=0) as other:
            while True:
                a, b = one.read(chunk), other.read(chunk)
                if a != b:
                    return False
                if len(a) < chunk:
                    return True
    except OSError:
        return False
