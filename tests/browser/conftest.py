"""Browser tests: Debian's Chromium, driven by Playwright, on the built demo served over HTTP.

Select them with ``pytest -m browser`` (or leave them out with ``-m "not browser"``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import copy_project
from playwright.sync_api import Browser, Page
from tools.budgets import build_published, free_port, served

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
PHONE = {"width": 390, "height": 844}

# One page of every template, in Vietnamese; ENGLISH gives the same page in English.
TEMPLATES = {
    "home": "",
    "product": "san-pham/dau-lac-hai-yen/",
    "producer": "chu-the/ho-hoang-van-sinh/",
    "district": "dia-phuong/ha-long/",
    "districts": "dia-phuong/",
    "star": "hang-sao/5-sao/",
    "stars": "hang-sao/",
    "products": "san-pham/",
    "producers": "chu-the/",
    "group": "nhom/thuc-pham/",
    "groups": "nhom/",
    "fairs": "hoi-cho/",
    "fair": "hoi-cho/hoi-cho-ocop-quang-ninh-2027/",
    "stories": "tin-tuc/",
    "story": "tin-tuc/dau-lac-hai-yen/",
    "statistics": "thong-ke/",
    "offline": "offline.html",
    "404": "404.html",
}
ENGLISH = {
    "home": "en/",
    "product": "en/products/dau-lac-hai-yen/",
    "producer": "en/producers/ho-hoang-van-sinh/",
    "district": "en/districts/ha-long/",
    "districts": "en/districts/",
    "star": "en/stars/5-star/",
    "stars": "en/stars/",
    "products": "en/products/",
    "producers": "en/producers/",
    "group": "en/groups/thuc-pham/",
    "groups": "en/groups/",
    "fairs": "en/fairs/",
    "fair": "en/fairs/hoi-cho-ocop-quang-ninh-2027/",
    "stories": "en/stories/",
    "story": "en/stories/dau-lac-hai-yen/",
    "statistics": "en/statistics/",
    "offline": "en/offline.html",
    "404": "en/404.html",
}


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's Chromium on the built demo")


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page on a 390×844 phone screen."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def published_site_url(tmp_path_factory) -> Iterator[str]:
    """The demo built as published, for the address it is served at (absolute links)."""
    port = free_port()
    project = copy_project(tmp_path_factory.mktemp("published"))
    build_published(project.root / "pelicanconf.py", project.output, port)
    with served(project.output, port) as url:
        yield url
