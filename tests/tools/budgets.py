"""Weigh a built catalogue against its phone budgets, and score pages with Lighthouse.

    python tests/tools/budgets.py [output/] [--lighthouse]

Budgets: a product page's HTML, CSS and JS weigh at most 20 KB together once
compressed with brotli, and its main picture, in the file a phone picks, at
most 50 KB. Lighthouse runs from tests/browser/node_modules (``make
browser-deps``) against Debian's Chromium, on its mobile profile, with the site
served on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import brotli
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "tests" / "browser" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
PAGE_BUDGET = 20 * 1024  # bytes of HTML + CSS + JS, brotli-compressed
PICTURE_BUDGET = 50 * 1024  # bytes of the main picture a phone loads
# A phone 390 CSS px wide at two device pixels per CSS pixel shows the main
# picture 358 px wide (1 rem margins): it loads the smallest width from 716 px up.
PHONE_PIXELS = (390 - 32) * 2
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_PAGES = {"home": "", "district": "dia-phuong/ha-long/", "product": "san-pham/dau-lac-hai-yen/"}


def brotli_size(data: bytes) -> int:
    return len(brotli.compress(data, quality=11))


def local_file(site: Path, url: str) -> Path | None:
    """The file a root-relative address of the site serves (None for other sites)."""
    if re.match(r"^[a-z]+:|^//", url):
        return None
    return site / url.split("?")[0].lstrip("/")


def page_assets(site: Path, page: Path) -> list[Path]:
    """The page itself and the stylesheets and scripts it loads from the site."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    urls = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    urls += [script["src"] for script in soup.find_all("script", src=True)]
    return [page, *(path for url in urls if (path := local_file(site, url)) is not None)]


def page_weight(site: Path, page: Path) -> int:
    """Bytes of HTML, CSS and JS of one page, each file compressed with brotli."""
    return sum(file_weight(path) for path in page_assets(site, page))


@functools.cache
def file_weight(path: Path) -> int:
    """A file's bytes once compressed (the stylesheet is shared by every page: weighed once)."""
    return brotli_size(path.read_bytes())


def main_pictures(site: Path, page: Path) -> list[Path]:
    """The files a phone may load for the page's main picture: one per format."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    picture = soup.select_one(".main-picture picture")
    if picture is None:
        return []
    srcsets = [source["srcset"] for source in picture.find_all("source")] + [picture.img["srcset"]]
    return [phone_choice(site, srcset) for srcset in srcsets]


def phone_choice(site: Path, srcset: str) -> Path:
    candidates = sorted((int(w.rstrip("w")), url) for url, w in (c.split() for c in srcset.split(", ")))
    width, url = next(((w, u) for w, u in candidates if w >= PHONE_PIXELS), candidates[-1])
    return local_file(site, url)


def product_pages(site: Path) -> list[Path]:
    return sorted([*site.glob("san-pham/*/index.html"), *site.glob("en/products/*/index.html")])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_published(settings_file: Path, output: Path, port: int) -> None:
    """Build as ``make publish`` does, for the address the site will be served at: published
    pages carry absolute addresses (hreflang links must be absolute)."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from ocop_catalogue.build import build

    if build(str(settings_file), str(output), {"SITEURL": f"http://127.0.0.1:{port}"}) != 0:
        raise RuntimeError("the catalogue did not build")


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser drops the requests it no longer needs (a page left before its pictures
        # came): a broken connection is the client's doing, not a fault of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@contextmanager
def served(site: Path, port: int = 0, handler: type[http.server.BaseHTTPRequestHandler] = Quiet) -> Iterator[str]:
    """The site on a real HTTP server on 127.0.0.1, for as long as the block runs."""
    server = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(url: str, categories: tuple[str, ...] = CATEGORIES) -> dict[str, dict]:
    """Lighthouse's report of ``url`` on the mobile profile: ``{"categories": ..., "audits": ...}``."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(categories)}",
        f"--chrome-flags={CHROMIUM_FLAGS}",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300
    )
    return json.loads(result.stdout)


def scores(report: dict) -> dict[str, int]:
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}


def failed_audits(report: dict, category: str) -> list[str]:
    """The audits of a category that did not score full marks (what to fix)."""
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [ref["id"] for ref in refs if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1]


def score_pages(runs: int) -> bool:
    """Score the home, a district and a product page; print the median of ``runs`` runs,
    as Lighthouse advises for timing scores, with the lowest and highest performance."""
    port = free_port()
    published = Path(tempfile.mkdtemp(prefix="ocop-lighthouse-")) / "output"
    build_published(ROOT / "pelicanconf.py", published, port)
    ok = True
    with served(published, port) as url:
        print(f"| page | {' | '.join(CATEGORIES)} | performance, lowest–highest of {runs} |")
        print("| --- " * (len(CATEGORIES) + 2) + "|")
        for name, path in LIGHTHOUSE_PAGES.items():
            reports = [lighthouse(url + path) for _ in range(runs)]
            runs_scores = [scores(report) for report in reports]
            median = {c: statistics.median_low(s[c] for s in runs_scores) for c in CATEGORIES}
            spread = sorted(s["performance"] for s in runs_scores)
            print(f"| {name} | {' | '.join(str(median[c]) for c in CATEGORIES)} | {spread[0]}–{spread[-1]} |")
            for category in CATEGORIES:
                if median[category] < 100:
                    ok = False
                    worst = min(reports, key=lambda r: r["categories"][category]["score"])
                    print(f"  {category}: {', '.join(failed_audits(worst, category))}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "output"), type=Path)
    parser.add_argument(
        "--lighthouse", action="store_true", help="also build the demo for 127.0.0.1 and score three pages"
    )
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median counts")
    args = parser.parse_args()
    pages = product_pages(args.site)
    weights = [(page_weight(args.site, page), page) for page in pages]
    pictures = [(path.stat().st_size, path) for page in pages for path in main_pictures(args.site, page)]
    heaviest, heaviest_page = max(weights)
    print(f"product pages: {len(pages)}; heaviest HTML+CSS+JS (brotli): {heaviest} B ({heaviest_page.parent.name})")
    print(f"  budget {PAGE_BUDGET} B: {'ok' if heaviest <= PAGE_BUDGET else 'OVER'}")
    largest, largest_file = max(pictures)
    print(f"largest main picture at phone width: {largest} B ({largest_file.name})")
    print(f"  budget {PICTURE_BUDGET} B: {'ok' if largest <= PICTURE_BUDGET else 'OVER'}")
    ok = heaviest <= PAGE_BUDGET and largest <= PICTURE_BUDGET
    if args.lighthouse:
        ok = score_pages(args.runs) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
