"""Files put where the build reads nothing: a record outside its kind's folder, a story outside
``content/stories/``.

A product copied into ``data/product/`` (the folder's name in the singular), into a folder of
its own under ``data/products/``, or into ``data/`` itself was not read, and so not published,
and the build said "ok": the editor believed it was on the site. Each such file is an error
that says where to move it.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .problems import Problem

# The keys that tell each kind of record apart, for saying which folder a stray one belongs in.
TELLING_KEYS = {"products": {"star", "certificate"}, "producers": {"kind", "commune"}, "fairs": {"start", "exhibitors"}}
READ_BESIDE = {"areas.yaml", "groups.yaml"}  # the files read in data/ itself
_TOP_KEY = re.compile(r"^([A-Za-z_]+)[ \t]*:", re.M)


def stray_records(data_dir: Path, base: Path, kinds: Iterable[str]) -> list[Problem]:
    """A problem for each YAML file under ``data_dir`` that none of the ``kinds``' folders holds."""
    kinds = list(kinds)
    named = [_folder(data_dir / kind / "-", base) for kind in kinds]
    folders = ", ".join(named[:-1]) + f" and {named[-1]}"
    problems = []
    for path in _unread(data_dir, (".yaml", ".yml"), read=set(kinds), beside=READ_BESIDE):
        kind = _kind_of(path)
        where = f"move it to {_folder(data_dir / kind / '-', base)}" if kind else "move it to the folder of its kind"
        message = f"not read: records are read only from {folders}, not from {_folder(path, base)}; {where}"
        problems.append(Problem(path.relative_to(base).as_posix(), 1, "-", message))
    return problems


def stray_stories(content: Path, base: Path) -> list[Problem]:
    """A problem for each Markdown file under ``content`` but in its stories folder (whose own
    folders and other files the stories' check reports) and its pictures'."""
    message = f"not read: stories are read from {_folder(content / 'stories' / '-', base)}; move it there"
    found = _unread(content, (".md", ".markdown"), pruned={"stories", "images"})
    return [Problem(path.relative_to(base).as_posix(), 1, "-", message) for path in found]


def _unread(
    top: Path,
    endings: tuple[str, ...],
    read: set[str] = frozenset(),
    pruned: set[str] = frozenset(),
    beside: set[str] = frozenset(),
) -> Iterator[Path]:
    """The files under ``top`` ending in one of ``endings`` (in any case), hidden ones aside, but
    those of its folders named in ``read`` (their own folders are walked), those under its folders
    named in ``pruned``, and those of ``top`` itself named in ``beside``."""
    for root, folders, files in os.walk(top):
        here = Path(root)
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and not (here == top and name in pruned)
        )
        if here.parent == top and here.name in read:
            continue
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(endings) and not (here == top and name in beside):
                yield here / name


def misplaced(data: object, kind: str, shown: str) -> str | None:
    """What to do with a record file of ``kind``, shown as ``shown``, whose keys are those of
    another kind, and none of its own: a producer copied into ``data/products/`` was told as six
    unknown or missing keys. None for any other."""
    keys = set(data) if isinstance(data, dict) else set()
    if not keys or keys & TELLING_KEYS.get(kind, set()):
        return None
    other = _told_kind(keys, besides=kind)
    if other is None:
        return None
    told = ", ".join(sorted(keys & TELLING_KEYS[other]))
    folder = posixpath.join(posixpath.dirname(posixpath.dirname(shown)), other)
    return f"its keys ({told}) are a {other.removesuffix('s')}'s: move the file to {folder}/"


def _kind_of(path: Path) -> str | None:
    """The kind of record the file's top-level keys tell, if they tell one."""
    try:
        keys = set(_TOP_KEY.findall(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return None
    return _told_kind(keys)


def _told_kind(keys: set[str], besides: str = "") -> str | None:
    """The one kind, other than ``besides``, whose telling keys are among ``keys``."""
    kinds = [kind for kind, telling in TELLING_KEYS.items() if kind != besides and keys & telling]
    return kinds[0] if len(kinds) == 1 else None


def _folder(path: Path, base: Path) -> str:
    """The folder holding ``path``, as the messages name it: ``data/products/``."""
    return path.parent.relative_to(base).as_posix() + "/"
