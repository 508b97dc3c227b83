"""The figures of the statistics page: products by star level per district and
per group, and certificates by year, each split by star level.

Counts are made once per build, in one pass over the products; each language
then only orders and names a few dozen rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import Catalogue

STARS = (3, 4, 5)


@dataclass(frozen=True)
class Row:
    """One bar: what it counts (a district, a group or a year) and its count per star level."""

    key: object
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class Statistics:
    catalogue: Catalogue
    by_district: Counter
    by_group: Counter
    by_year: Counter
    uncertified: int
    expired: int

    @classmethod
    def count(cls, catalogue: Catalogue) -> Statistics:
        by_district: Counter = Counter()
        by_group: Counter = Counter()
        by_year: Counter = Counter()
        uncertified = expired = 0
        for product in catalogue.products.values():
            by_district[catalogue.district_of(product).id, product.star] += 1
            by_group[product.group, product.star] += 1
            if product.certificate is None:
                uncertified += 1
            else:
                by_year[product.certificate.date.year, product.star] += 1
                expired += catalogue.lapse(product) == "expired"
        return cls(catalogue, by_district, by_group, by_year, uncertified, expired)

    @property
    def total(self) -> int:
        return len(self.catalogue.products)

    def districts(self, lang: str) -> list[Row]:
        """Every district, most products first, then by place, as the districts page lists them."""
        rows = [_row(district, self.by_district, district.id) for district in self.catalogue.ordered[lang]["districts"]]
        return _largest_first(rows)

    def groups(self, lang: str) -> list[Row]:
        rows = [_row(group, self.by_group, group.id) for group in self.catalogue.ordered[lang]["groups"]]
        return _largest_first(rows)

    def years(self) -> list[Row]:
        """Every year from the first certificate to the last, oldest first, empty years included."""
        years = {year for year, _ in self.by_year}
        if not years:
            return []
        return [_row(year, self.by_year, year) for year in range(min(years), max(years) + 1)]


def _row(key: object, counter: Counter, counted: object) -> Row:
    return Row(key, tuple(counter[counted, star] for star in STARS))


def _largest_first(rows: list[Row]) -> list[Row]:
    # sorted() is stable: rows come in dictionary order, so ties stay in it.
    return sorted(rows, key=lambda row: -row.total)
