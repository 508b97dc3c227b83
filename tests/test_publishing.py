"""The published build, served by a real nginx at a domain root and under a sub-path.

The demo is built as `make publish` builds it (publishconf.py, an absolute
SITEURL) in separate processes: twice for the root, with different hash
seeds, to show the output is reproducible, and once for ``/ocop``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import icalendar
import pytest
from conftest import BUILD_EPOCH, ROOT, copy_project, parse
from nginx_server import YEAR, Nginx, Site, free_port, missing_packages
from ocop_catalogue import sitemap

SUBPATH = "/ocop"
TWINS = {".br": "br", ".gz": "gzip"}
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@dataclass
class FakePage:
    kind: str
    urls: dict[str, str]


@dataclass
class Published:
    sites: dict[str, Site]
    rebuilt: Path  # a second build of the root site, from the same input


def publish(project_root: Path, site_url: str, output: Path, hash_seed: str) -> subprocess.Popen:
    """Start `make publish`'s command for ``site_url`` in its own process."""
    env = {
        **os.environ,
        "SITEURL": site_url,
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        "PYTHONHASHSEED": hash_seed,
        "PYTHONPATH": str(ROOT / "plugins"),
    }
    command = [sys.executable, "-m", "ocop_catalogue", "build", "-s", "publishconf.py", "-o", str(output)]
    return subprocess.Popen(command, cwd=project_root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def distinct_free_ports(count: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(free_port())
    return sorted(ports)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Published:
    problem = missing_packages()
    assert problem is None, problem
    folder = tmp_path_factory.mktemp("publish")
    project = copy_project(folder / "project")
    shutil.copy(ROOT / "publishconf.py", project.root / "publishconf.py")
    root_port, sub_port = distinct_free_ports(2)
    sites = {"root": Site(folder / "root", root_port), "subpath": Site(folder / "subpath", sub_port, SUBPATH)}
    rebuilt = folder / "root-again"
    builds = [
        publish(project.root, sites["root"].base, sites["root"].output, "1"),
        publish(project.root, sites["root"].base, rebuilt, "2"),
        publish(project.root, sites["subpath"].base, sites["subpath"].output, "3"),
    ]
    for build in builds:
        _, errors = build.communicate()
        assert build.returncode == 0, errors.decode()
    with Nginx(folder / "nginx", list(sites.values())):
        yield Published(sites, rebuilt)


@pytest.fixture(params=["root", "subpath"])
def site(request, published) -> Site:
    return published.sites[request.param]


def fetch(url: str, accept_encoding: str | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and the bytes as sent (urllib decompresses nothing)."""
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def files(site: Path) -> list[str]:
    """Every file of the site but the precompressed twins."""
    return sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file() and path.suffix not in TWINS
    )


def pages(site: Path) -> list[str]:
    return [name for name in files(site) if name.endswith(".html")]


@functools.cache
def page(path: Path):
    """A built page, parsed once for all the tests that read it."""
    return parse(path)


def indexed_pages(site: Path) -> list[str]:
    """The pages search engines may list: all but those marked noindex (the 404 and offline pages)."""
    return [name for name in pages(site) if not page(site / name).find("meta", attrs={"name": "robots"})]


def site_files(folder: Path) -> list[str]:
    """Every file but the search index's own: Pagefind names and fills some of its
    filter and metadata files differently on each run (see docs/publishing.md)."""
    names = (path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    return sorted(name for name in names if not name.startswith("pagefind/"))


def test_two_builds_of_the_same_input_are_identical(published):
    first, second = published.sites["root"].output, published.rebuilt
    names = site_files(first)
    assert names == site_files(second)
    assert (first / "pagefind/pagefind-entry.json").is_file() and (second / "pagefind/pagefind-entry.json").is_file()
    assert {".html", ".br", ".gz", ".xml", ".css", ".jpg"} <= {Path(name).suffix for name in names}
    differing = [name for name in names if (first / name).read_bytes() != (second / name).read_bytes()]
    assert not differing, differing[:20]


def test_every_page_and_asset_answers_200_with_its_bytes(site):
    names = files(site.output)
    assert len(pages(site.output)) > 200
    failures = []
    for name in names:
        status, _, body = fetch(site.url_of(name))
        if status != 200 or body != (site.output / name).read_bytes():
            failures.append(f"{site.url_of(name)}: {status}")
    assert not failures, failures[:20]


def test_precompressed_twins_are_served(site):
    for name in pages(site.output):
        assert all((site.output / (name + suffix)).is_file() for suffix in TWINS), name
    twins = [path for path in site.output.rglob("*") if path.suffix in TWINS]
    assert len(twins) > 2 * len(pages(site.output))
    wrong = []
    for twin in twins:
        original = twin.with_suffix("").relative_to(site.output).as_posix()
        status, headers, body = fetch(site.url_of(original), TWINS[twin.suffix])
        if status != 200 or headers["Content-Encoding"] != TWINS[twin.suffix] or body != twin.read_bytes():
            wrong.append(f"{original} ({TWINS[twin.suffix]}): {status} {headers['Content-Encoding']}")
    assert not wrong, wrong[:20]


def test_a_fairs_calendar_file_is_served_as_a_calendar_naming_the_fairs_page(site):
    """As text/calendar, which a phone offers to add to its calendar (docs/publishing.md's types)."""
    fair_page = "en/fairs/hoi-cho-ocop-quang-ninh-2027/index.html"
    link = page(site.output / fair_page).select_one("a[href$='.ics']")["href"]
    status, headers, body = fetch(urllib.parse.urljoin(site.base + "/", link))
    assert status == 200
    assert headers["Content-Type"] == "text/calendar"
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert event["URL"] == site.url_of(fair_page)
    assert event["DESCRIPTION"].endswith(site.url_of(fair_page))


def test_a_missing_page_answers_404_with_the_site_404_page(site):
    status, _, body = fetch(f"{site.base}/san-pham/khong-co-san-pham-nay/")
    assert status == 404
    assert body == (site.output / "404.html").read_bytes()
    stylesheet = page(site.output / "404.html").find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith(f"{site.base}/theme/")
    assert fetch(stylesheet)[0] == 200


def linkchecker(site: Site, folder: Path) -> list[dict[str, str]]:
    """Run LinkChecker over the served site; one row per address it checked."""
    config = folder / "linkcheckerrc"
    # Every address on the test server is internal, so a link that leaves the sub-path is checked too.
    internal = f"^http://127\\.0\\.0\\.1:{site.port}/"
    config.write_text(f"[filtering]\ninternlinks={internal}\n[checking]\nmaxrequestspersecond=1000\n")
    command = [str(Path(sys.executable).with_name("linkchecker")), "-f", str(config), "--no-status", "--verbose"]
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "HOME": str(folder)}
    result = subprocess.run(
        [*command, "-o", "csv", f"{site.base}/"], capture_output=True, text=True, cwd=folder, env=env, timeout=600
    )
    assert result.returncode in (0, 1), result.stderr
    lines = [line for line in result.stdout.splitlines(keepends=True) if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=";"))


def test_link_checker_finds_no_broken_link(site, tmp_path):
    rows = linkchecker(site, tmp_path)
    broken = [f"{row['urlname']} on {row['parentname']}: {row['result']}" for row in rows if row["valid"] != "True"]
    assert not broken, broken[:20]
    checked = {
        row["url"].split("#")[0] for row in rows if row["result"] == "200 OK"
    }  # a link to a section reaches its page
    unreached = [name for name in pages(site.output) if site.url_of(name) not in checked]
    # The 404 pages are for the host; the offline pages for the service worker (reached
    # only where a page's script names them).
    assert (
        {"404.html", "en/404.html"} <= set(unreached) <= {"404.html", "en/404.html", "en/offline.html", "offline.html"}
    )


def test_sitemap_lists_every_page_with_its_alternates(site):
    status, _, body = fetch(f"{site.base}/sitemap.xml")
    assert status == 200
    listed = {}
    for url in ET.fromstring(body).findall("sm:url", NS):
        links = url.findall("xhtml:link", NS)
        listed[url.findtext("sm:loc", namespaces=NS)] = {link.get("hreflang"): link.get("href") for link in links}
    expected = {}
    for name in indexed_pages(site.output):
        soup = page(site.output / name)
        links = soup.find_all("link", rel="alternate", hreflang=True)
        expected[site.url_of(name)] = {link["hreflang"]: link["href"] for link in links}
    unlisted = set(pages(site.output)) - set(indexed_pages(site.output))
    # A result saying "you are offline" or "not found" would serve nobody.
    assert unlisted == {"404.html", "en/404.html", "offline.html", "en/offline.html"}
    assert listed == expected
    assert all(set(alternates) == {"vi", "en", "x-default"} for alternates in listed.values())


def test_robots_txt_names_the_sitemap(site):
    status, _, body = fetch(f"{site.base}/robots.txt")
    assert status == 200
    assert f"Sitemap: {site.base}/sitemap.xml" in body.decode().splitlines()


def test_every_page_names_its_canonical_address(site):
    for name in pages(site.output):
        soup = page(site.output / name)
        canonical = soup.find_all("link", rel="canonical")
        if name.endswith(("404.html", "offline.html")):
            assert not canonical and soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        else:
            assert [link["href"] for link in canonical] == [site.url_of(name)], name


def story_count(lang: str) -> int:
    return len(list((ROOT / "content" / "stories").glob(f"*.{lang}.md")))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_language_has_an_atom_feed_of_its_stories_linked_from_its_pages(site, lang):
    feed = f"{site.base}/feeds/{lang}.atom.xml"
    status, _, body = fetch(feed)
    assert status == 200
    entries = ET.fromstring(body).findall("atom:entry", ATOM)
    assert len(entries) == story_count(lang) > 0
    prefix = f"{site.base}/en/stories/" if lang == "en" else f"{site.base}/tin-tuc/"
    for entry in entries:
        assert entry.find("atom:link", ATOM).get("href").startswith(prefix)
        assert entry.findtext("atom:author/atom:name", namespaces=ATOM)
    for name in pages(site.output):
        soup = page(site.output / name)
        if soup.html["lang"] == lang:
            link = soup.find("link", type="application/atom+xml")
            assert link["href"] == feed, name
            assert link["title"].endswith({"vi": " · OCOP Quảng Ninh", "en": " · OCOP Quang Ninh"}[lang]), name


def test_theme_assets_carry_a_content_hash_and_are_cached_for_a_year(site):
    source = (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:8]
    stylesheet = f"{site.base}/theme/css/site.{digest}.css"
    for name in pages(site.output):
        assert page(site.output / name).find("link", rel="stylesheet")["href"] == stylesheet, name
    status, headers, body = fetch(stylesheet)
    assert (status, body) == (200, source)
    assert headers["Cache-Control"] == YEAR
    assert fetch(site.url_of("index.html"))[1]["Cache-Control"] is None


def test_the_development_build_links_assets_by_hash_but_writes_no_twins_nor_sitemap_address(demo_site):
    stylesheet = page(demo_site / "index.html").find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("/theme/css/site.") and (demo_site / stylesheet.lstrip("/")).is_file()
    assert (demo_site / "theme" / "css" / "site.css").is_file()  # the plain name stays for hand-written links
    assert not [path for path in demo_site.rglob("*") if path.suffix in TWINS]
    assert "Sitemap:" not in (demo_site / "robots.txt").read_text()
    assert ET.parse(demo_site / "sitemap.xml").getroot().findall("sm:url", NS)


def test_a_sitemap_over_the_limit_is_split_under_an_index(tmp_path):
    pages_ = [FakePage("product", {"vi": f"san-pham/{n}/", "en": f"en/products/{n}/"}) for n in range(5)]
    entries = list(sitemap.entries(pages_, {}, "https://example.org/ocop", ("vi", "en")))
    written = sitemap.write_sitemap(tmp_path, entries, "https://example.org/ocop", max_urls=4)
    assert written == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)] == [
        f"https://example.org/ocop/{name}" for name in written[1:]
    ]
    listed = [
        loc.text for name in written[1:] for loc in ET.parse(tmp_path / name).getroot().iterfind("sm:url/sm:loc", NS)
    ]
    assert listed == [entry.loc for entry in entries] and len(listed) == 10
