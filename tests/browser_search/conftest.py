"""A phone in a real browser: Debian's Chromium, driven by Playwright, on the demo site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh phone: 390×844, touch, nothing cached, no service worker yet."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(phone: BrowserContext) -> Page:
    return phone.new_page()


@pytest.fixture(scope="session")
def site_url(site_url: str) -> str:
    """The served demo's address without the final slash: these tests write ``f"{site_url}/..."``."""
    return site_url.rstrip("/")
