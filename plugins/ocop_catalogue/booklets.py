"""Which printed booklets exist, and what each holds in each language.

A booklet mirrors a page of the site: the whole province (the home page), a
district, a star level, a product group or a fair. Its products come from the
catalogue's indexes, already in Vietnamese dictionary order per language, and
are cut into sections (districts, or groups in a district's booklet) that the
running header names. The entries are laid out in runs (``cut``), each on its
own core, and a frame of the booklet numbers their pages (``slots``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from math import ceil
from typing import Any

from .model import Catalogue, natural_order
from .schema import Fair, Producer, Product
from .values import Text
from .vietnamese import sort_key

DEFAULT_BOOKLET_URL = "pdf/{lang}/{kind}-{id}.pdf"
KINDS = ("province", "district", "star", "group", "fair")


@dataclass(frozen=True)
class Booklet:
    """One booklet, written once per language."""

    kind: str  # one of KINDS
    key: str  # the province, district, group or fair id, or the star level

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.key}"


@dataclass
class Section:
    """Products under one heading, which the running header repeats."""

    title: Text
    products: list[Product]


@dataclass
class Piece:
    """A section's products laid out in one run; it prints the title if it opens the section."""

    number: int  # the section's place in the booklet, for its anchor
    title: Text
    products: list[Product]
    opens: bool


@dataclass(frozen=True)
class Bookmark:
    """What a page of entries holds a bookmark for: a section's title or a product's entry."""

    section: Text | None = None
    product: Product | None = None


@dataclass
class Slot:
    """A page of entries as the booklet's frame sees it."""

    section: Text | None  # the section the page starts in, that the running header names
    # The titles and entries on the page, in their order: a PDF reader nests each entry's
    # bookmark under the title written before it.
    bookmarks: list[Bookmark]

    @property
    def titles(self) -> list[Text]:
        """The sections whose title is on the page."""
        return [mark.section for mark in self.bookmarks if mark.section is not None]

    @property
    def products(self) -> list[Product]:
        return [mark.product for mark in self.bookmarks if mark.product is not None]


def all_booklets(catalogue: Catalogue) -> list[Booklet]:
    """Every booklet that has products, whole province first."""
    found = [Booklet("province", catalogue.province.id)]
    found += [
        Booklet("district", d.id) for d in catalogue.districts.values() if products_of(catalogue, "district", d.id)
    ]
    found += [Booklet("star", str(star)) for star in (5, 4, 3) if products_of(catalogue, "star", str(star))]
    found += [Booklet("group", g.id) for g in catalogue.groups.values() if products_of(catalogue, "group", g.id)]
    found += [Booklet("fair", f.id) for f in catalogue.fairs.values() if products_of(catalogue, "fair", f.id)]
    return found


def products_of(catalogue: Catalogue, kind: str, key: str, lang: str = "vi") -> list[Product]:
    """The booklet's products in dictionary order for ``lang``: those whose certificate holds today.

    A booklet is handed out as a catalogue of OCOP products, every entry under its star
    level; a product never certified, or whose certificate has lapsed, may not claim one.
    The site's star levels leave them out the same way (``Catalogue.is_current``).
    A fair's booklet is handed out on the fair's days, often printed weeks before: its
    products must also hold their stars until the fair's last day.
    """
    last_day = catalogue.fairs[key].end if kind == "fair" else catalogue.today
    return [
        product
        for product in _listed(catalogue, kind, key, lang)
        if catalogue.is_current(product) and product.certificate.holds_on(last_day)
    ]


def _listed(catalogue: Catalogue, kind: str, key: str, lang: str) -> list[Product]:
    if kind == "province":
        return catalogue.ordered[lang]["products"]
    if kind == "star":
        return catalogue.products_in(lang, "star", int(key))
    if kind in ("district", "group"):
        return catalogue.products_in(lang, kind, key)
    if kind == "fair":
        ids = {product_id for exhibitor in catalogue.fairs[key].exhibitors for product_id in exhibitor.products}
        shown = [catalogue.products[product_id] for product_id in ids]
        return sorted(shown, key=lambda product: sort_key(product.name.get(lang)[0]))
    raise ValueError(f"no booklet of kind {kind!r}")


def sections(catalogue: Catalogue, booklet: Booklet, lang: str) -> list[Section]:
    """The booklet's products cut into sections: groups in a district, else districts."""
    products = products_of(catalogue, booklet.kind, booklet.key, lang)
    if booklet.kind == "district":
        by_group: dict[str, list[Product]] = defaultdict(list)
        for product in products:
            by_group[product.group].append(product)
        return [Section(g.name, by_group[g.id]) for g in catalogue.ordered[lang]["groups"] if g.id in by_group]
    return [Section(district.name, listed) for district, listed in catalogue.by_district(lang, products)]


@dataclass
class IndexEntry:
    """A producer in the booklet's index: its products and, in a fair's booklet, its booths."""

    producer: Producer
    products: list[Product]
    booths: list[str]


