"""Each picture checked once: its verdict kept by the file's inode, size and modification time.

Checking a picture decodes it (``pictures.picture_problem``: a JPEG at an eighth of its size, a
PNG's pixels inflated), 0.7 to 1.5 ms a photo, and every build checked every picture again:
0.7 to 1.5 s of each rebuild at 1,000 photos, although an unchanged picture is never to be
decoded again. The verdicts are kept in ``CACHE_PATH/pictures-checked.pickle``, and dropped
when the checking code or Pillow changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import PIL

from .pickle_files import file_stamp, read_pickle, write_pickle
from .pictures import picture_problem

FILE = "pictures-checked.pickle"

Stamp = tuple[int, int, int, int]  # inode, size, modification time, the largest side allowed


class PictureChecks:
    """``problem(path, max_side)``, as ``picture_problem``, remembered between builds."""

    def __init__(self, folder: Path | None):
        self.path = folder / FILE if folder is not None else None
        self.version = _code_version()
        kept = read_pickle(self.path) if self.path is not None else None
        fresh = isinstance(kept, tuple) and len(kept) == 2 and kept[0] == self.version
        self.verdicts: dict[str, tuple[Stamp, str | None]] = kept[1] if fresh else {}
        self.seen: set[str] = set()  # saved alone: a picture removed or renamed is forgotten
        self.changed = False

    def problem(self, path: Path, max_side: int) -> str | None:
        """What is wrong with the picture at ``path``, or None; decoded only when new or changed."""
        found = file_stamp(path)
        if found is None:
            return picture_problem(path, max_side)  # says why, as it did
        stamp = (*found, max_side)
        self.seen.add(str(path))
        kept = self.verdicts.get(str(path))
        if kept is not None and kept[0] == stamp:
            return kept[1]
        verdict = picture_problem(path, max_side)
        self.verdicts[str(path)] = (stamp, verdict)
        self.changed = True
        return verdict

    def save(self) -> None:
        if self.path is None or not (self.changed or self.seen != self.verdicts.keys()):
            return
        self.verdicts = {path: self.verdicts[path] for path in self.seen}
        write_pickle(self.path, (self.version, self.verdicts))
        self.changed = False


def _code_version() -> str:
    # Not dependencies.libraries(): the check must not import Pelican, which that module does.
    digest = hashlib.blake2b(PIL.__version__.encode(), digest_size=16)
    digest.update((Path(__file__).parent / "pictures.py").read_bytes())
    return digest.hexdigest()
