"""Files that are links leading outside the repository are refused.

A symbolic link committed under ``data/`` or ``content/`` could make the build
read, and Pelican publish, any file of the machine that builds the site (a
key, a password file). Links that stay inside the repository are harmless.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .problems import Problem

MESSAGE = "the file is a link to a place outside the repository (or a loop of links); put the file itself here"


def leaves(path: Path, root: Path) -> bool:
    """Whether ``path`` resolves to somewhere outside ``root`` (or, a loop of links, nowhere)."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return True


def leaving_names(folder: str, entries: Iterable[tuple[str, bool]], root: Path) -> set[str]:
    """The names of ``folder`` that ``leaves`` refuses, of ``entries`` given as
    ``(name, whether it is a link)``.

    The same answers for a fraction of the system calls: a file that is not a
    link, in a folder whose real path lies inside ``root``, resolves inside it.
    Only links, or every file of a folder leading elsewhere, are resolved one by one."""
    real, real_root = _real_path(folder), _real_path(str(root))
    trusted = real is not None and real_root is not None and _within(real, real_root)
    return {name for name, is_link in entries if (is_link or not trusted) and leaves(Path(folder, name), root)}


def _real_path(path: str) -> str | None:
    try:
        return os.path.realpath(path, strict=True)
    except OSError:  # missing, or a loop of links: left to ``leaves``
        return None


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(os.path.join(root, ""))


def links_leaving(folder: Path, root: Path) -> Iterator[Problem]:
    """Every link under ``folder`` whose target lies outside ``root``."""
    for directory, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(directory) / name
            if path.is_symlink() and leaves(path, root):
                yield Problem(path.relative_to(root).as_posix(), 1, "-", MESSAGE)
