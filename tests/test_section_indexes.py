"""Every section of the site has a page at its own address.

A visitor who shortens an address (``/san-pham/cha-muc-ha-long/`` to ``/san-pham/``), or types
one off a booklet, lands on a page: the list of all products, of all producers (by kind, as the
home page counts them) and of the star levels, with what each level means. Without them a
static host answers with its bare "403 Forbidden" or "not found".
"""

from __future__ import annotations

from math import ceil
from pathlib import Path

import pytest
from conftest import PAGE_SIZE, parse
from ocop_catalogue.urls import save_as
from ocop_catalogue.vietnamese import sort_key

ASSETS = {"theme", "images", "pagefind"}
PRODUCTS = {"vi": ("san-pham/", "trang-{}.html"), "en": ("en/products/", "page-{}.html")}
PRODUCERS = {"vi": ("chu-the/", "trang-{}.html"), "en": ("en/producers/", "page-{}.html")}
STARS = {"vi": "hang-sao/", "en": "en/stars/"}
HOME = {"vi": "", "en": "en/"}


def folders_without_a_page(site: Path) -> list[str]:
    """Folders that hold pages below them but none of their own."""
    missing = []
    for page in site.rglob("index.html"):
        for folder in page.parent.relative_to(site).parents:
            if folder.parts and folder.parts[0] not in ASSETS and not (site / folder / "index.html").exists():
                missing.append(folder.as_posix())
    return sorted(set(missing))


@pytest.mark.parametrize("site", ["demo_site", "paged_site"])
def test_every_folder_of_pages_has_a_page_of_its_own(site, request):
    assert folders_without_a_page(request.getfixturevalue(site)) == []


def written(site: Path, href: str) -> Path:
    """The file a link within the site leads to."""
    return site / save_as(href.lstrip("/"))


def listing_pages(site: Path, first: str, later: str) -> list[Path]:
    """A listing's files in order: its first page, then its numbered ones while they exist."""
    pages = [site / first / "index.html"]
    while (site / first / later.format(len(pages) + 1)).exists():
        pages.append(site / first / later.format(len(pages) + 1))
    return pages


def names(page: Path, selector: str = ".cards .card-name") -> list[tuple[str, str]]:
    return [(a["href"], a.get_text(" ", strip=True)) for a in parse(page).select(selector)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_list_of_products_shows_every_product_page_once_by_name(demo_site, lang):
    first, later = PRODUCTS[lang]
    shown = names(demo_site / first / "index.html")
    own_pages = {f"/{first}{page.parent.name}/" for page in (demo_site / first).glob("*/index.html")}
    assert {href for href, _ in shown} == own_pages and len(shown) == len(own_pages) > 50
    assert [name for _, name in shown] == sorted((name for _, name in shown), key=sort_key)
    assert not (demo_site / first / later.format(2)).exists()  # a province's list is one page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_long_lists_of_products_and_producers_go_on_over_pages(paged_site, demo_site, lang):
    for first, later in (PRODUCTS[lang], PRODUCERS[lang]):
        whole = names(demo_site / first / "index.html")
        pages = listing_pages(paged_site, first, later)
        assert len(pages) == ceil(len(whole) / PAGE_SIZE) > 1, first
        assert [item for page in pages for item in names(page)] == whole, first
        for number, page in enumerate(pages, start=1):
            nav = parse(page).select_one("nav.pages")
            assert nav.select_one("[aria-current=page]").get_text() == str(number)
            for link in nav.select("a[href]"):  # every numbered link leads to a written page
                assert written(paged_site, link["href"]).exists(), link["href"]


def test_a_long_lists_page_links_the_first_the_last_and_its_neighbours_not_every_page(paged_site):
    first, later = PRODUCTS["vi"]
    pages = listing_pages(paged_site, first, later)
    assert len(pages) > 9  # the demo's 53 products, 4 a page
    reached = {1}
    for number, page in enumerate(pages, start=1):
        nav = parse(page).select_one("nav.pages")
        items = [item.get_text() for item in nav.select("a, .gap") if item.get("rel") is None]
        shown = [int(item) for item in items if item.isdigit()]
        near = {n for n in range(number - 2, number + 3) if 1 <= n <= len(pages)}
        assert {1, len(pages)} | near <= set(shown) and len(items) <= 9, (number, items)
        # A gap stands exactly where numbers are left out, and is more than one page.
        for before, after in zip(items, items[1:], strict=False):
            if before.isdigit() and after.isdigit():
                assert int(after) == int(before) + 1, items
        gaps = [(items[i - 1], items[i + 1]) for i, item in enumerate(items) if item == "…"]
        assert all(int(after) - int(before) > 2 for before, after in gaps), items
        reached |= set(shown)
    assert reached == set(range(1, len(pages) + 1))  # every page is a link away from another


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_producers_are_listed_by_kind_and_the_home_pages_counts_lead_to_their_kind(paged_site, lang):
    first, later = PRODUCERS[lang]
    pages = listing_pages(paged_site, first, later)
    kinds = []  # each producer's kind, in the order the pages list them
    for page in pages:
        for section in parse(page).select("main section[id]"):
            kinds += [section["id"]] * len(section.select(".card-name"))
    order = ["enterprise", "cooperative", "cooperative-group", "household"]
    assert kinds == sorted(kinds, key=order.index) and set(kinds) == set(order)
    home = parse(paged_site / HOME[lang] / "index.html")
    counts = home.select('section[aria-labelledby="by-kind"] .figures a')
    assert [int(a.strong.get_text()) for a in counts] == [kinds.count(kind) for kind in order]
    for link, kind in zip(counts, order, strict=True):
        address, fragment = link["href"].split("#")
        assert fragment == kind and parse(written(paged_site, address)).select_one(f"section#{kind} .card-name")


def test_a_producer_in_the_list_says_where_it_is_and_how_many_products_it_has(demo_site):
    page = parse(demo_site / "en/producers/index.html")
    link = page.select_one('a[href="/en/producers/htx-nong-nghiep-hai-yen/"]')
    own = parse(demo_site / "en/producers/htx-nong-nghiep-hai-yen/index.html")
    count = len(own.select(".cards .card-name"))
    assert (
        link.find_next_sibling(class_="card-meta").get_text(" ", strip=True) == f"Tien Yen District · {count} products"
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_star_levels_page_says_what_each_level_means_and_leads_to_it(demo_site, lang):
    page = parse(demo_site / STARS[lang] / "index.html")
    levels = page.select(".cards .card")
    home = parse(demo_site / HOME[lang] / "index.html")
    by_star = [a["href"] for a in home.select('section[aria-labelledby="by-star"] .figures a')]
    assert [card.a["href"] for card in levels] == by_star and len(by_star) == 3
    for card, points in zip(levels, ("90", "70", "50"), strict=True):
        star_page = parse(written(demo_site, card.a["href"]))
        meaning = card.select_one(".card-meta").get_text(" ", strip=True)
        assert meaning.startswith(("Từ " + points, points)), meaning
        assert meaning in star_page.select_one(".lead").get_text(" ", strip=True)  # the level's own page says it too


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_list_of_products_links_the_printable_catalogue_of_the_province(demo_site, lang):
    booklet = parse(demo_site / PRODUCTS[lang][0] / "index.html").select_one(".booklet-link a")
    home = parse(demo_site / HOME[lang] / "index.html").select_one(".booklet-link a")
    assert booklet["href"] == home["href"] and booklet["href"].endswith(f"/{lang}/province-quang-ninh.pdf")
