"""After writing, before publishing: is every record where it must be?

Run by every build on the staged site. Each product must have its own page in
every language and be linked from its district's, its group's and (while its
certificate is valid) its star level's page, from the list of all products and
from the page of every fair that shows it; each producer from the list of all
producers; the home page's counts must equal the records. Each listing
page is read once, into the set of pages it links to, so the whole check
reads each of those pages once and costs O(N) in all.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from .model import PRODUCER_KINDS, Catalogue
from .pagination import DEFAULT_PAGINATION, PAGINATED, page_count
from .problems import Problem
from .urls import Urls, save_as
from .values import LANGS

_HOST = "http://site.invalid/"
# The pages are our own templates' output, where every attribute is quoted
# with ", so links are found with a pattern: four times faster than parsing.
_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"')


class _Figures(HTMLParser):
    """The home page's figures, (link, count) in order, and its lead sentence."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures: list[tuple[str | None, str]] = []
        self.lead = ""
        self._in_figures = self._in_lead = self._in_strong = False
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "a" and attributes.get("href"):
            self._href = attributes["href"]
        elif tag == "ul" and "figures" in classes:
            self._in_figures = True
        elif tag == "li" and self._in_figures:
            self._href = None
        elif tag == "strong" and self._in_figures:
            self._in_strong = True
        elif tag == "p" and "lead" in classes:
            self._in_lead = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._in_figures = False
        elif tag == "strong":
            self._in_strong = False
        elif tag == "p":
            self._in_lead = False

    def handle_data(self, data: str) -> None:
        if self._in_strong:
            self.figures.append((self._href, data))
        elif self._in_lead:
            self.lead += data


class Site:
    """The written site, each page read at most once."""

    def __init__(self, root: Path, siteurl: str):
        self.root = root
        self.siteurl = siteurl.rstrip("/")
        self.targets: dict[str, set[str]] = {}
        self.found: dict[str, bool] = {}

    def exists(self, url: str) -> bool:
        # Listings are asked about once per product they show: tens of thousands of times.
        if url not in self.found:
            self.found[url] = os.path.isfile(os.path.join(self.root, save_as(url)))
        return self.found[url]

    def read(self, url: str) -> str:
        return (self.root / save_as(url)).read_text(encoding="utf-8")

    def target(self, href: str, page_url: str) -> str | None:
        """The site path a link leads to (``san-pham/x/``), or None when it leaves the site."""
        if self.siteurl and href.startswith(self.siteurl):
            href = "/" + href[len(self.siteurl) :].lstrip("/")
        if href.startswith("/") and not href.startswith("//"):  # the usual case, made cheap
            return href[1:].split("#", 1)[0].split("?", 1)[0]
        address = urlparse(urljoin(_HOST + page_url, href))
        return address.path.lstrip("/") if f"{address.scheme}://{address.netloc}/" == _HOST else None

    def links(self, url: str) -> set[str]:
        if url not in self.targets:
            hrefs = [html.unescape(href) for href in _LINK.findall(self.read(url))]
            self.targets[url] = {target for href in hrefs if (target := self.target(href, url)) is not None}
        return self.targets[url]


def check_completeness(
    catalogue: Catalogue, urls: Urls, root: Path, siteurl: str = "", page_size: int | None = DEFAULT_PAGINATION
) -> list[Problem]:
    """Every place a record is missing from, in the site written under ``root``; a long
    listing goes on over several pages (``page_size``), all of which are read."""
    site = Site(root, siteurl)
    problems: list[Problem] = []  # where a missing listing page is reported too
    listings = _Listings(catalogue, urls, site, page_size, problems)
    problems += _check_producers(catalogue, urls, listings)
    problems += _check_products(catalogue, urls, site, listings)
    for lang in LANGS:
        problems += _check_home(catalogue, urls, site, lang, page_size)
    return problems


def _check_producers(catalogue: Catalogue, urls: Urls, listings: _Listings) -> list[Problem]:
    problems: list[Problem] = []
    for lang in LANGS:
        first, links = listings.links("producers", "", lang)
        for producer in catalogue.producers.values() if links is not None else ():
            if urls.url("producer", producer.id, lang) not in links:
                problems.append(_missing(f"the producer '{producer.id}' on the list of producers", first))
    return problems


