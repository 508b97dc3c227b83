"""Listings of a bounded size: a star level, a group, and the lists of all products
and of all producers continue on numbered pages.

A national catalogue's star level lists thousands of products: one page of
them costs O(N) to render and is long to load and lay out on a phone. So these
listings hold at most ``CATALOGUE_PAGINATION`` items a page (default 500, above
any province's listing, whose site is then as before), in the order a reader
sees them, and continue at ``STAR_PAGE_URL``, ``GROUP_PAGE_URL``,
``PRODUCTS_PAGE_URL``, ``PRODUCERS_PAGE_URL`` (page 2 and on).
"""

from __future__ import annotations

from math import ceil
from typing import Any, TypeVar

DEFAULT_PAGINATION = 500
PAGINATED = ("star", "group", "products", "producers")

T = TypeVar("T")


def page_size(settings: dict[str, Any]) -> int | None:
    """``CATALOGUE_PAGINATION``: products on a page of a listing; None for one page whatever its length."""
    size = settings.get("CATALOGUE_PAGINATION", DEFAULT_PAGINATION)
    return int(size) if size else None


def page_count(length: int, size: int | None) -> int:
    return max(1, ceil(length / size)) if size else 1


def page_of(position: int, size: int | None) -> int:
    """The page, from 1, that shows the item at ``position``, from 0."""
    return position // size + 1 if size else 1


def page_numbers(number: int, pages: int, around: int = 2) -> list[int | None]:
    """The page numbers a listing's page links to, None where a run is left out: the first, the
    last and ``around`` on each side of ``number`` (1 … 5 6 7 8 9 … 40), so that a national list
    of 40 pages does not fill a phone's screen with links. A run of one page is shown, not left
    out: "1 2 3", never "1 … 3"; and up to nine pages, as many as the links would be, all are."""
    if pages <= 2 * around + 5:
        return list(range(1, pages + 1))
    low, high = max(2, number - around), min(pages - 1, number + around)
    low = 2 if low == 3 else low
    high = pages - 1 if high == pages - 2 else high
    shown: list[int | None] = [1, *([None] if low > 2 else []), *range(low, high + 1)]
    return [*shown, *([None] if high < pages - 1 else []), pages]


def on_page(items: list[T], number: int, size: int | None) -> list[T]:
    """The items page ``number`` shows."""
    return items[(number - 1) * size : number * size] if size else items
