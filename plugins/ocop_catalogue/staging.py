"""The staging folder a build writes into, swapped in place of the output by renaming.

A build writes the new site beside the output (``.output.staging``) and puts it
in place with two renames only when it is complete, so a failed or killed
build leaves the published output as it was.

The replaced site is not deleted: it becomes the *spare*
(``CACHE_PATH/spare-<digest of the output's path>``), and the next build
empties it of files and stages into it. Removing a directory is slow on many
disks (a file system mounted with ``discard`` trims the freed block at once:
over a millisecond per folder), and a catalogue has a folder per page, tens of
thousands at national scale, while unlinking files and reusing folders is
cheap. Folders the new site does not use are removed after the build.

Emptying the spare means listing and unlinking the files of the last site, so
it runs in a forked process while the build reads its records (on a thread, it
contended with the reading for the interpreter lock: seconds at national
scale). Whatever writes into the staging folder first calls ``wait_until_empty``.

The catalogue's pages (``reusable``: the names in the current output's
manifest) are left in the spare. Most are hard links to the very files of the
current output, since unchanged pages keep their file from build to build: the
page writer keeps such a file where it is, instead of unlinking it and linking
it again (at national scale, 60,000 of each), and replaces any other by
unlinking it, never by writing into it, since it may be a published file.
``remove_left`` then unlinks those the new site has no page for.

The search index's folder (``kept``) is left whole in the spare, for the same
reason: when the build keeps the index, ``mirror_links`` leaves the files that
are already the current index's own and replaces the others; when Pagefind
runs, it writes beside the staging folder and ``move_in`` moves its files in,
but for those that repeat the current index's bytes, which are handled as
``mirror_links`` handles them.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from collections.abc import Callable, Collection
from pathlib import Path

from .forked import Forked
from .incremental import same_bytes


def staging_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.staging")


def old_path(target: Path) -> Path:
    """Where the replaced site stands between the swap's two renames."""
    return target.with_name(f".{target.name}.old")


def spare_path(target: Path, cache: Path) -> Path:
    return cache / f"spare-{hashlib.blake2b(str(target).encode(), digest_size=8).hexdigest()}"


# The spares being emptied: ``_remove_files`` forked, its result (folders kept, files left).
_emptying: dict[Path, Forked[tuple[list[str], list[str]]]] = {}


def prepare_staging(target: Path, cache: Path, reusable: Collection[str] = (), kept: Collection[str] = ()) -> Path:
    """The staging folder, made from the spare when there is one.

    A reused spare is emptied in the background of every file but the
    ``reusable`` ones and those in the ``kept`` folders (their owner replaces
    them, see ``mirror_links``): call ``wait_until_empty`` before writing into it."""
    _recover(target)
    staging, spare = staging_path(target), spare_path(target, cache)
    # Left by a killed build: a half-written staging folder, a replaced site.
    for leftover in (staging, old_path(target)):
        if leftover.is_dir():
            _keep_as_spare(leftover, spare)
    if spare.is_dir():
        spare.rename(staging)
        _emptying[staging] = Forked(_remove_files, staging, reusable, kept)
        return staging
    staging.mkdir(parents=True)
    return staging


def wait_until_empty(staging: Path) -> list[str]:
    """Wait until ``staging`` holds no files; returns the folders it kept
    (relative, deepest first), for ``prune_folders``. Returns at once for a new folder."""
    emptying = _emptying.get(staging)
    if emptying is None:
        return []
    try:
        folders, _ = emptying.result()
    except BaseException:
        del _emptying[staging]
        raise
    return folders


def remove_left(staging: Path, produced: set[str]) -> None:
    """Unlink the reusable files left in the spare that the new site did not produce."""
    emptying = _emptying.get(staging)
    if emptying is None:
        return
    wait_until_empty(staging)  # raises what the emptying raised
    _, left = emptying.result()
    for name in left:
        if name not in produced:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(staging / name)


def swap_in(staging: Path, target: Path, cache: Path) -> None:
    """Put the complete new site in place of the old one with two renames."""
    _emptying.pop(staging, None)
    old = old_path(target)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.is_dir():
        _keep_as_spare(old, spare_path(target, cache))


def discard_staging(staging: Path, target: Path, cache: Path) -> None:
    """After a failed build: the staging folder becomes the spare; the output is untouched."""
    emptying = _emptying.pop(staging, None)
    if emptying is not None:
        emptying.wait()
    if staging.is_dir():
        _keep_as_spare(staging, spare_path(target, cache))


def prune_folders(staging: Path, folders: list[str], pages: set[str]) -> None:
    """Remove the kept folders that the new site left empty (a deleted record's).

    The folders holding ``pages`` (and theirs) are not empty: at national scale
    they are tens of thousands, not worth a system call each."""
    full = {folder for page in pages for folder in _parents(page)}
    for folder in folders:
        if folder in full:
            continue
        try:
            os.rmdir(staging / folder)
        except OSError as error:
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOENT):
                raise