def producer_index(
    catalogue: Catalogue, products: list[Product], lang: str, booths: dict[str, list[str]]
) -> list[IndexEntry]:
    """The producers of ``products`` in dictionary order, each with its products and the
    booths that show them (``booths``), in the order a visitor walks them."""
    theirs: dict[str, list[Product]] = defaultdict(list)
    for product in products:
        theirs[product.producer].append(product)
    producers = sorted((catalogue.producers[p] for p in theirs), key=lambda p: sort_key(p.name.get(lang)[0]))
    entries = []
    for producer in producers:
        stands = {booth for product in theirs[producer.id] for booth in booths.get(product.id, [])}
        entries.append(IndexEntry(producer, theirs[producer.id], sorted(stands, key=natural_order)))
    return entries


def title(catalogue: Catalogue, booklet: Booklet) -> Text | None:
    """The name of what the booklet covers; a star level has none (the template words it)."""
    if booklet.kind == "province":
        return catalogue.province.name
    if booklet.kind == "district":
        return catalogue.districts[booklet.key].name
    if booklet.kind == "group":
        return catalogue.groups[booklet.key].name
    if booklet.kind == "fair":
        return catalogue.fairs[booklet.key].name
    return None


def fair_of(catalogue: Catalogue, booklet: Booklet) -> Fair | None:
    """The fair a fair's booklet is for, whose dates and venue its cover gives."""
    return catalogue.fairs[booklet.key] if booklet.kind == "fair" else None


def booths(catalogue: Catalogue, booklet: Booklet) -> dict[str, list[str]]:
    """Where a fair's visitor finds each product of its booklet: the booths that show it, of
    those that have one (an exhibitor may be listed before booths are assigned)."""
    found: dict[str, list[str]] = defaultdict(list)
    fair = fair_of(catalogue, booklet)
    for exhibitor in fair.exhibitors if fair else []:
        for product_id in exhibitor.products if exhibitor.booth else []:
            found[product_id].append(exhibitor.booth)
    return found


def booklet_of_page(page_kind: str, variables: dict[str, Any]) -> Booklet | None:
    """The booklet that mirrors a page of the site, if any kind does."""
    if page_kind in ("index", "products"):  # the province's booklet holds every certified product
        return Booklet("province", variables["catalogue"].province.id)
    if page_kind == "district":
        return Booklet("district", variables["district"].id)
    if page_kind == "star":
        return Booklet("star", str(variables["star"]))
    if page_kind == "group":
        return Booklet("group", variables["group"].id)
    if page_kind == "fair":
        return Booklet("fair", variables["fair"].id)
    return None


def booklet_url(settings: dict[str, Any], booklet: Booklet, lang: str) -> str:
    """Where the booklet is published, relative to the site (``BOOKLET_URL``)."""
    pattern = settings.get("BOOKLET_URL", DEFAULT_BOOKLET_URL)
    return pattern.format(lang=lang, kind=booklet.kind, id=booklet.key)


def booklet_save_as(settings: dict[str, Any], booklet: Booklet, lang: str) -> str:
    """The file written under the output folder (``BOOKLET_SAVE_AS``, else ``BOOKLET_URL``)."""
    pattern = settings.get("BOOKLET_SAVE_AS") or settings.get("BOOKLET_URL", DEFAULT_BOOKLET_URL)
    return pattern.format(lang=lang, kind=booklet.kind, id=booklet.key)


def cut(sections: list[Section], size: int) -> list[list[Piece]]:
    """The entries in runs of at most about ``size`` products, as even as the sections allow.

    A run starts a page, so runs end where sections do; only a section longer
    than ``size`` is cut inside.
    """
    pieces = [piece for number, section in enumerate(sections) for piece in _pieces(number, section, size)]
    total = sum(len(piece.products) for piece in pieces)
    share = total / max(1, ceil(total / size))
    runs: list[list[Piece]] = [[]]
    filled = 0
    for piece in pieces:
        # A new run when the middle of this piece would pass the end of the current run's share.
        if runs[-1] and filled + len(piece.products) / 2 > share * len(runs):
            runs.append([])
        runs[-1].append(piece)
        filled += len(piece.products)
    return runs


def _pieces(number: int, section: Section, size: int) -> list[Piece]:
    count = max(1, ceil(len(section.products) / size))
    step = ceil(len(section.products) / count)
    parts = [section.products[start : start + step] for start in range(0, len(section.products), step)] or [[]]
    return [Piece(number, section.title, part, opens=index == 0) for index, part in enumerate(parts)]


def slots(catalogue: Catalogue, run: list[Piece], pages: list[list[str]]) -> list[Slot]:
    """The pages of a laid out run, from the anchors on each (``s-<number>``, ``p-<product>``) in order."""
    titles = {f"s-{piece.number}": piece.title for piece in run if piece.opens}
    current = run[0].title if run else None  # an empty booklet's run has no section
    found = []
    for anchors in pages:
        if anchors and anchors[0] in titles:
            current = titles[anchors[0]]  # a page that starts with a title names that section
        slot = Slot(current, [mark for anchor in anchors if (mark := _bookmark(catalogue, titles, anchor))])
        found.append(slot)
        current = slot.titles[-1] if slot.titles else current
    return found


def _bookmark(catalogue: Catalogue, titles: dict[str, Text], anchor: str) -> Bookmark | None:
    if anchor in titles:
        return Bookmark(section=titles[anchor])
    if anchor.startswith("p-"):
        return Bookmark(product=catalogue.products[anchor[2:]])
    return None
