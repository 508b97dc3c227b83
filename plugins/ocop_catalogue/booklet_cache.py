"""Booklets kept from build to build by the fingerprint of what they show.

Rendering a booklet takes seconds, a large province's minutes, and most
commits change few of them. Each booklet written is linked into
``CACHE_PATH/booklets`` under its fingerprint (``dependencies.BookletFingerprints``);
a later build that needs a booklet of the same fingerprint links that file
instead of rendering it. The folder holds the booklets of the last build only,
and may be removed at any time: the next build renders them all.

Hard links are safe because no published file is ever written into: a build
replaces a file, it never changes one in place. Two builds of one project at
once (a preview beside `make publish`, or CI building for two addresses) share
the folder: one may prune a booklet the other was about to link, or keep the
same one, so a booklet gone between the look and the link is rendered, and
keeping or pruning never fails a build.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .rendering import link_file

FOLDER = "booklets"


class BookletCache:
    """The booklets of the last build, named ``<fingerprint>.pdf``."""

    def __init__(self, folder: Path):
        self.folder = folder

    def fetch(self, fingerprint: str, target: Path) -> bool:
        """Link the booklet kept under ``fingerprint`` at ``target``; False if none is kept."""
        try:
            link_file(self._path(fingerprint), str(target))
        except FileNotFoundError:  # none kept, or pruned meanwhile by another build
            return False
        return True

    def keep(self, fingerprint: str, written: Path) -> None:
        """Keep a booklet just written under its fingerprint."""
        os.makedirs(self.folder, exist_ok=True)
        # Another build may keep or prune the same fingerprint meanwhile: either leaves a
        # booklet of those inputs, or none, which only means rendering it next time.
        with contextlib.suppress(FileNotFoundError, FileExistsError):
            link_file(str(written), self._path(fingerprint))

    def prune(self, used: set[str]) -> None:
        """Remove the booklets this build did not use: of records since edited, or gone."""
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return
        for entry in entries:
            if entry.name.removesuffix(".pdf") not in used:
                with contextlib.suppress(FileNotFoundError):  # pruned by another build
                    os.unlink(entry.path)

    def _path(self, fingerprint: str) -> str:
        return os.path.join(self.folder, f"{fingerprint}.pdf")
