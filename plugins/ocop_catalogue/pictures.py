"""Is a picture file one that the site can show? Checked cheaply, and every
failure becomes a sentence for the editor rather than Pillow's own warning.

- A file Pillow cannot identify is not a picture; a HEIC photo (an iPhone's) is told as one.
- A picture wider or taller than ``CATALOGUE_MAX_PICTURE_SIDE`` (10,000 px by
  default: more than any phone camera) is refused before it is decoded; so are
  decompression bombs, whose few kilobytes claim gigabytes of pixels. Pillow's
  own limit (89 million pixels, a 9,459 px square) is set aside while the
  header is read: it refused a genuine 9,800 px square photo that the side
  limit allows, and named it a decompression bomb. The build then lets Pillow
  open every picture up to the side limit (``allow_pictures_up_to``).
- A truncated or damaged picture: ``verify()`` checks a PNG's chunks through
  its end, but reads nothing of a JPEG's image data, so a JPEG is decoded at
  one eighth of its size (libjpeg still reads every byte, in 1/64 of the memory
  and a few milliseconds). Nor does ``verify()`` inflate a PNG's compressed
  pixels: a PNG whose checksums are sound but whose pixels are not passed, and
  the build failed on it with Pillow's "broken data stream". The pixels are
  inflated here and counted, a megabyte at a time, none of them kept. Other
  formats (WebP, GIF...) are few and decoded whole.
"""

from __future__ import annotations

import os
import struct
import unicodedata
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageFile

MAX_SIDE = 10_000
DAMAGED = "the picture is damaged (its pixels cannot be decoded); export or copy it again"
TRUNCATED = "the file is cut short (truncated); copy it again"
# iPhones save their photos as HEIC unless told otherwise; browsers but Safari cannot show them.
HEIC = (
    "it is a HEIC photo (an iPhone's format), which most browsers cannot show: export it as JPEG "
    "(on the iPhone: Settings > Camera > Formats > Most Compatible)"
)
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
# A PNG's channels by colour type, and the seven passes (first column and row, steps) of
# an interlaced one: what the size of its inflated pixel data follows from.
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_INFLATED_AT_ONCE = 1 << 20


def named_alike(path: Path) -> Path | None:
    """The file beside the missing ``path`` that is named as it is but for capitals or its
    ending: a camera's ``IMG_2041.JPG`` written ``IMG_2041.jpg``, ``x.jpeg`` written ``x.jpg``;
    or but for the form of its letters: "Dầu lạc.jpg" saved by a Mac with its accents as marks
    of their own (decomposed), where the record's text is composed. Windows and macOS find such
    a file under either name; the server the site is built on does not."""
    try:
        names = sorted(os.listdir(path.parent))
    except OSError:
        return None
    written = _comparable(path.name)
    stem = os.path.splitext(written)[0]
    for alike in (
        lambda name: _comparable(name) == written,
        lambda name: os.path.splitext(_comparable(name))[0] == stem,
    ):
        found = next((name for name in names if alike(name) and (path.parent / name).is_file()), None)
        if found is not None:
            return path.parent / found
    return None


def alike_hint(path: Path, alike: Path, shown: str) -> str:
    """The end of a missing picture's message, ``alike`` found by ``named_alike``: the name to
    write, shown as ``shown``; or, for a name that differs in the form of its letters alone (the
    two look the same), that the file is to be renamed."""
    if unicodedata.normalize("NFC", alike.name) == unicodedata.normalize("NFC", path.name):
        return (
            "; the file's name has its accents as marks of their own, as a Mac may save it, so the "
            "server does not find it: rename the file with letters a-z, digits and -, and write that"
        )
    return f"; did you mean {shown}?"


def _comparable(name: str) -> str:
    return unicodedata.normalize("NFC", name).lower()


def allow_pictures_up_to(max_side: int) -> None:
    """Let Pillow open, without a warning, every picture the check accepts: at most
    ``max_side`` pixels a side. The check read each size before any pixel was decoded."""
    Image.MAX_IMAGE_PIXELS = max(max_side * max_side, Image.MAX_IMAGE_PIXELS or 0)


