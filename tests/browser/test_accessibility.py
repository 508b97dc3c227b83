"""axe-core finds no WCAG 2.2 A or AA violation on any template, on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import ENGLISH, NODE_MODULES, TEMPLATES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGES = [*TEMPLATES.values(), ENGLISH["home"], ENGLISH["district"], ENGLISH["product"]]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_violation(phone: Page, site_url: str, path: str):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make browser-deps`")
    phone.goto(site_url + path)
    phone.add_script_tag(path=str(AXE))
    result = phone.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert result["passes"], "axe checked nothing"
    violations = [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
