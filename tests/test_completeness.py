"""The completeness check finds every record missing from a page where it must
be, and a build whose site is incomplete publishes nothing."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, Project
from ocop_catalogue import build
from ocop_catalogue.completeness import check_completeness
from ocop_catalogue.generator import load_catalogue
from ocop_catalogue.model import Catalogue
from ocop_catalogue.publishing import PublishingGenerator
from ocop_catalogue.urls import Urls, save_as
from pelican.settings import read_settings


@pytest.fixture(scope="module")
def demo():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    catalogue, problems = load_catalogue(settings)
    assert catalogue is not None, problems
    return catalogue, Urls(settings)


@pytest.fixture
def site(demo_site: Path, tmp_path: Path) -> Path:
    """A copy of the built demo that a test may damage."""
    shutil.copytree(demo_site, tmp_path / "output")
    return tmp_path / "output"


def unlink(page: Path, address: str) -> None:
    """Make ``page``'s link to ``address`` lead to the home page instead."""
    link = f'href="/{address}"'
    html = page.read_text(encoding="utf-8")
    assert link in html
    page.write_text(html.replace(link, 'href="/"'), encoding="utf-8")


def a_current_product(catalogue: Catalogue):
    return next(p for p in catalogue.products.values() if catalogue.is_current(p) and catalogue.showings.get(p.id))


def test_the_demo_is_complete(demo, demo_site: Path):
    catalogue, urls = demo
    assert check_completeness(catalogue, urls, demo_site) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", ["district", "group", "star", "fair", "products"])
def test_a_product_missing_from_a_listing_is_found(demo, site: Path, kind: str, lang: str):
    catalogue, urls = demo
    product = a_current_product(catalogue)
    key = {
        "district": catalogue.district_of(product).id,
        "group": product.group,
        "star": product.star,
        "fair": catalogue.showings[product.id][0].fair.id,
        "products": "",
    }[kind]
    listing = save_as(urls.url(kind, key, lang))
    unlink(site / listing, urls.url("product", product.id, lang))
    assert [str(p) for p in check_completeness(catalogue, urls, site)] == [
        f"{listing}:1: -: the product '{product.id}' on the {kind} page is missing"
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_producer_missing_from_the_list_of_producers_is_found(demo, site: Path, lang: str):
    catalogue, urls = demo
    producer = next(iter(catalogue.producers.values()))
    listing = save_as(urls.url("producers", "", lang))
    unlink(site / listing, urls.url("producer", producer.id, lang))
    assert [str(p) for p in check_completeness(catalogue, urls, site)] == [
        f"{listing}:1: -: the producer '{producer.id}' on the list of producers is missing"
    ]


def test_a_missing_product_page_is_found(demo, site: Path):
    catalogue, urls = demo
    product = next(iter(catalogue.products.values()))
    (site / save_as(urls.url("product", product.id, "en"))).unlink()
    assert [p.message for p in check_completeness(catalogue, urls, site)] == [
        f"the page of product '{product.id}' is missing"
    ]


def test_a_wrong_count_on_the_home_page_is_found(demo, site: Path):
    catalogue, urls = demo
    home = site / "en/index.html"
    html = home.read_text(encoding="utf-8")
    star_url = urls.url("star", 5, "en")
    before, after = html.split(f'href="/{star_url}"', 1)
    count = after.split("<strong>", 1)[1].split("</strong>", 1)[0]
    home.write_text(
        before + f'href="/{star_url}"' + after.replace(f"<strong>{count}</strong>", "<strong>999</strong>", 1)
    )
    problems = [str(p) for p in check_completeness(catalogue, urls, site)]
    assert problems == [f"en/index.html:1: -: the count for {star_url} shows 999, not {count}"]


def test_an_incomplete_site_is_not_published(project: Project, capsys, monkeypatch):
    assert project.build(capsys)[0] == 0
    before = {p: p.read_bytes() for p in project.output.rglob("*") if p.is_file()}
    products_in = Catalogue.products_in

    def lose_one(self, lang, facet, key):
        return products_in(self, lang, facet, key)[1:] if facet == "district" else products_in(self, lang, facet, key)

    monkeypatch.setattr(Catalogue, "products_in", lose_one)
    code, printed = project.build(capsys)
    assert code == 1
    assert "on the district page is missing" in printed
    assert printed.rstrip().splitlines()[-1].startswith("failed: not built; the output is unchanged: ")
    assert {p: p.read_bytes() for p in project.output.rglob("*") if p.is_file()} == before


def test_a_build_failing_while_the_check_reads_stops_it(project: Project, capsys, monkeypatch):
    """The check starts once the catalogue's pages are written; Pelican may still fail after."""
    assert project.build(capsys)[0] == 0
    before = {p: p.read_bytes() for p in project.output.rglob("*") if p.is_file()}
    started = []
    real_check = build.check_completeness

    def slow_check(*args):
        time.sleep(30)  # still reading when the build fails
        return real_check(*args)

    def sitemap_fails(generator, writer):
        started.extend(multiprocessing.active_children())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build, "check_completeness", slow_check)
    monkeypatch.setattr(PublishingGenerator, "generate_output", sitemap_fails)
    code, printed = project.build(capsys)

    assert code == 1
    assert "No space left on device" in printed
    assert started and not any(process.is_alive() for process in started)
    assert {p: p.read_bytes() for p in project.output.rglob("*") if p.is_file()} == before
