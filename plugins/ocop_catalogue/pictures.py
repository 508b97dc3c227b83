"""Is a picture file one that the site can show? Checked cheaply, and every
failure becomes a sentence for the editor rather than Pillow's own warning.

- A file Pillow cannot identify is not a picture.
- A picture wider or taller than ``CATALOGUE_MAX_PICTURE_SIDE`` (10,000 px by
  default: more than any phone camera) is refused before it is decoded; so are
  decompression bombs, whose few kilobytes claim gigabytes of pixels. Pillow's
  own limit (89 million pixels, a 9,459 px square) is set aside while the
  header is read: it refused a genuine 9,800 px square photo that the side
  limit allows, and named it a decompression bomb. The build then lets Pillow
  open every picture up to the side limit (``allow_pictures_up_to``).
- A truncated picture: ``verify()`` checks a PNG's chunks through its end, but
  reads nothing of a JPEG's image data, so a JPEG is decoded at one eighth of
  its size (libjpeg still reads every byte, in 1/64 of the memory and a few
  milliseconds).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

MAX_SIDE = 10_000


def allow_pictures_up_to(max_side: int) -> None:
    """Let Pillow open, without a warning, every picture the check accepts: at most
    ``max_side`` pixels a side. The check read each size before any pixel was decoded."""
    Image.MAX_IMAGE_PIXELS = max(max_side * max_side, Image.MAX_IMAGE_PIXELS or 0)


def picture_problem(path: Path, max_side: int = MAX_SIDE) -> str | None:
    """What is wrong with the picture at ``path``, or None when it is fine."""
    try:
        with _sides_checked_here():
            return _check(path, max_side)
    except Image.UnidentifiedImageError:
        return "it is not a picture Pillow can read (use JPEG, PNG or WebP)"
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        if "truncated" in str(error) or isinstance(error, EOFError):
            return "the file is cut short (truncated); copy it again"
        return f"the picture is damaged ({error or type(error).__name__})"


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
        if max(width, height) > max_side:
            return f"it is {width:,} × {height:,} px; a picture may be at most {max_side:,} px wide and tall: resize it"
        if picture.format == "JPEG":
            picture.draft(picture.mode, (max(1, width // 8), max(1, height // 8)))
            picture.load()
        else:
            picture.verify()
    return None
