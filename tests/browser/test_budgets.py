"""The phone budgets, as a phone loads a product page: HTML, CSS and JS at most 20 KB with
brotli, the main picture at most 50 KB; and Lighthouse's full marks where they do not
depend on timing (performance is scored by tests/tools/budgets.py, see docs/)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Response
from tools.budgets import (
    LIGHTHOUSE,
    LIGHTHOUSE_PAGES,
    PAGE_BUDGET,
    PICTURE_BUDGET,
    brotli_size,
    failed_audits,
    lighthouse,
    page_weight,
    product_pages,
    scores,
)

from .conftest import TEMPLATES

CODE_TYPES = {"document", "stylesheet", "script"}


def test_a_product_page_weighs_at_most_20_kb_with_brotli_as_loaded(phone: Page, site_url: str):
    responses: list[Response] = []
    phone.on("response", lambda response: responses.append(response))
    phone.goto(site_url + TEMPLATES["product"])
    phone.wait_for_function("document.querySelector('script[src]') && document.readyState === 'complete'")
    code = [r for r in responses if r.request.resource_type in CODE_TYPES]
    assert {r.request.resource_type for r in code} == CODE_TYPES
    assert sum(brotli_size(r.body()) for r in code) <= PAGE_BUDGET


def test_every_product_page_weighs_at_most_20_kb_with_brotli(demo_site):
    pages = product_pages(demo_site)
    assert pages
    heaviest = max(page_weight(demo_site, page) for page in pages)
    assert heaviest <= PAGE_BUDGET


def test_the_main_picture_a_phone_loads_weighs_at_most_50_kb(phone: Page, site_url: str):
    responses: list[Response] = []
    phone.on("response", lambda response: responses.append(response))
    phone.goto(site_url + TEMPLATES["product"])
    main = phone.locator(".main-picture img")
    main.evaluate("img => img.decode()")
    chosen = main.evaluate("img => img.currentSrc")
    assert chosen.endswith(".avif")  # Chromium takes the smallest format
    (picture,) = [r for r in responses if r.url == chosen]
    assert 0 < len(picture.body()) <= PICTURE_BUDGET


def test_pictures_below_the_fold_wait(phone: Page, site_url: str):
    requested: list[str] = []
    phone.on("request", lambda r: requested.append(r.url) if r.resource_type == "image" else None)
    phone.goto(site_url + TEMPLATES["star"].replace("5", "3"))  # the longest list
    phone.wait_for_load_state("load")
    last = phone.locator(".cards img").last
    assert last.get_attribute("loading") == "lazy"
    stem = last.get_attribute("src").rsplit("-", 1)[0]  # /images/products/<id>-480.jpg
    assert requested and not any(stem in url for url in requested)
    last.scroll_into_view_if_needed()
    # Loaded, not decode(): Chromium may reject decode() on a lazy picture whose request
    # starts or restarts as it scrolls into view ("The source image cannot be decoded").
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=last.element_handle())
    assert any(stem in url for url in requested)


@pytest.fixture(scope="session")
def lighthouse_reports(published_site_url: str) -> dict[str, dict]:
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is not installed: run `make browser-deps`")
    categories = ("accessibility", "best-practices", "seo")
    return {name: lighthouse(published_site_url + path, categories) for name, path in LIGHTHOUSE_PAGES.items()}


@pytest.mark.parametrize("page", sorted(LIGHTHOUSE_PAGES))
def test_lighthouse_gives_full_marks_on_the_mobile_profile(lighthouse_reports, page: str):
    report = lighthouse_reports[page]
    assert report["configSettings"]["formFactor"] == "mobile"
    failing = {c: failed_audits(report, c) for c, score in scores(report).items() if score < 100}
    assert failing == {}
