"""Each product's open data row, kept from one build to the next.

The open data files list every product, so any edit makes them again: at
national scale 40,000 rows (20,000 products in two languages) to build and
encode, three seconds of a worker for the one row that changed. A row shows
its product and its producer (with the areas, groups, settings, code and build
date), so it is kept, encoded, under the fingerprint of those in its language
(``dependencies``; the product's page adds its fairs and the producer's other
products): an unchanged fingerprint means an unchanged row. The rows live in
``CACHE_PATH/open-data-rows.marshal``; a file that cannot be read, or of
another version, only means every row is made again.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from pathlib import Path

ROWS_FILE = "open-data-rows.marshal"
ROWS_VERSION = 1

# A product's JSON object and CSV line, as they appear in the files.
Row = tuple[str, str]


class RowCache:
    """Encoded rows by ``key(product_id, lang)``; ``save`` keeps those used by this build."""

    def __init__(self, path: Path, key: Callable[[str, str], str]):
        self.path = path
        self.key = key
        self.kept = _read(path)
        self.used: dict[str, Row] = {}

    def row(self, product_id: str, lang: str, make: Callable[[], Row]) -> Row:
        """The product's row in ``lang``: the kept one, or ``make()``'s."""
        key = self.key(product_id, lang)
        row = self.kept.get(key)
        if row is None:
            row = make()
        self.used[key] = row
        return row

    def save(self) -> None:
        if self.used.keys() == self.kept.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A name of its own: builds into other outputs may share the cache.
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        temporary.write_bytes(marshal.dumps((ROWS_VERSION, self.used)))
        os.replace(temporary, self.path)


def _read(path: Path) -> dict[str, Row]:
    try:
        # loads, not load: marshal reads a file object in small pieces.
        version, rows = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return rows if version == ROWS_VERSION and isinstance(rows, dict) else {}
