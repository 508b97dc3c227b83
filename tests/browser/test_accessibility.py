"""axe-core finds no WCAG 2.2 A or AA violation on any template, on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from tools.budgets import served

from .conftest import ENGLISH, NODE_MODULES, TEMPLATES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGES = [*TEMPLATES.values(), ENGLISH["home"], ENGLISH["district"], ENGLISH["product"]]
# First and middle pages of two listings, and the last of the six the 4-star one has in English.
PAGED = ["hang-sao/3-sao/", "hang-sao/3-sao/trang-2/", "en/stars/4-star/page-3/", "en/stars/4-star/page-6/"]


@pytest.fixture(scope="module")
def paged_url(paged_site: Path) -> Iterator[str]:
    with served(paged_site) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_violation(phone: Page, site_url: str, path: str):
    assert axe_violations(phone, site_url + path) == []


@pytest.mark.parametrize("path", PAGED)
def test_axe_finds_no_wcag_violation_on_a_listings_pages(phone: Page, paged_url: str, path: str):
    assert axe_violations(phone, paged_url + path) == []


def axe_violations(phone: Page, url: str) -> list[tuple[str, list[str]]]:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make browser-deps`")
    assert phone.goto(url).ok, url
    phone.add_script_tag(path=str(AXE))
    result = phone.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert result["passes"], "axe checked nothing"
    return [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in result["violations"]]
