"""A place typed in the search: its district's page offered above the results; a star
level and a product group alike.

Pagefind matches the start of every word, so "van don" also finds "Đồng Văn" and
"Đông Triều", and ranks them first; "5 sao" finds every page that says "sao"; and "do
uong" (drinks) every page with a word beginning "do", which is most of them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote_plus

import pytest
from conftest import parse
from playwright.sync_api import Page, expect

from .test_search_browser import product_links, search, wait_for_results


def district_name(demo_site: Path, url: str) -> str:
    """The name a district page shows."""
    return parse(demo_site / url.strip("/") / "index.html").h1.get_text(strip=True)


@pytest.mark.parametrize(
    ("search_page", "query", "district"),
    [
        ("tim-kiem/", "van don", "/dia-phuong/van-don/"),
        ("tim-kiem/", "Vân Đồn", "/dia-phuong/van-don/"),
        ("tim-kiem/", "ha long", "/dia-phuong/ha-long/"),
        ("tim-kiem/", "muc mot nang co to", "/dia-phuong/co-to/"),
        ("en/search/", "van don", "/en/districts/van-don/"),
        ("en/search/", "ha long", "/en/districts/ha-long/"),
        ("en/search/", "Halong", "/en/districts/ha-long/"),
        ("en/search/", "Van Don district", "/en/districts/van-don/"),
    ],
)
def test_a_district_typed_whole_is_offered_above_the_results(page, site_url, demo_site, search_page, query, district):
    found = search(page, site_url, search_page, query)
    assert found
    link = page.locator(".search-listings a")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", district)
    name = district_name(demo_site, district)
    expected = f"Tất cả sản phẩm OCOP của {name}" if search_page == "tim-kiem/" else f"All OCOP products of {name}"
    expect(link).to_have_text(expected)
    assert link.bounding_box()["height"] >= 47.5  # a thumb's tap target, as every link's
    # Above the first result, on the screen and for a screen reader alike.
    assert link.bounding_box()["y"] < page.locator(".search-results li").first.bounding_box()["y"]
    assert link.evaluate(
        "(link, first) => Boolean(link.compareDocumentPosition(first) & 4)",
        page.locator(".search-results li").first.element_handle(),
    )


@pytest.mark.parametrize(
    ("search_page", "listing"), [("tim-kiem/", "dia-phuong/ha-long"), ("en/search/", "en/districts/ha-long")]
)
def test_a_place_typed_as_one_word_finds_its_products(page, site_url, demo_site, search_page, listing):
    # "Halong", as signs and tourists write Hạ Long: the results are Hạ Long's, not whatever
    # begins with "ha" (Hải Hà, Đầm Hà), which is all Pagefind finds of a word it does not hold.
    in_ha_long = product_links(demo_site, listing)
    assert in_ha_long
    found = [
        href for href in search(page, site_url, search_page, "Halong") if "/san-pham/" in href or "/products/" in href
    ]
    assert set(found) == in_ha_long


@pytest.mark.parametrize(
    ("search_page", "query", "listing"),
    [
        ("tim-kiem/", "dac san ha long", "dia-phuong/ha-long"),
        ("tim-kiem/", "Đặc sản Hạ Long", "dia-phuong/ha-long"),
        ("en/search/", "Ha Long specialities", "en/districts/ha-long"),
        ("en/search/", "dac san ha long", "en/districts/ha-long"),
    ],
)
def test_a_places_specialities_are_its_products_first(page, site_url, demo_site, search_page, query, listing):
    # Every word typed must be on a page: "đặc sản" (speciality), on none, found nothing.
    # Products elsewhere that are sold in Hạ Long's shops come after its own.
    in_ha_long = product_links(demo_site, listing)
    found = search(page, site_url, search_page, query)
    assert set(found[: len(in_ha_long)]) == in_ha_long, found


GROUP = "Tất cả sản phẩm OCOP nhóm "


@pytest.mark.parametrize(
    ("search_page", "query", "listing", "label"),
    [
        ("tim-kiem/", "5 sao", "/hang-sao/5-sao/", "Tất cả sản phẩm OCOP 5 sao"),
        ("tim-kiem/", "san pham 4 sao", "/hang-sao/4-sao/", "Tất cả sản phẩm OCOP 4 sao"),
        ("tim-kiem/", "Ba sao", "/hang-sao/3-sao/", "Tất cả sản phẩm OCOP 3 sao"),
        ("tim-kiem/", "five stars", "/hang-sao/5-sao/", "Tất cả sản phẩm OCOP 5 sao"),
        ("en/search/", "5 star tea", "/en/stars/5-star/", "All 5-star OCOP products"),
        ("en/search/", "năm sao", "/en/stars/5-star/", "All 5-star OCOP products"),
        ("en/search/", "4stars", "/en/stars/4-star/", "All 4-star OCOP products"),
        # A product group: its name, its id's words, a one-word English name in the singular.
        ("tim-kiem/", "do uong", "/nhom/do-uong/", GROUP + "Đồ uống"),
        ("tim-kiem/", "Đồ uống", "/nhom/do-uong/", GROUP + "Đồ uống"),
        ("tim-kiem/", "hàng thủ công mỹ nghệ", "/nhom/thu-cong-my-nghe/", GROUP + "Hàng thủ công mỹ nghệ"),
        (
            "tim-kiem/",
            "du lich",
            "/nhom/du-lich/",
            GROUP + "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        ),
        ("en/search/", "handicraft", "/en/groups/thu-cong-my-nghe/", "All OCOP products in Handicrafts"),
        ("en/search/", "Beverages", "/en/groups/do-uong/", "All OCOP products in Beverages"),
        ("en/search/", "thuc pham", "/en/groups/thuc-pham/", "All OCOP products in Food"),
    ],
)
def test_a_star_level_or_group_typed_is_offered_above_the_results(page, site_url, search_page, query, listing, label):
    page.goto(f"{site_url}/{search_page}?q={quote_plus(query)}")
    wait_for_results(page)
    link = page.locator(".search-listings a")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", listing)
    expect(link).to_have_text(label)


@pytest.mark.parametrize("search_page", ["tim-kiem/", "en/search/"])
@pytest.mark.parametrize("query", ["dong", "van", "don", "mat ong", "ha", "5", "do", "hang thu cong", "herbs"])
def test_a_word_of_a_district_or_another_search_offers_no_district(page, site_url, search_page, query):
    # "dong" begins Đông Triều and ends Vân Đồn: neither is what the visitor named.
    assert search(page, site_url, search_page, query)
    expect(page.locator(".search-listings")).to_be_hidden()
    expect(page.locator(".search-listings a")).to_have_count(0)


def test_the_district_comes_before_pagefind_on_a_slow_phone_and_goes_with_the_words(phone, page: Page, site_url):
    # Nothing of Pagefind comes: the district's link needs only the page itself.
    phone.route("**/pagefind/**", lambda route: None)
    page.goto(f"{site_url}/tim-kiem/?q={quote_plus('van don')}", wait_until="domcontentloaded")
    expect(page.locator(".search-status")).to_have_text("Đang tìm…")
    expect(page.locator(".search-listings a")).to_have_attribute("href", "/dia-phuong/van-don/")
    page.locator("#search-query").fill("van")
    expect(page.locator(".search-listings")).to_be_hidden()


def test_the_districts_link_opens_its_page(page, site_url):
    page.goto(f"{site_url}/en/search/?q=co+to")
    wait_for_results(page)
    page.locator(".search-listings a").click()
    expect(page).to_have_url(f"{site_url}/en/districts/co-to/")


@pytest.mark.parametrize(
    ("search_page", "query", "listing"),
    [
        ("tim-kiem/", "5 sao", "hang-sao/5-sao"),
        ("tim-kiem/", "năm sao", "hang-sao/5-sao"),
        ("tim-kiem/", "4 sao", "hang-sao/4-sao"),
        ("en/search/", "five stars", "en/stars/5-star"),
        ("en/search/", "3 star", "en/stars/3-star"),
    ],
)
def test_a_star_level_typed_finds_the_products_of_that_level(page, site_url, demo_site, search_page, query, listing):
    """ "5 sao" found every page saying "5" or "sao", 3-star products among them: the level's words
    now filter the results as its filter would."""
    assert set(search(page, site_url, search_page, query)) == product_links(demo_site, listing)


def test_words_typed_with_a_star_level_are_searched_among_its_products(page, site_url, demo_site):
    found = search(page, site_url, "tim-kiem/", "tra 5 sao")
    assert found and set(found) <= product_links(demo_site, "hang-sao/5-sao")
    assert found[0] == "/san-pham/tra-hoa-vang-ba-che/"
