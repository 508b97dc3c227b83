"""A renamed product's old address, opened in Chromium (as a printed QR code opens it), lands
on the product's page."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_project
from playwright.sync_api import Browser
from test_former_ids import MOVES, rename_both
from tools.budgets import served


def test_an_old_address_lands_on_the_new_page(browser: Browser, tmp_path: Path):
    project = copy_project(tmp_path)
    rename_both(project)
    assert project.build()[0] == 0
    # Without scripts: the page's refresh alone moves the visitor on.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        with served(project.output) as site:
            for old, new, lang in MOVES:
                page.goto(site + old)
                page.wait_for_url(site + new)
                assert page.locator("html").get_attribute("lang") == lang
                assert page.locator("[data-pagefind-body] h1").count() == 1  # the record's own page
    finally:
        context.close()