def picture_problem(path: Path, max_side: int = MAX_SIDE) -> str | None:
    """What is wrong with the picture at ``path``, or None when it is fine."""
    try:
        with _sides_checked_here(), strict_decoding():
            return _check(path, max_side)
    except Image.UnidentifiedImageError:
        if _is_heic(path):
            return HEIC
        return "it is not a picture the site can use (use JPEG, PNG or WebP)"
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        if "truncated" in str(error) or isinstance(error, EOFError):
            return TRUNCATED
        return f"the picture is damaged ({error or type(error).__name__})"


def _is_heic(path: Path) -> bool:
    """Whether ``path`` is a HEIF file of HEVC pictures: its ``ftyp`` box names a HEIC brand
    (and not AVIF, the other HEIF pictures, which the site reads)."""
    with path.open("rb") as file:
        head = file.read(64)
    if head[4:8] != b"ftyp":
        return False
    size = min(int.from_bytes(head[:4], "big"), len(head))
    brands = {head[8:12]} | {head[at : at + 4] for at in range(16, size - 3, 4)}
    return bool(brands & _HEIC_BRANDS) and b"avif" not in brands


@contextmanager
def strict_decoding() -> Iterator[None]:
    """Pillow refusing a picture cut short, whatever the process set before: WeasyPrint,
    imported by the booklets, lets Pillow read truncated pictures in the whole process
    (``ImageFile.LOAD_TRUNCATED_IMAGES``), and the site would publish them half grey."""
    allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = allowed


@contextmanager
def _sides_checked_here() -> Iterator[None]:
    """Pillow's pixel limit off: ``_check`` refuses a picture by its sides, from its header."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _check(path: Path, max_side: int) -> str | None:
    with Image.open(path) as picture:
        width, height = picture.size
        kind = picture.format
        if max(width, height) > max_side:
            return f"it is {width:,} × {height:,} px; a picture may be at most {max_side:,} px wide and tall: resize it"
        if kind == "JPEG":
            picture.draft(picture.mode, (max(1, width // 8), max(1, height // 8)))
            picture.load()
        elif kind == "PNG":
            picture.verify()
        else:
            picture.load()
    return _png_pixels_problem(path) if kind == "PNG" else None


def _png_pixels_problem(path: Path) -> str | None:
    """Whether a PNG's compressed pixels inflate, to as many bytes as its header says."""
    with path.open("rb") as file:
        file.seek(16)  # the signature, then IHDR's length and type
        width, height, depth, colour, _, _, interlaced = struct.unpack(">IIBBBBB", file.read(13))
        needed = _png_data_size(width, height, depth * _PNG_CHANNELS.get(colour, 4), interlaced)
        inflater = zlib.decompressobj()
        inflated = 0
        try:
            for data in _png_idat(file):
                while data and inflated < needed:
                    inflated += len(inflater.decompress(data, _INFLATED_AT_ONCE))
                    data = inflater.unconsumed_tail
            while inflated < needed and not inflater.eof and (rest := inflater.decompress(b"", _INFLATED_AT_ONCE)):
                inflated += len(rest)  # what zlib still held of the last chunk
        except zlib.error:
            return DAMAGED
    return TRUNCATED if inflated < needed else None


def _png_idat(file: BinaryIO) -> Iterator[bytes]:
    """The data of each IDAT chunk of the PNG ``file``, whose IHDR has been read."""
    file.seek(4, 1)  # IHDR's checksum
    while len(head := file.read(8)) == 8:
        length, kind = struct.unpack(">I4s", head)
        if kind == b"IEND":
            return
        if kind == b"IDAT":
            yield file.read(length)
        else:
            file.seek(length, 1)
        file.seek(4, 1)


def _png_data_size(width: int, height: int, bits: int, interlaced: int) -> int:
    """The bytes a PNG's pixels inflate to: each row's, and a filter byte per row."""

    def rows(columns: int, count: int) -> int:
        return count * (1 + (columns * bits + 7) // 8) if columns and count else 0

    if not interlaced:
        return rows(width, height)
    return sum(rows(-(-(width - x) // dx), -(-(height - y) // dy)) for x, y, dx, dy in _ADAM7)
