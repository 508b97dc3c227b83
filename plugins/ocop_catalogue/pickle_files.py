"""Caches kept as pickle files: read as nothing when missing or unreadable, replaced whole.

A cache file is never written into: the new one is written beside it and renamed over it,
so a build that stops half-way leaves the last whole one, and a reader never sees half a file.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from .long_lived import paused_gc


def file_stamp(path: Path | str) -> tuple[int, int, int] | None:
    """The file's inode, size and modification time; None when it cannot be seen.

    A file replaced whole (as these caches are) gets a new inode, so an equal stamp
    means the very file seen before, unread."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


def read_pickle(path: Path) -> object:
    try:
        with path.open("rb") as source, paused_gc():
            return pickle.load(source)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None


def write_pickle(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with temporary.open("wb") as target, paused_gc():
        pickle.dump(value, target, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def cache_path(settings: dict[str, Any]) -> Path:
    """``CACHE_PATH``, relative to the project (the folder holding content/ and data/)."""
    return Path(settings["PATH"]).parent / settings.get("CACHE_PATH", "cache")


def record_cache_folder(settings: dict[str, Any]) -> Path | None:
    """``CACHE_PATH``, unless ``CATALOGUE_RECORD_CACHE`` is False: no records are cached then."""
    return cache_path(settings) if settings.get("CATALOGUE_RECORD_CACHE", True) else None
