"""Files that are links leading outside the repository are refused.

A symbolic link committed under ``data/`` or ``content/`` could make the build
read, and Pelican publish, any file of the machine that builds the site (a
key, a password file). Links that stay inside the repository are harmless.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .problems import Problem

MESSAGE = "the file is a link to a place outside the repository (or a loop of links); put the file itself here"


def leaves(path: Path, root: Path) -> bool:
    """Whether ``path`` resolves to somewhere outside ``root`` (or, a loop of links, nowhere)."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return True


def links_leaving(folder: Path, root: Path) -> Iterator[Problem]:
    """Every link under ``folder`` whose target lies outside ``root``."""
    for directory, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(directory) / name
            if path.is_symlink() and leaves(path, root):
                yield Problem(path.relative_to(root).as_posix(), 1, "-", MESSAGE)
