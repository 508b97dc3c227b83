"""A long listing (a star level, a group) goes on over numbered pages of a bounded size.

The demo is built with four products a page (``paged_site``), so that its listings take
several pages, and read back against the demo built as it is (one page a listing).
"""

from __future__ import annotations

import re
from math import ceil
from pathlib import Path

import pytest
from conftest import PAGE_SIZE, copy_project, paginated, parse

LISTINGS = {
    "vi": ["hang-sao/3-sao/", "hang-sao/4-sao/", "nhom/thuc-pham/", "nhom/do-uong/", "nhom/duoc-lieu/"],
    "en": [
        "en/stars/3-star/",
        "en/stars/4-star/",
        "en/groups/thuc-pham/",
        "en/groups/do-uong/",
        "en/groups/duoc-lieu/",
    ],
}
NEXT = {"vi": "trang-{}/", "en": "page-{}/"}


def cards(page: Path) -> list[str]:
    return [a["href"] for a in parse(page).select(".cards .card-name")]


def pages_of(site: Path, listing: str, lang: str) -> list[Path]:
    """The files of a listing's pages, in order, following its numbered links."""
    found = [site / listing / "index.html"]
    while (site / listing / NEXT[lang].format(len(found) + 1) / "index.html").exists():
        found.append(site / listing / NEXT[lang].format(len(found) + 1) / "index.html")
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_pages_of_a_listing_show_its_products_once_in_order(paged_site, demo_site, lang):
    for listing in LISTINGS[lang]:
        whole = cards(demo_site / listing / "index.html")
        pages = pages_of(paged_site, listing, lang)
        assert len(pages) == ceil(len(whole) / PAGE_SIZE) > 1, listing
        shown = [cards(page) for page in pages]
        assert all(len(page) == PAGE_SIZE for page in shown[:-1]) and 0 < len(shown[-1]) <= PAGE_SIZE
        assert [href for page in shown for href in page] == whole, listing


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_links_the_others_and_says_which_it_is(paged_site, lang):
    listing = LISTINGS[lang][0]
    pages = pages_of(paged_site, listing, lang)
    for number, page in enumerate(pages, start=1):
        html = parse(page)
        nav = html.select_one("nav.pages")
        assert nav.select_one("[aria-current=page]").get_text() == str(number)
        numbered = [a["href"] for a in nav.select("a[href]") if a.get_text().isdigit()]
        assert len(numbered) == len(pages) - 1
        assert (nav.select_one("a[rel=prev]") is None) == (number == 1)
        assert (nav.select_one("a[rel=next]") is None) == (number == len(pages))
        # Each page's title differs: search engines and browser tabs tell them apart.
        said = re.search(r"(?:Trang|Page) (\d+)", html.title.get_text())
        assert (said and said[1]) == (str(number) if number > 1 else None)


def test_a_page_has_its_versions_and_the_sitemap_lists_it(paged_site):
    page = parse(paged_site / "hang-sao/3-sao/trang-2/index.html")
    alternates = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}
    assert alternates["en"].endswith("/en/stars/3-star/page-2/")
    assert alternates["vi"].endswith("/hang-sao/3-sao/trang-2/")
    sitemap = (paged_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/hang-sao/3-sao/trang-2/</loc>" in sitemap and "/en/stars/3-star/page-2/</loc>" in sitemap


def test_a_product_that_changes_level_shifts_the_pages_as_in_a_clean_build(tmp_path_factory):
    project = paginated(copy_project(tmp_path_factory.mktemp("moved")))
    assert project.build()[0] == 0
    # The first product of the 3-star listing becomes a 4-star one: every page of both
    # listings after its place shows other products.
    first = cards(project.output / "hang-sao/3-sao/index.html")[0].strip("/").split("/")[-1]
    path = project.root / "data/products" / f"{first}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^star: 3$", "star: 4", text, count=1, flags=re.M), encoding="utf-8")
    assert project.build()[0] == 0
    clean = paginated(copy_project(tmp_path_factory.mktemp("clean")))
    (clean.root / "data/products" / f"{first}.yaml").write_bytes(path.read_bytes())
    assert clean.build()[0] == 0
    for lang, listings in LISTINGS.items():
        for listing in listings:
            ours, theirs = pages_of(project.output, listing, lang), pages_of(clean.output, listing, lang)
            assert [page.read_bytes() for page in ours] == [page.read_bytes() for page in theirs], listing
    assert f"/san-pham/{first}/" in cards(project.output / "hang-sao/4-sao/index.html")
    assert f"/san-pham/{first}/" not in cards(project.output / "hang-sao/3-sao/index.html")


@pytest.mark.parametrize("group", ["nhom/thuc-pham/", "en/groups/thuc-pham/"])
def test_a_groups_products_come_by_star_level_the_highest_first(demo_site, group):
    # A buyer comparing a group's best products finds its 5-star ones first, under a heading,
    # not scattered by name among thirty others.
    page = parse(demo_site / group / "index.html")
    levels = [len(heading.select_one(".stars").get_text(strip=True)) for heading in page.select("main h2")]
    assert levels == sorted(levels, reverse=True) and len(levels) > 1
    for heading, level in zip(page.select("main h2"), levels, strict=True):
        cards_under = heading.find_next_sibling("ul", class_="cards").select(".card .stars")
        assert cards_under and {int(card["aria-label"].split()[0]) for card in cards_under} == {level}
