"""Offline reading and near me, as built: the service worker, offline pages and the places files."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from conftest import parse
from ocop_catalogue.offline import assets_version


def worker_settings(demo_site: Path) -> dict:
    script = (demo_site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"^const SETTINGS = (.*);$", script, re.MULTILINE).group(1))


def test_the_service_worker_is_at_the_root_and_names_files_that_exist(demo_site: Path):
    settings = worker_settings(demo_site)
    assert set(settings["offline_pages"]) == {"vi", "en"}
    for path in [*settings["offline_pages"].values(), *settings["precache"]]:
        assert (demo_site / path.lstrip("/")).is_file(), path
    offline_page = parse(demo_site / settings["offline_pages"]["vi"])
    loads = [tag["href"] for tag in offline_page.select("link[rel=stylesheet]")]
    loads += [tag["src"] for tag in offline_page.select("script[src]")]
    assert loads and set(loads) <= set(settings["precache"])
    assert parse(demo_site / settings["offline_pages"]["en"]).html["lang"] == "en"


@pytest.mark.parametrize(
    "page_file", ["index.html", "en/products/dau-lac-hai-yen/index.html", "tin-tuc/dau-lac-hai-yen/index.html"]
)
def test_every_page_registers_the_service_worker(demo_site: Path, page_file: str):
    script = parse(demo_site / page_file).select_one("script[data-worker]")
    assert script["data-worker"] == "/sw.js"
    assert (demo_site / script["src"].lstrip("/")).is_file()


def test_the_assets_version_follows_the_theme_files_and_the_day(tmp_path: Path):
    # Styles and scripts are served from the phone's cache first: a new version must drop them.
    (tmp_path / "css").mkdir()
    style = tmp_path / "css" / "site.css"
    style.write_text("body { color: black; }")
    first = assets_version(tmp_path, datetime.date(2026, 11, 22))
    assert assets_version(tmp_path, datetime.date(2026, 11, 22)) == first
    assert assets_version(tmp_path, datetime.date(2026, 11, 23)) != first
    style.write_text("body { color: green; }")
    assert assets_version(tmp_path, datetime.date(2026, 11, 22)) != first


def producers_with_geo(demo_site: Path, folder: str) -> set[str]:
    return {
        "/" + path.parent.relative_to(demo_site).as_posix() + "/"
        for path in (demo_site / folder).glob("*/index.html")
        if parse(path).select_one("a[href^='https://www.openstreetmap.org/']")
    }


@pytest.mark.parametrize("page, producers", [("gan-toi", "chu-the"), ("en/near-me", "en/producers")])
def test_places_list_every_located_producer_and_upcoming_fair(demo_site: Path, page: str, producers: str):
    places = json.loads((demo_site / page / "places.json").read_text(encoding="utf-8"))
    assert {p["url"] for p in places if p["kind"] == "producer"} == producers_with_geo(demo_site, producers)
    fairs = [p for p in places if p["kind"] == "fair"]
    assert fairs
    for fair in fairs:  # its days, as its page gives them
        dates = parse(demo_site / fair["url"].lstrip("/") / "index.html").select_one("dl.details dd")
        assert fair["when"] == dates.get_text() and fair["on"] is False
    for place in places:
        assert (demo_site / place["url"].lstrip("/") / "index.html").is_file()
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180
    assert parse(demo_site / page / "index.html").select_one("button[data-places='places.json']")
