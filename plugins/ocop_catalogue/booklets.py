"""Which printed booklets exist, and what each holds in each language.

A booklet mirrors a page of the site: the whole province (the home page),
a district, a star level or a fair. Its products come from the catalogue's
indexes, already in Vietnamese dictionary order per language, and are cut
into sections (districts, or groups in a district's booklet) that the
running header names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .model import Catalogue
from .schema import Producer, Product, Text
from .vietnamese import sort_key

DEFAULT_BOOKLET_URL = "pdf/{lang}/{kind}-{id}.pdf"
KINDS = ("province", "district", "star", "fair")


@dataclass(frozen=True)
class Booklet:
    """One booklet, written once per language."""

    kind: str  # one of KINDS
    key: str  # the province, district or fair id, or the star level

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.key}"


@dataclass
class Section:
    """Products under one heading, which the running header repeats."""

    title: Text
    products: list[Product]


def all_booklets(catalogue: Catalogue) -> list[Booklet]:
    """Every booklet that has products, whole province first."""
    found = [Booklet("province", catalogue.province.id)]
    found += [
        Booklet("district", d.id) for d in catalogue.districts.values() if products_of(catalogue, "district", d.id)
    ]
    found += [Booklet("star", str(star)) for star in (5, 4, 3) if products_of(catalogue, "star", str(star))]
    found += [Booklet("fair", f.id) for f in catalogue.fairs.values() if products_of(catalogue, "fair", f.id)]
    return found


def products_of(catalogue: Catalogue, kind: str, key: str, lang: str = "vi") -> list[Product]:
    """The booklet's products in dictionary order for ``lang``."""
    if kind == "province":
        return catalogue.ordered[lang]["products"]
    if kind == "star":
        return catalogue.products_in(lang, "star", int(key))
    if kind == "district":
        return catalogue.products_in(lang, "district", key)
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


def producer_index(catalogue: Catalogue, products: list[Product], lang: str) -> list[tuple[Producer, list[Product]]]:
    """The producers of ``products`` in dictionary order, each with its products."""
    theirs: dict[str, list[Product]] = defaultdict(list)
    for product in products:
        theirs[product.producer].append(product)
    producers = sorted((catalogue.producers[p] for p in theirs), key=lambda p: sort_key(p.name.get(lang)[0]))
    return [(producer, theirs[producer.id]) for producer in producers]


def title(catalogue: Catalogue, booklet: Booklet) -> Text | None:
    """The name of what the booklet covers; a star level has none (the template words it)."""
    if booklet.kind == "province":
        return catalogue.province.name
    if booklet.kind == "district":
        return catalogue.districts[booklet.key].name
    if booklet.kind == "fair":
        return catalogue.fairs[booklet.key].name
    return None


def booklet_of_page(page_kind: str, variables: dict[str, Any]) -> Booklet | None:
    """The booklet that mirrors a page of the site, if any kind does."""
    if page_kind == "index":
        return Booklet("province", variables["catalogue"].province.id)
    if page_kind == "district":
        return Booklet("district", variables["district"].id)
    if page_kind == "star":
        return Booklet("star", str(variables["star"]))
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
