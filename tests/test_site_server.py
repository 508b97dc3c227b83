"""`make serve` and the preview serve the built site as its hosts do: a missing address gets
the site's own not-found page in its language, with the status 404, where Python's file
server answered with its English "Error response" page."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from ocop_catalogue.devserver import RELOAD_SCRIPT_PATH, PreviewHandler, SiteVersion
from ocop_catalogue.site_server import SiteHandler
from test_devserver import free_port
from tools.budgets import served


def fetch(address: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(address) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def language_and_title(html: str) -> tuple[str, str]:
    page = BeautifulSoup(html, "html.parser")
    return page.html["lang"], page.h1.get_text(strip=True)


@pytest.mark.parametrize(
    ("address", "lang"),
    [
        ("/san-pham/mat-ong-khong-co/", "vi"),
        ("/en/products/no-such-honey/", "en"),
        ("/../../etc/passwd", "vi"),
        ("/xx/khong-co/", "vi"),  # a folder without a not-found page of its own
    ],
)
def test_a_missing_address_gets_the_sites_not_found_page_in_its_language(demo_site: Path, address: str, lang: str):
    vietnamese = language_and_title((demo_site / "404.html").read_text(encoding="utf-8"))
    english = language_and_title((demo_site / "en" / "404.html").read_text(encoding="utf-8"))
    with served(demo_site, handler=SiteHandler) as site:
        status, html = fetch(site + address.lstrip("/"))
        assert status == 404
        assert language_and_title(html) == {"vi": vietnamese, "en": english}[lang]
        assert fetch(site + "san-pham/dau-lac-hai-yen/")[0] == 200


def test_the_preview_shows_the_not_found_page_and_reloads_it_when_the_page_comes(demo_site: Path):
    handler = type("Handler", (PreviewHandler,), {"version": SiteVersion()})
    with served(demo_site, handler=handler) as site:
        status, html = fetch(site + "san-pham/mat-ong-moi/")
    assert status == 404
    assert language_and_title(html)[0] == "vi"
    assert f'src="{RELOAD_SCRIPT_PATH}"' in html  # an editor adding the product sees its page come


def test_make_serve_serves_the_built_site_with_its_not_found_page(demo_site: Path):
    port = free_port()
    command = [sys.executable, "-m", "ocop_catalogue", "serve", "-o", str(demo_site), "-p", str(port)]
    server = subprocess.Popen(command, env={"PYTHONPATH": str(ROOT / "plugins")}, stdout=subprocess.PIPE, text=True)
    try:
        assert "http://127.0.0.1:" in server.stdout.readline()
        deadline = time.monotonic() + 60
        while True:
            try:
                status, html = fetch(f"http://127.0.0.1:{port}/en/products/no-such-honey/")
                break
            except urllib.error.URLError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert status == 404 and language_and_title(html)[0] == "en"
        assert fetch(f"http://127.0.0.1:{port}/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_make_serve_without_a_built_site_says_to_build_it(tmp_path: Path):
    command = [sys.executable, "-m", "ocop_catalogue", "serve", "-o", str(tmp_path / "output"), "-p", str(free_port())]
    done = subprocess.run(
        command, env={"PYTHONPATH": str(ROOT / "plugins")}, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "holds no built site: run make html first" in done.stderr
