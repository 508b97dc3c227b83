"""The near-me page on a phone whose position is refused: the visitor is shown a way on."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PHONE

# The districts' page, and the link's words, in each language.
NEAR_ME = {
    "gan-toi/": ("/dia-phuong/", "Xem theo địa phương"),
    "en/near-me/": ("/en/districts/", "Browse by district"),
}


@pytest.mark.parametrize("path", sorted(NEAR_ME))
def test_a_refused_position_leaves_a_link_to_the_districts(browser, site_url: str, path: str):
    # No permission granted: Chromium refuses the position, as a phone whose owner said no.
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, permissions=[])
    page = context.new_page()
    page.goto(site_url + path)
    page.get_by_role("button").filter(has_text="near me" if path.startswith("en/") else "quanh đây").click()
    districts, words = NEAR_ME[path]
    link = page.get_by_role("link", name=words)
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box and box["height"] >= 47.5, "a thumb must be able to hit it"
    link.click()
    expect(page).to_have_url(site_url.rstrip("/") + districts)
    context.close()


@pytest.mark.parametrize(("path", "made"), [("gan-toi/", "Chả mực Hạ Long"), ("en/near-me/", "Ha Long squid cake")])
def test_a_producer_near_by_says_what_it_makes(browser, site_url: str, path: str, made: str):
    # A tourist in Bãi Cháy looks for specialities to buy: a producer's name alone does not say
    # that its shop sells squid cake.
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": 20.9530, "longitude": 107.0480},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(site_url + path)
    page.locator(".nearby-locate").click()
    first = page.locator(".nearby-results li").filter(has_text=made).first
    expect(first).to_be_visible()
    context.close()
