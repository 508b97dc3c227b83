"""The page-not-found page at a mistyped address: the words of the address are offered to search."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

# A mistyped or cut address, the page-not-found page its host answers with, the words the
# search box then holds, and a result those words find.
MISTYPED = [
    ("san-pham/cha-muc/", "404.html", "cha muc", "Chả mực Hạ Long"),
    ("en/products/squid-cake", "en/404.html", "squid cake", "Ha Long squid cake"),
]


@pytest.mark.parametrize(("address", "not_found", "words", "found"), MISTYPED)
def test_a_mistyped_address_offers_its_words_to_search(
    phone: Page, demo_site, site_url: str, address: str, not_found: str, words: str, found: str
):
    # As the host does (docs/publishing.md): the missing address answers with the 404 page.
    body = (demo_site / not_found).read_bytes()
    phone.route(site_url + address, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    phone.goto(site_url + address)
    box = phone.locator("#search-box")
    expect(box).to_have_value(words)
    box.press("Enter")
    expect(phone.locator(".search-results").get_by_text(found).first).to_be_visible(timeout=15000)


def test_the_not_found_page_opened_by_its_own_name_has_an_empty_box(phone: Page, site_url: str):
    phone.goto(site_url + "404.html")
    expect(phone.locator("#search-box")).to_have_value("")
