"""Which inputs each catalogue page shows, summed up as a fingerprint.

A page's fingerprint is a digest of everything its file depends on: the site
as a whole (the code and templates, the translations, the settings, the
installed libraries, the build date, the areas, groups and stories) and the
records the page shows, found through the catalogue's indexes. When a
fingerprint is the one the current output's file was made from, the page is
not rendered again. Booklets have fingerprints of their own
(``BookletFingerprints``).

Pages of one record list exactly what they show: a product page its product,
producer, the fairs showing it and the producer's other products; a producer
page its producer, products and fairs; a fair page its fair, exhibitors and
their products; the page of a district, group or star level, and a page of the
list of all products, the products it lists and their producers; a page of the
list of all producers its producers and their products (it counts them); the
list of fairs the fairs; a fair's calendar file its fair; a product's row in the
open data files its product and producer; a renamed record's old address
(``moved``) the record, whose name it gives; the list of stories the products
whose pictures show stories without one of their own. The pages that show no
record (the search, offline and "not found" pages) depend on the site alone.
The other listings (home, statistics, the star levels, the lists of districts
and groups, near me, which counts the producers without a map position) count
records across the catalogue, so they depend on every record; there are few of
them.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import site
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .booklets import Booklet, products_of
from .model import Catalogue
from .pagination import DEFAULT_PAGINATION, PAGINATED, on_page
from .printimages import print_name

PACKAGE = Path(__file__).parent
# Settings that change where or how fast the pages are made, not what they hold.
IGNORED_SETTINGS = {"OUTPUT_PATH", "CATALOGUE_PREVIOUS_OUTPUT", "CATALOGUE_PROCESSES"}
# Pages whose text comes from the site's inputs (areas, groups, stories) and no record.
SITE_PAGES = {"search", "offline", "not_found"}


def _digest(parts: Iterable[str | bytes]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(path for path in folder.glob(pattern) if path.is_file())


def libraries() -> str:
    """Python's version and every installed distribution with its version (the names of
    site-packages' ``*.dist-info`` folders, read in a fraction of a millisecond): an
    upgraded library may change what a build makes from the same inputs."""
    names = [sys.version]
    for folder in site.getsitepackages():
        with contextlib.suppress(OSError):
            names += sorted(name for name in os.listdir(folder) if name.endswith(".dist-info"))
    return "\n".join(names)


def _shared_parts(settings: dict[str, Any], today: datetime.date, data: Path, ignored: set[str]) -> list[str | bytes]:
    """The code, templates, translations, settings, build date, areas and groups."""
    theme = Path(settings["THEME"])
    sources = _files(PACKAGE, "**/*.py") + _files(theme / "templates", "**/*")
    sources += _files(theme / "translations", "**/*.po")
    stable = {key: value for key, value in settings.items() if key not in ignored}
    parts: list[str | bytes] = [json.dumps(stable, sort_keys=True, default=lambda value: type(value).__name__)]
    parts += [today.isoformat(), libraries()]
    for path in sources + [data / "areas.yaml", data / "groups.yaml"]:
        parts += [path.as_posix(), path.read_bytes() if path.exists() else b""]
    return parts


def site_digest(settings: dict[str, Any], today: datetime.date, data: Path, stories: Iterable) -> str:
    """What every page depends on."""
    parts = _shared_parts(settings, today, data, IGNORED_SETTINGS)
    # Pages name theme assets by a hash of their content (css/site.<hash>.css).
    for path in _files(Path(settings["THEME"]) / "static", "**/*"):
        parts += [path.as_posix(), path.read_bytes()]
    # Pictures are many and large: their size and time stand for their bytes (a page
    # gives each picture's width and height).
    for path in _files(Path(settings["PATH"]) / "images", "**/*"):
        stat = path.stat()
        parts.append(f"{path.as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    for story in sorted(stories, key=lambda story: story.source_path):
        parts += [story.source_path, Path(story.source_path).read_bytes()]
    return _digest(parts)


def print_digest(settings: dict[str, Any], today: datetime.date, data: Path) -> str:
    """What every booklet depends on: as every page, less the theme's static files, the
    stories and the pictures (a booklet digests its own pictures' bytes)."""
    return _digest(_shared_parts(settings, today, data, IGNORED_SETTINGS | {"BOOKLET_PROCESSES"}))


class Fingerprints:
    """Fingerprints of the pages of one catalogue, from the digest of each record file."""

    def __init__(
        self,
        catalogue: Catalogue,
        site: str,
        record_digests: dict[tuple[str, str], str],
        page_size: int | None = DEFAULT_PAGINATION,
    ):
        self.catalogue = catalogue
        self.site = site
        # Each record's digest with its id: a file renamed with its bytes unchanged moves the
        # record's address, and every page and booklet linking to it must be made again.
        self.records = {key: f"{key[1]} {digest}" for key, digest in record_digests.items()}
        self.page_size = page_size
        self.everything = _digest([site, *(f"{key}={value}" for key, value in sorted(record_digests.items()))])

    def of(self, kind: str, key: object, lang: str, number: int = 1) -> str:
        """The fingerprint of a page in ``lang``; ``number`` is its place in a paginated listing."""
        inputs = self._inputs(kind, key, lang, number)
        if inputs is None:
            return _digest([self.everything, kind, str(key), lang])
        parts = [self.site, kind, str(key), lang, *(self.records.get(i, "?") for i in inputs)]
        if kind in PAGINATED:  # a page also gives the length of the whole listing, and its number
            parts += [str(len(self.catalogue.listing(lang, kind, key))), str(number)]
        return _digest(parts)

    def of_redirects(self, moves: Iterable[tuple[str, str, str]]) -> str:
        """The fingerprint of ``_redirects``: the site's (its settings give the addresses and
        the status) and each renamed record's kind, former id and id, all that the file
        shows: an edit of a record's text, renamed or not, leaves it as it was."""
        return _digest([self.site, "redirects", *(" ".join(move) for move in moves)])

    def _inputs(self, kind: str, key: object, lang: str, number: int = 1) -> list[tuple[str, str]] | None:
        """The records a page shows; None for the listings that count or show any record."""
        catalogue = self.catalogue
        if kind == "stories":  # a story without a picture of its own shows its product's
            return [("products", product_id) for product_id in sorted(catalogue.pictured_in_stories)]
        if kind in SITE_PAGES:
            return []
        if kind == "fairs":
            return [("fairs", fair_id) for fair_id in catalogue.fairs]
        if kind == "fair_calendar":
            return [("fairs", key)]
        if kind == "moved":  # key: the record's kind, its former id and its id; the page shows its name
            record_kind, _, record_id = key
            return [(f"{record_kind}s", record_id)]
        if kind == "open_data_row":  # a product's row in the open data files
            return [("products", key), ("producers", catalogue.products[key].producer)]
        if kind == "product":  # what its row shows, its fairs, and its producer's other products as cards
            product = catalogue.products[key]
            fairs = [("fairs", showing.fair.id) for showing in catalogue.showings.get(key, [])]
            others = [("products", other.id) for other in catalogue.other_products(lang, product)]
            return [*self._inputs("open_data_row", key, lang), *fairs, *others]
        if kind == "producer":
            products = catalogue.products_in(lang, "producer", key)
            fairs = [("fairs", showing.fair.id) for showing in catalogue.exhibiting.get(key, [])]
            return [("producers", key), *(("products", product.id) for product in products), *fairs]
        if kind == "fair":
            fair = catalogue.fairs[key]
            inputs = [("fairs", fair.id)]
            for exhibitor in fair.exhibitors:
                inputs.append(("producers", exhibitor.producer))
                inputs += [("products", product_id) for product_id in exhibitor.products]
            return inputs
        if kind == "producers":  # each with its kind, district and number of products
            producers = on_page(catalogue.listing(lang, kind), number, self.page_size)
            inputs = [("producers", producer.id) for producer in producers]
            for producer in producers:
                inputs += [("products", product.id) for product in catalogue.products_in(lang, "producer", producer.id)]
            return inputs
        if kind in ("district", "group", "star", "products"):
            # The products listed, each shown with its producer's name.
            products = catalogue.products_in(lang, kind, key)
            if kind in PAGINATED:
                products = on_page(catalogue.listing(lang, kind, key), number, self.page_size)
            inputs = [("products", product.id) for product in products]
            inputs += [("producers", product.producer) for product in products]
            if kind == "district":
                producers = catalogue.producers_of_district[lang].get(key, [])
                inputs += [("producers", producer.id) for producer in producers]
            return inputs
        return None


class BookletFingerprints:
    """Fingerprints of the booklets: the records each shows and its pictures' bytes.

    A booklet shows its products, their producers and, for a fair's, the fair. Its
    pictures are digested by their bytes, not their size and time as for pages: booklets
    are kept in ``CACHE_PATH`` (``booklet_cache``), which a CI runner restores into a fresh
    checkout, where every file has a new time.
    """

    def __init__(self, fingerprints: Fingerprints, printing: str, images: Path):
        self.catalogue = fingerprints.catalogue
        self.records = fingerprints.records
        self.printing = printing
        self.images = images
        self.pictures: dict[str, str] = {}  # a picture shown in several booklets is read once

    def of(self, booklet: Booklet, lang: str) -> str:
        parts = [self.printing, booklet.kind, booklet.key, lang]
        if booklet.kind == "fair":
            parts.append(self.records.get(("fairs", booklet.key), "?"))
        for product in products_of(self.catalogue, booklet.kind, booklet.key, lang):
            parts.append(self.records.get(("products", product.id), "?"))
            parts.append(self.records.get(("producers", product.producer), "?"))
            if product.images:  # a booklet prints the main picture only
                parts.append(self._picture(product.images[0].file))
        return _digest(parts)

    def _picture(self, name: str) -> str:
        """The name of the print-size picture the booklet embeds, which its bytes give."""
        if name not in self.pictures:
            try:
                self.pictures[name] = print_name(self.images / name)
            except OSError:
                self.pictures[name] = "?"  # the build reports a missing picture on its own
        return self.pictures[name]
