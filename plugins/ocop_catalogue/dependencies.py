"""Which inputs each catalogue page shows, summed up as a fingerprint.

A page's fingerprint is a digest of everything its file depends on: the site
as a whole (the code and templates, the translations, the settings, the
build date, the areas, groups and stories) and the records the page shows,
found through the catalogue's indexes. When a fingerprint is the one the
current output's file was made from, the page is not rendered again.

Pages of one record list exactly what they show: a product page its product,
producer and the fairs showing it; a producer page its producer and products;
a fair page its fair, exhibitors and their products; the page of a district,
group or star level the products it lists and their producers; the list of
fairs the fairs. The pages that show no record (the search, near-me, offline,
stories and "not found" pages) depend on the site alone. The other listings
(home, statistics, the lists of districts and groups) count records across
the catalogue, so they depend on every record; there are few of them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import Catalogue

PACKAGE = Path(__file__).parent
# Settings that change where or how fast the pages are made, not what they hold.
IGNORED_SETTINGS = {"OUTPUT_PATH", "CATALOGUE_PREVIOUS_OUTPUT", "CATALOGUE_PROCESSES"}
# Pages whose text comes from the site's inputs (areas, groups, stories) and no record.
SITE_PAGES = {"search", "nearby", "offline", "stories", "not_found"}


def _digest(parts: Iterable[str | bytes]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(path for path in folder.glob(pattern) if path.is_file())


def site_digest(settings: dict[str, Any], today: datetime.date, data: Path, stories: Iterable) -> str:
    """What every page depends on."""
    theme = Path(settings["THEME"])
    sources = _files(PACKAGE, "**/*.py") + _files(theme / "templates", "**/*")
    sources += _files(theme / "translations", "**/*.po")
    # Pages name theme assets by a hash of their content (css/site.<hash>.css).
    sources += _files(theme / "static", "**/*")
    stable = {key: value for key, value in settings.items() if key not in IGNORED_SETTINGS}
    parts: list[str | bytes] = [json.dumps(stable, sort_keys=True, default=lambda value: type(value).__name__)]
    parts.append(today.isoformat())
    for path in sources + [data / "areas.yaml", data / "groups.yaml"]:
        parts += [path.as_posix(), path.read_bytes() if path.exists() else b""]
    # Pictures are many and large: their size and time stand for their bytes (a page
    # gives each picture's width and height).
    for path in _files(Path(settings["PATH"]) / "images", "**/*"):
        stat = path.stat()
        parts.append(f"{path.as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    for story in sorted(stories, key=lambda story: story.source_path):
        parts += [story.source_path, Path(story.source_path).read_bytes()]
    return _digest(parts)


class Fingerprints:
    """Fingerprints of the pages of one catalogue, from the digest of each record file."""

    def __init__(self, catalogue: Catalogue, site: str, record_digests: dict[tuple[str, str], str]):
        self.catalogue = catalogue
        self.site = site
        self.records = record_digests
        self.everything = _digest([site, *(f"{key}={value}" for key, value in sorted(record_digests.items()))])

    def of(self, kind: str, key: object, lang: str) -> str:
        inputs = self._inputs(kind, key, lang)
        if inputs is None:
            return _digest([self.everything, kind, str(key), lang])
        return _digest([self.site, kind, str(key), lang, *(self.records.get(i, "?") for i in inputs)])

    def _inputs(self, kind: str, key: object, lang: str) -> list[tuple[str, str]] | None:
        """The records a page shows; None for the listings that count or show any record."""
        catalogue = self.catalogue
        if kind in SITE_PAGES:
            return []
        if kind == "fairs":
            return [("fairs", fair_id) for fair_id in catalogue.fairs]
        if kind == "product":
            product = catalogue.products[key]
            fairs = [("fairs", showing.fair.id) for showing in catalogue.showings.get(product.id, [])]
            return [("products", product.id), ("producers", product.producer), *fairs]
        if kind == "producer":
            products = catalogue.products_in(lang, "producer", key)
            return [("producers", key), *(("products", product.id) for product in products)]
        if kind == "fair":
            fair = catalogue.fairs[key]
            inputs = [("fairs", fair.id)]
            for exhibitor in fair.exhibitors:
                inputs.append(("producers", exhibitor.producer))
                inputs += [("products", product_id) for product_id in exhibitor.products]
            return inputs
        if kind in ("district", "group", "star"):
            # The products listed, each shown with its producer's name.
            products = catalogue.products_in(lang, kind, key)
            inputs = [("products", product.id) for product in products]
            inputs += [("producers", product.producer) for product in products]
            if kind == "district":
                producers = catalogue.producers_of_district[lang].get(key, [])
                inputs += [("producers", producer.id) for producer in producers]
            return inputs
        return None
