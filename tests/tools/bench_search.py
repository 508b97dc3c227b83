"""Benchmark of search and near me at catalogue scale (figures in docs/search-and-offline.md).

Builds a copy of the demo with the demo's products cloned up to PRODUCTS, then
reports the build time, Pagefind's share of it, what the search bundle weighs,
and what a phone downloads to search, with Debian's Chromium:

    PYTHONPATH=plugins .venv/bin/python tests/tools/bench_search.py 20000
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from budgets import served  # beside this script
from ocop_catalogue import search
from ocop_catalogue.build import build
from ocop_catalogue.urls import Urls
from pelican.settings import read_settings
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
QUERIES = [("tim-kiem/", "dau lac"), ("tim-kiem/", "dong trieu"), ("en/search/", "peanut oil")]


def make_project(destination: Path, products: int) -> Path:
    """A copy of the demo whose products are cloned, under new ids, up to ``products``."""
    for folder in ("data", "content"):
        shutil.copytree(ROOT / folder, destination / folder)
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    settings += f"\nTHEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    (destination / "pelicanconf.py").write_text(settings, encoding="utf-8")
    originals = sorted((destination / "data" / "products").glob("*.yaml"))
    for number in range(products - len(originals)):
        original = originals[number % len(originals)]
        clone = f"{original.stem}-{number}"
        text = original.read_text(encoding="utf-8").replace(f"id: {original.stem}", f"id: {clone}", 1)
        (original.parent / f"{clone}.yaml").write_text(text, encoding="utf-8")
    return destination / "pelicanconf.py"


def downloaded_for_search(site: Path) -> list[tuple[str, str, int, int]]:
    """For each query: the bytes a fresh phone fetches, and how many results it gets."""
    found = []
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for page_path, query in QUERIES:
            address = f"{url}{page_path}?q={query.replace(' ', '+')}"
            found.append((page_path, query, *search_once(browser, address)))
        browser.close()
    return found


def search_once(browser, address: str) -> tuple[int, int]:
    """The bytes a fresh phone downloads to search, and the number of results."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.goto(address)
    # The status says "Searching…" while the results list is busy.
    page.wait_for_function("document.querySelector('.search-status').textContent !== ''")
    page.wait_for_function("!document.querySelector('.search-results').hasAttribute('aria-busy')")
    page.wait_for_load_state("networkidle")
    results = int("".join(c for c in page.locator(".search-status").inner_text() if c.isdigit()) or 0)
    context.close()
    return sum(sizes.values()), results


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main(products: int) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795305600")
    with tempfile.TemporaryDirectory() as temporary:
        settings = make_project(Path(temporary), products)
        output = Path(temporary) / "output"
        started = time.monotonic()
        assert build(str(settings), str(output)) == 0
        built = time.monotonic() - started

        started = time.monotonic()
        search.index_site(output, urls=Urls(read_settings(str(settings))))  # again, alone: Pagefind's share
        indexed = time.monotonic() - started
        entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        print(f"products: {products}; pages indexed per language: {entry['languages']['vi']['page_count']}")
        print(f"build: {built:.1f} s, of which Pagefind about {indexed:.1f} s")
        print(f"search bundle: {folder_size(output / 'pagefind') / 1e6:.1f} MB on disk")
        for name in ("gan-toi/places.json", "en/near-me/places.json"):
            print(f"{name}: {(output / name).stat().st_size / 1e3:.1f} kB")
        for page_path, query, downloaded, results in downloaded_for_search(output):
            print(f"search {page_path}?q={query}: {downloaded / 1e3:.0f} kB downloaded, {results} results")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
