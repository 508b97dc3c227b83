"""Precompressed twins of the text files: ``page.html.gz`` and ``page.html.br``.

Hosts that serve precompressed files (nginx's ``gzip_static`` and
``brotli_static``, some CDNs) then send the smallest form without compressing
on every request. The twins are
reproducible: gzip's header carries no time nor name, and brotli's output
depends on the input alone.

Brotli at quality 11, its best, costs about 8 ms of CPU per catalogue page,
and quality 10 less than half of that for files 1-2 % larger (figures in
docs/publishing.md); ``PRECOMPRESS_BROTLI_QUALITY`` chooses. The files are
shared out over every core. This is done here rather than with the
pelican-precompress plugin because that plugin fixes brotli's quality at 11
and runs on Pelican's ``finalized`` signal, possibly before other plugins
write their last files; the build calls :func:`precompress` once Pelican is done.

Settings, named as the pelican-precompress plugin names them:
``PRECOMPRESS_GZIP``, ``PRECOMPRESS_BROTLI`` (both off unless set),
``PRECOMPRESS_BROTLI_QUALITY`` (11), ``PRECOMPRESS_MIN_SIZE`` (bytes, 256) and
``PRECOMPRESS_TEXT_EXTENSIONS``.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import brotli

from .rendering import link_file

TEXT_EXTENSIONS = (".atom", ".css", ".csv", ".html", ".js", ".json", ".svg", ".txt", ".webmanifest", ".xml")
MIN_SIZE = 256
BROTLI_QUALITY = 11


def gzip_bytes(data: bytes) -> bytes:
    """gzip at level 9 with no time stamp, so two builds give the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes, quality: int = BROTLI_QUALITY) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality)


def text_files(output: Path, extensions: tuple[str, ...], min_size: int) -> Iterator[Path]:
    """The files worth compressing, in a stable order."""
    for path in sorted(output.rglob("*")):
        if path.suffix in extensions and path.is_file() and path.stat().st_size >= min_size:
            yield path


def precompress(output: Path, settings: dict[str, Any], previous: Path | None = None) -> int:
    """Write the twins the settings ask for beside every text file; returns how many were written.

    A file that is still ``previous``'s own (the build kept it or linked it: the same
    inode, so the same bytes, since a published file is never written into) gets the
    twins ``previous`` has of it, linked: only new and changed files are compressed,
    and an unchanged file's twins keep their inode and modification time too."""
    encoders = _encoders(settings)
    if not encoders:
        return 0
    extensions = tuple(settings.get("PRECOMPRESS_TEXT_EXTENSIONS", TEXT_EXTENSIONS))
    paths = list(text_files(output, extensions, settings.get("PRECOMPRESS_MIN_SIZE", MIN_SIZE)))
    if previous is not None:
        paths = [path for path in paths if not _link_twins(path, previous / path.relative_to(output), encoders)]
    workers = min(os.cpu_count() or 1, max(1, len(paths) // 50))
    if workers == 1:
        return sum(map(partial(_write_twins, encoders=encoders), paths))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(partial(_write_twins, encoders=encoders), paths, chunksize=32))


def _link_twins(path: Path, old: Path, encoders: dict[str, int | None]) -> bool:
    """Link ``old``'s twins beside ``path`` if ``path`` is ``old`` itself and ``old`` has
    them all (it may not: a twin no smaller than its file is not written); whether it did."""
    twins = [(f"{old}{suffix}", f"{path}{suffix}") for suffix in encoders]
    try:
        if not os.path.samestat(os.stat(path), os.stat(old)):
            return False
        for old_twin, _ in twins:
            os.stat(old_twin)
    except OSError:
        return False
    for old_twin, new_twin in twins:
        link_file(old_twin, new_twin)  # the one the reused spare may have left there is kept
    return True


def precompressing(settings: dict[str, Any]) -> bool:
    """Whether the settings ask for compressed twins."""
    return bool(_encoders(settings))


def _encoders(settings: dict[str, Any]) -> dict[str, int | None]:
    """Twin suffix → brotli quality (None for gzip); a plain dict, so it travels to worker processes."""
    encoders: dict[str, int | None] = {}
    if settings.get("PRECOMPRESS_GZIP"):
        encoders[".gz"] = None
    if settings.get("PRECOMPRESS_BROTLI"):
        encoders[".br"] = int(settings.get("PRECOMPRESS_BROTLI_QUALITY", BROTLI_QUALITY))
    return encoders


def _write_twins(path: Path, encoders: dict[str, int | None]) -> int:
    data = path.read_bytes()
    written = 0
    for suffix, quality in encoders.items():
        packed = gzip_bytes(data) if quality is None else brotli_bytes(data, quality)
        # A twin no smaller than its file is of no use: the host then sends the file itself.
        if len(packed) < len(data):
            _replace(path.with_name(path.name + suffix), packed)
            written += 1
    return written


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` through a new file: a twin already there may be a hard
    link to the published site's (the search index's files are linked from it)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
