"""Pictures downscaled once to print size and kept in the image cache.

A file is named by the hash of the source bytes and the print settings, so
a rebuild finds it and never encodes the same picture again, and a changed
picture gets a new file. The ``print-`` prefix keeps these apart from the
web pictures in the same folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from PIL import Image

from . import pixels
from .pixels import on_white, prepared

PRINT_WIDTH = 600
PRINT_QUALITY = 82


def print_picture(source: Path, cache: Path, width: int = PRINT_WIDTH, quality: int = PRINT_QUALITY) -> Path:
    """The cached print-size JPEG of ``source``, encoded now only if missing."""
    target = cache / print_name(source, width, quality)
    if not target.exists():
        _encode(source, target, width, quality)
    return target


def print_name(source: Path, width: int = PRINT_WIDTH, quality: int = PRINT_QUALITY) -> str:
    """The name of ``source``'s print-size JPEG: from its bytes and the print settings."""
    digest = hashlib.sha256(source.read_bytes())
    digest.update(f"{width}:{quality}:{pixels.VERSION}".encode())
    return f"print-{digest.hexdigest()[:20]}-{width}.jpg"


def _encode(source: Path, target: Path, width: int, quality: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        picture = on_white(prepared(image))
    if picture.width > width:
        picture = picture.resize((width, round(picture.height * width / picture.width)), Image.Resampling.LANCZOS)
    # Written beside the target and renamed, so a parallel build never reads half a file.
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    picture.save(partial, "JPEG", quality=quality, optimize=True, progressive=False)
    os.replace(partial, target)
