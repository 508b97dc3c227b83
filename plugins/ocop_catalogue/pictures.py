"""Is a picture file one that the site can show? Checked cheaply, and every
failure becomes a sentence for the editor rather than Pillow's own warning.

- A file Pillow cannot identify is not a picture.
- A picture wider or taller than ``CATALOGUE_MAX_PICTURE_SIDE`` (10,000 px by
  default: more than any phone camera) is refused before it is decoded; so are
  decompression bombs, whose few kilobytes expand to gigabytes of pixels
  (Pillow's warning for them is turned into this error).
- A truncated picture: ``verify()`` checks a PNG's chunks through its end, but
  reads nothing of a JPEG's image data, so a JPEG is decoded at one eighth of
  its size (libjpeg still reads every byte, in 1/64 of the memory and a few
  milliseconds).
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

MAX_SIDE = 10_000


def picture_problem(path: Path, max_side: int = MAX_SIDE) -> str | None:
    """What is wrong with the picture at ``path``, or None when it is fine."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _check(path, max_side)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "it holds far too many pixels (a decompression bomb); export it again at a normal size"
    except Image.UnidentifiedImageError:
        return "it is not a picture Pillow can read (use JPEG, PNG or WebP)"
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        if "truncated" in str(error) or isinstance(error, EOFError):
            return "the file is cut short (truncated); copy it again"
        return f"the picture is damaged ({error or type(error).__name__})"


def _check(path: Path, max_side: int) -> str | None:
    with Image.open(path) as picture:
        width, height = picture.size
        if max(width, height) > max_side:
            return f"it is {width:,} × {height:,} px; at most {max_side:,} px a side: resize it"
        if picture.format == "JPEG":
            picture.draft(picture.mode, (max(1, width // 8), max(1, height // 8)))
            picture.load()
        else:
            picture.verify()
    return None
