"""The catalogue: validated records joined together, with every index built once.

Pages look things up here; none of them scans all records. Lists are kept in
the order a reader sees them: by name in dictionary order (``vietnamese``),
districts and communes by their place, without their kind, separately for each
language since names differ.
"""

from __future__ import annotations

import datetime
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .default_groups import DEFAULT_GROUPS
from .loading import Records
from .schema import Commune, District, Exhibitor, Fair, Group, Producer, Product, Province
from .values import LANGS
from .vietnamese import area_sort_key, sort_key

# The order the home page counts producers in, and the list of producers shows them.
PRODUCER_KINDS = ("enterprise", "cooperative", "cooperative-group", "household")
# How many of the latest certified products the home page shows.
NEWLY_CERTIFIED = 6


@dataclass(frozen=True)
class Showing:
    """A product or producer shown at a fair: the fair and the exhibitor (its booth, when assigned)."""

    fair: Fair
    exhibitor: Exhibitor


@dataclass
class Catalogue:
    today: datetime.date
    province: Province
    districts: dict[str, District]
    communes: dict[str, Commune]
    groups: dict[str, Group]
    producers: dict[str, Producer]
    products: dict[str, Product]
    fairs: dict[str, Fair]
    district_of_commune: dict[str, District] = field(default_factory=dict)
    # Indexes, per language: lists already in reading order.
    ordered: dict[str, dict[str, list]] = field(default_factory=dict)
    products_of: dict[str, dict[tuple[str, object], list[Product]]] = field(default_factory=dict)
    producers_of_district: dict[str, dict[str, list[Producer]]] = field(default_factory=dict)
    producer_kinds: Counter = field(default_factory=Counter)
    newly_certified: dict[str, list[Product]] = field(default_factory=dict)  # the latest certificates first
    showings: dict[str, list[Showing]] = field(default_factory=dict)  # by product
    exhibiting: dict[str, list[Showing]] = field(default_factory=dict)  # by producer
    listings: dict[tuple[str, str, object], list[Product]] = field(default_factory=dict)  # made on first use
    # Filled in by the generator once Pelican has read the stories.
    stories_of: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    # The products whose picture a story without one of its own is shown by (``stories``).
    pictured_in_stories: set[str] = field(default_factory=set)

    @classmethod
    def from_records(cls, records: Records, today: datetime.date) -> Catalogue:
        assert records.areas is not None
        districts = {d.id: d for d in records.areas.districts}
        catalogue = cls(
            today=today,
            province=records.areas.province,
            districts=districts,
            communes={c.id: c for d in districts.values() for c in d.communes},
            groups={g.id: g for g in (records.groups if records.groups is not None else DEFAULT_GROUPS)},
            producers=records.by_kind["producers"],
            products=records.by_kind["products"],
            fairs=records.by_kind["fairs"],
            district_of_commune={c.id: d for d in districts.values() for c in d.communes},
        )
        catalogue._index()
        return catalogue

    # Joins -----------------------------------------------------------------

    def producer_of(self, product: Product) -> Producer:
        return self.producers[product.producer]

    def commune_of(self, record: Producer | Product) -> Commune:
        producer = record if isinstance(record, Producer) else self.producer_of(record)
        return self.communes[producer.commune]

    def district_of(self, record: Producer | Product) -> District:
        return self.district_of_commune[self.commune_of(record).id]

    def is_current(self, product: Product) -> bool:
        """Whether the product holds its star today: certified, not expired, and not dated
        after today (a mistyped year, which the check warns about)."""
        return self.lapse(product) is None

    def lapse(self, product: Product) -> str | None:
        """Why the product does not hold its star today: ``"none"`` (no certificate),
        ``"expired"`` or ``"not-yet"`` (dated after today); None when it holds it."""
        certificate = product.certificate
        if certificate is None:
            return "none"
        if not certificate.holds_on(self.today):
            return "expired"
        if not certificate.issued_by(self.today):
            return "not-yet"
        return None

    def is_upcoming(self, fair: Fair) -> bool:
        return fair.end >= self.today

    def is_on(self, fair: Fair) -> bool:
        """Open today, from its first day to its last (the site is built again each day)."""
        return fair.start <= self.today <= fair.end

    def by_booth(self, fair: Fair, lang: str) -> list[Exhibitor]:
        """A fair's exhibitors as a visitor walks the fair: by booth, A2 before A10; then
        those listed before booths are assigned, by name as the booklet's index lists them
        (the record's order is only the order they registered in)."""
        booked = sorted((e for e in fair.exhibitors if e.booth), key=lambda e: natural_order(e.booth))
        waiting = [e for e in fair.exhibitors if not e.booth]
        return booked + sorted(waiting, key=lambda e: sort_key(self.producers[e.producer].name.get(lang)[0]))

    def exhibited(self, lang: str, exhibitor: Exhibitor) -> list[Product]:
        """An exhibitor's products in dictionary order, as the producer's page and the fair's
        booklet list them, whatever order the record gives."""
        shown = set(exhibitor.products)
        return [product for product in self.products_in(lang, "producer", exhibitor.producer) if product.id in shown]

    # Lists in reading order ----------------------------------------------------

    def products_in(self, lang: str, facet: str, key: object) -> list[Product]:
        """Products by ``producer``, ``district``, ``group`` or ``star``, by name."""
        return self.products_of[lang].get((facet, key), [])

    def other_products(self, lang: str, product: Product) -> list[Product]:
        """The other products of ``product``'s producer, in the order of the producer's page."""
        return [other for other in self.products_in(lang, "producer", product.producer) if other.id != product.id]

    def listing(self, lang: str, kind: str, key: object = "") -> list:
        """What the pages of a long listing show, in order, which ``pagination`` cuts into
        pages: a star level's products by district (a district's section goes on where the
        page before left it), a group's by star level, the highest first (a buyer compares a
        group's best products), then by name; every product by name (``products``); every
        producer by kind, then name (``producers``: the home page counts them by kind)."""
        if kind == "products":
            return self.ordered[lang]["products"]
        found = self.listings.get((lang, kind, key))
        if found is None:
            if kind == "producers":
                found = [producer for _, listed in self.by_kind(self.ordered[lang]["producers"]) for producer in listed]
            elif kind == "star":
                products = self.products_in(lang, kind, key)
                found = [product for _, listed in self.by_district(lang, products) for product in listed]
            elif kind == "group":
                products = self.products_in(lang, kind, key)
                found = [product for _, listed in self.by_star(products) for product in listed]
            else:
                found = self.products_in(lang, kind, key)
            self.listings[(lang, kind, key)] = found
        return found

    def by_district(self, lang: str, products: Iterable[Product]) -> list[tuple[District, list[Product]]]:
        """``products`` (already ordered) grouped under their districts, districts ordered."""
        grouped: dict[str, list[Product]] = defaultdict(list)
        for product in products:
            grouped[self.district_of(product).id].append(product)
        return [(d, grouped[d.id]) for d in self.ordered[lang]["districts"] if d.id in grouped]

    def by_star(self, products: Iterable[Product]) -> list[tuple[int, list[Product]]]:
        grouped: dict[int, list[Product]] = defaultdict(list)
        for product in products:
            grouped[product.star].append(product)
        return [(star, grouped[star]) for star in (5, 4, 3) if star in grouped]

    def by_kind(self, producers: Iterable[Producer]) -> list[tuple[str, list[Producer]]]:
        """``producers`` (already ordered) grouped under their kinds, in ``PRODUCER_KINDS``' order."""
        grouped: dict[str, list[Producer]] = defaultdict(list)
        for producer in producers:
            grouped[producer.kind].append(producer)
        return [(kind, grouped[kind]) for kind in PRODUCER_KINDS if kind in grouped]

    def fairs_in_order(self, lang: str) -> tuple[list[Fair], list[Fair]]:
        """Upcoming fairs, soonest first, and past fairs, latest first."""
        fairs = self.ordered[lang]["fairs"]
        upcoming = sorted((f for f in fairs if self.is_upcoming(f)), key=lambda f: f.start)
        past = sorted((f for f in fairs if not self.is_upcoming(f)), key=lambda f: f.start, reverse=True)
        return upcoming, past

    def fairs_on(self, lang: str) -> list[Fair]:
        """The fairs open today, the one that started first first."""
        return [fair for fair in self.fairs_in_order(lang)[0] if self.is_on(fair)]

    def _fair_order(self, showing: Showing) -> tuple[bool, int]:
        """Upcoming (and current) fairs first, soonest first; then past fairs, latest first."""
        start = showing.fair.start.toordinal()
        return (False, start) if self.is_upcoming(showing.fair) else (True, -start)

    # Figures -------------------------------------------------------------------

    def figures(self, lang: str) -> dict[str, Any]:
        """The headline counts of the home page: a star level counts the products that hold
        it today, as its own pages list them. Read from the indexes: no page costs O(N)."""
        stars = [(star, len(self.products_in(lang, "star", star))) for star in (5, 4, 3)]
        kinds = self.producer_kinds
        return {
            "certified": sum(count for _, count in stars),
            "stars": stars,
            "kinds": [(kind, kinds[kind]) for kind in PRODUCER_KINDS if kinds[kind]],
            "districts": [(d, len(self.products_in(lang, "district", d.id))) for d in self.ordered[lang]["districts"]],
            "groups": [(g, len(self.products_in(lang, "group", g.id))) for g in self.ordered[lang]["groups"]],
        }

    # Building the indexes ------------------------------------------------------

    def _index(self) -> None:
        self.producer_kinds = Counter(producer.kind for producer in self.producers.values())
        self.showings = defaultdict(list)
        self.exhibiting = defaultdict(list)
        for fair in self.fairs.values():
            for exhibitor in fair.exhibitors:
                self.exhibiting[exhibitor.producer].append(Showing(fair, exhibitor))
                for product_id in exhibitor.products:
                    self.showings[product_id].append(Showing(fair, exhibitor))
        # Product and producer pages list their fairs as the list of fairs does.
        for showings in (*self.showings.values(), *self.exhibiting.values()):
            showings.sort(key=self._fair_order)
        # The same in every language: found once (40,000 look-ups each at national scale).
        district_of = {product.id: self.district_of(product).id for product in self.products.values()}
        current = {product.id for product in self.products.values() if self.is_current(product)}
        for lang in LANGS:
            self.ordered[lang] = {
                "districts": _by_place(self.districts.values(), lang),
                "groups": _by_name(self.groups.values(), lang),
                "producers": _by_name(self.producers.values(), lang),
                "products": _by_name(self.products.values(), lang),
                "fairs": _by_name(self.fairs.values(), lang),
            }
            self.products_of[lang] = self._product_index(lang, district_of, current)
            # Those certified on one day (a decision certifies many) by name, as they come.
            self.newly_certified[lang] = heapq.nlargest(
                NEWLY_CERTIFIED,
                (product for product in self.ordered[lang]["products"] if product.id in current),
                key=lambda product: product.certificate.date,
            )
            producers: dict[str, list[Producer]] = defaultdict(list)
            for producer in self.ordered[lang]["producers"]:
                producers[self.district_of(producer).id].append(producer)
            self.producers_of_district[lang] = producers

    def _product_index(
        self, lang: str, district_of: dict[str, str], current: set[str]
    ) -> dict[tuple[str, object], list[Product]]:
        index: dict[tuple[str, object], list[Product]] = defaultdict(list)
        for product in self.ordered[lang]["products"]:
            index[("producer", product.producer)].append(product)
            index[("district", district_of[product.id])].append(product)
            index[("group", product.group)].append(product)
            if product.id in current:
                index[("star", product.star)].append(product)
        return index


def _by_name(records: Iterable, lang: str) -> list:
    return sorted(records, key=lambda record: sort_key(record.name.get(lang)[0]))


def _by_place(areas: Iterable, lang: str) -> list:
    """Districts or communes by the place their name names, its kind left out: a reader
    looks for "Hạ Long", not for "Thành phố", and both languages then list them alike."""
    return sorted(areas, key=lambda area: area_sort_key(area.name.get(lang)[0]))


def communes_in_order(district: District, lang: str) -> list[Commune]:
    return _by_place(district.communes, lang)


def natural_order(text: str) -> list[str | int]:
    """A key that orders booths as a visitor walks them: A2 before A10."""
    # Split as ["a", 10, ""]: text and numbers alternate, so like compares with like.
    return [int(part) if index % 2 else part.casefold() for index, part in enumerate(re.split(r"(\d+)", text))]