def _parents(name: str) -> list[str]:
    """``a/b/index.html`` → ``["a/b", "a"]``."""
    parts = name.split("/")[:-1]
    return ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _recover(target: Path) -> None:
    """A build killed between the swap's two renames left the site aside: put it back."""
    old = old_path(target)
    if old.is_dir() and not target.exists():
        old.rename(target)


def _keep_as_spare(folder: Path, spare: Path) -> None:
    """Move ``folder`` to the spare's place, or delete it when it cannot go there."""
    if not spare.exists():
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            folder.rename(spare)
            return
        except OSError:  # the cache on another file system
            pass
    shutil.rmtree(folder, ignore_errors=True)


def _remove_files(root: Path, reusable: Collection[str], kept: Collection[str] = ()) -> tuple[list[str], list[str]]:
    """Unlink every file under ``root`` but the ``reusable`` ones and those in the
    ``kept`` folders, keep the folders; return the folders, deepest first, and the
    files left (but the kept folders' own).

    A walk with ``scandir`` alone: the entries' types come with the names, where
    ``os.walk`` and a look for links cost a ``stat`` per folder, 60,000 at
    national scale (a third of the walk)."""
    folders, left = [], []

    def empty(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if name not in kept:
                        folders.append(name)  # before those inside it
                        empty(entry.path, f"{name}/")
                elif name in reusable and not entry.is_symlink():
                    left.append(name)
                else:
                    os.unlink(entry.path)

    empty(str(root), "")
    return folders[::-1], left


def mirror_links(current: str, new: str) -> None:
    """Make the folder ``new`` hold the very files of ``current``, as hard links.

    ``new`` may be a kept folder of the spare (``prepare_staging``): a file that
    is already the same file as ``current``'s (the same inode, on the same file
    system) is left where it is, and any other is unlinked, never written into."""

    def link(entry: os.DirEntry, name: str, target: str, found: os.DirEntry | None) -> None:
        _link_unless_there(entry.path, entry.inode(), target, found)

    _fill(current, new, link)


def move_in(fresh: str, current: str, new: str) -> None:
    """Move the files of the folder ``fresh`` into the folder ``new``, but where
    ``current`` has a file of the same name and bytes: ``new`` gets that very file
    (a hard link), which keeps its inode and modification time.

    ``new`` may be a kept folder of the spare (``prepare_staging``), most of whose
    files are ``current``'s own already: those are left where they are. Any other
    file there is replaced or unlinked, never written into. What is left in
    ``fresh`` is what ``current`` repeats."""

    def move(entry: os.DirEntry, name: str, target: str, found: os.DirEntry | None) -> None:
        old = os.path.join(current, name)
        same = _same_file(entry, old)
        if same is None:
            os.replace(entry.path, target)
        else:
            _link_unless_there(old, same.st_ino, target, found)

    _fill(fresh, new, move)


Place = Callable[[os.DirEntry, str, str, "os.DirEntry | None"], None]


def _fill(source: str, new: str, place: Place, relative: str = "") -> None:
    """Give the folder ``new`` an entry for each of the folder ``source``'s, and no
    other: its folders, and each file as ``place(entry, name relative to the
    top, target path, what ``new`` holds there)`` puts it."""
    os.makedirs(new, exist_ok=True)
    with os.scandir(new) as scan:
        there = {entry.name: entry for entry in scan}
    with os.scandir(source) as scan:
        for entry in scan:
            target = os.path.join(new, entry.name)
            found = there.pop(entry.name, None)
            folder = entry.is_dir(follow_symlinks=False)
            if found is not None and found.is_dir(follow_symlinks=False) != folder:
                _remove(found)
                found = None
            if folder:
                _fill(entry.path, target, place, f"{relative}{entry.name}/")
            else:
                place(entry, relative + entry.name, target, found)
    for found in there.values():
        _remove(found)


def _link_unless_there(source: str, inode: int, target: str, found: os.DirEntry | None) -> None:
    """Hard-link ``source`` (of ``inode``) at ``target``, unless ``found`` there is that file already."""
    if found is not None and found.inode() == inode:
        return
    if found is not None:
        os.unlink(target)
    os.link(source, target)


def _same_file(entry: os.DirEntry, old: str) -> os.stat_result | None:
    """``old``'s status if it is a file of the same bytes as ``entry``'s."""
    try:
        size, found = entry.stat(follow_symlinks=False).st_size, os.stat(old)
    except OSError:
        return None
    return found if found.st_size == size and same_bytes(entry.path, old, size) else None


def _remove(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)