def _check_products(catalogue: Catalogue, urls: Urls, site: Site, listings: _Listings) -> list[Problem]:
    problems: list[Problem] = []
    for product in catalogue.products.values():
        shown_on = [("district", catalogue.district_of(product).id), ("group", product.group), ("products", "")]
        if catalogue.is_current(product):
            shown_on.append(("star", product.star))
        shown_on += [("fair", showing.fair.id) for showing in catalogue.showings.get(product.id, [])]
        for lang in LANGS:
            own = urls.url("product", product.id, lang)
            if not site.exists(own):
                problems.append(_missing(f"the page of product '{product.id}'", own))
            for kind, key in shown_on:
                first, links = listings.links(kind, key, lang)
                if links is not None and own not in links:
                    problems.append(_missing(f"the product '{product.id}' on the {kind} page", first))
    return problems


class _Listings:
    """What the pages of each listing link to, read once per listing: a long one goes on
    over several pages (``pagination``)."""

    def __init__(self, catalogue: Catalogue, urls: Urls, site: Site, page_size: int | None, problems: list[Problem]):
        self.catalogue, self.urls, self.site, self.page_size = catalogue, urls, site, page_size
        self.problems = problems  # where a missing page is reported, once
        self.found: dict[tuple[str, object, str], tuple[str, set[str] | None]] = {}

    def links(self, kind: str, key: object, lang: str) -> tuple[str, set[str] | None]:
        """The address of the listing's first page, and what its pages link to (None when one is missing)."""
        if (kind, key, lang) not in self.found:
            self.found[(kind, key, lang)] = self._read(kind, key, lang)
        return self.found[(kind, key, lang)]

    def _read(self, kind: str, key: object, lang: str) -> tuple[str, set[str] | None]:
        pages = page_count(len(self.catalogue.listing(lang, kind, key)), self.page_size) if kind in PAGINATED else 1
        addresses = [self.urls.url(kind, key, lang, number) for number in range(1, pages + 1)]
        missing = [address for address in addresses if not self.site.exists(address)]
        self.problems.extend(_missing(f"the {kind} page '{key}'", address) for address in missing)
        if missing:
            return addresses[0], None
        return addresses[0], set().union(*(self.site.links(address) for address in addresses))


def _check_home(catalogue: Catalogue, urls: Urls, site: Site, lang: str, page_size: int | None) -> list[Problem]:
    home = urls.url("index", "", lang)
    if not site.exists(home):
        return [_missing("the home page", home)]
    products = catalogue.products.values()
    certified = [product for product in products if catalogue.is_current(product)]
    listed = Counter(("star", product.star) for product in certified)
    listed.update(("district", catalogue.district_of(product).id) for product in products)
    listed.update(("group", product.group) for product in products)
    expected = {urls.url(kind, key, lang): n for (kind, key), n in listed.items()}
    kinds = Counter(producer.kind for producer in catalogue.producers.values())
    page = _Figures()
    page.feed(site.read(home))
    shown: dict[str, int] = {}
    by_kind = []  # the producers' counts, which lead to the list of producers
    pages = page_count(len(catalogue.producers), page_size)
    producers = {urls.url("producers", "", lang, number) for number in range(1, pages + 1)}
    for href, count in page.figures:
        target = site.target(href, home) if href else None
        if target is None or target in producers:
            by_kind.append(_number(count))
        else:
            shown[target] = _number(count)
    problems = [
        _wrong(f"the count for {url}", home, shown.get(url, 0), n) for url, n in expected.items() if shown.get(url) != n
    ]
    kind_counts = [kinds[kind] for kind in PRODUCER_KINDS if kinds[kind]]
    if by_kind != kind_counts:
        problems.append(_wrong("the producers by kind", home, by_kind, kind_counts))
    lead = [_number(n) for n in re.findall(r"\d[\d.,\s]*", page.lead)]
    if lead[:2] != [len(certified), len(catalogue.producers)]:
        problems.append(_wrong("the numbers of certified products and producers", home, lead[:2], "the records'"))
    return problems


def _number(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else -1


def _missing(what: str, url: str) -> Problem:
    return Problem(save_as(url), 1, "-", f"{what} is missing")


def _wrong(what: str, url: str, shown: object, expected: object) -> Problem:
    return Problem(save_as(url), 1, "-", f"{what} shows {shown}, not {expected}")
