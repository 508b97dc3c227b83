"""Shared fixtures: real builds of the demo catalogue, or of a copy of it, into temporary folders."""

from __future__ import annotations

import gzip
import html
import os
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from ocop_catalogue.build import build

ROOT = Path(__file__).resolve().parent.parent
# The build date of every test build: certificates and fairs are judged as of this day.
BUILD_EPOCH = "1795305600"  # 2026-11-22 00:00 UTC
# The one script written into the pages (every page's, after the navigation), as the theme's
# template gives it: the theme's other scripts are files, and no record can add one.
NAVIGATION_SCRIPT = re.search(
    r"<script>(.*?)</script>", (ROOT / "theme/templates/_main_nav.html").read_text(encoding="utf-8"), re.S
)[1]


# A fair still to come (after the build date), without its exhibitors.
SPRING_FAIR = """\
name: {vi: Hội chợ Xuân 2027, en: Spring Fair 2027}
start: 2027-02-01
end: 2027-02-03
venue: {vi: Quảng trường 30/10, en: 30 October Square}
"""
# The same listing two exhibitors registered before booths were assigned.
FAIR_WITHOUT_ALL_BOOTHS = (
    SPRING_FAIR
    + """\
exhibitors:
  - {producer: htx-nong-nghiep-hai-yen, products: [dau-lac-hai-yen]}
  - {producer: htx-che-hai-ha, booth: B02, products: [che-xanh-duong-hoa]}
  - {producer: cong-ty-ba-kich-ba-che, products: [ba-kich-tim-ba-che]}
  - {producer: htx-ga-tien-yen, booth: A01, products: [ga-tien-yen]}
"""
)


@dataclass
class Project:
    """A copy of the demo catalogue that a test may change, and its build."""

    root: Path

    @property
    def output(self) -> Path:
        return self.root / "output"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def build(self, capsys=None) -> tuple[int, str]:
        """Run the build as `make html` does; returns the exit code and what it printed."""
        code = build(str(self.root / "pelicanconf.py"), str(self.output))
        printed = capsys.readouterr().err if capsys else ""
        return code, printed


def copy_project(destination: Path) -> Project:
    for folder in ("data", "content"):
        shutil.copytree(ROOT / folder, destination / folder)
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    settings += f"\nTHEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    # Encoded pictures are cached by content: every test build shares the repository's cache.
    settings += f"IMAGE_CACHE_PATH = {str(ROOT / 'cache' / 'images')!r}\n"
    (destination / "pelicanconf.py").write_text(settings, encoding="utf-8")
    return Project(destination)


@pytest.fixture(autouse=True, scope="session")
def fixed_build_date():
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    yield


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo catalogue built once for all tests that only read it."""
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    project = copy_project(tmp_path_factory.mktemp("demo"))
    code, _ = project.build()
    assert code == 0
    return project.output


BOOKLET_RUN_PRODUCTS = 12  # booklet_site's runs: its booklets are laid out in several and joined


@pytest.fixture(scope="session")
def booklet_site(tmp_path_factory) -> Path:
    """The demo built as `make catalogue` builds it, booklets included, once per session."""
    project = copy_project(tmp_path_factory.mktemp("booklets"))
    # Runs of a few entries, so that the demo's booklets are laid out in several runs and joined.
    settings = {"CATALOGUE_BOOKLETS": True, "BOOKLET_RUN_PRODUCTS": BOOKLET_RUN_PRODUCTS}
    assert build(str(project.root / "pelicanconf.py"), str(project.output), settings) == 0
    return project.output


# Debian's Chromium, quiet: nothing may reach the network or download anything.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


PAGE_SIZE = 4  # products a listing page shows in ``paged_site``


def paginated(project: Project) -> Project:
    """The project with its listings split over pages of PAGE_SIZE products."""
    settings = project.root / "pelicanconf.py"
    added = f"\nCATALOGUE_PAGINATION = {PAGE_SIZE}\n"
    settings.write_text(settings.read_text(encoding="utf-8") + added, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory) -> Path:
    """The demo built with its star levels and groups over several pages each."""
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    project = paginated(copy_project(tmp_path_factory.mktemp("paged")))
    assert project.build()[0] == 0  # the completeness check finds every product on its page
    return project.output


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (Playwright's sync API allows one driver at a time)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(demo_site: Path):
    """The built demo, served on 127.0.0.1 by a real HTTP server."""
    from tools.budgets import served

    with served(demo_site) as url:
        yield url


def indexed(output: Path, text: str) -> bool:
    """Whether a page of ``output``'s search index holds ``text``."""
    fragments = (gzip.decompress(p.read_bytes()).decode("utf-8") for p in (output / "pagefind/fragment").iterdir())
    return any(text in fragment for fragment in fragments)


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def overwrite_keeping_stamp(path: Path) -> bytes:
    """Overwrite the file in place with zeros, keeping its inode, size and modification
    time: a change that only reading the file again would notice. Returns the zeros."""
    status = path.stat()
    zeros = bytes(status.st_size)
    with path.open("r+b") as file:
        file.write(zeros)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    return zeros


def damaged_png(path: Path) -> None:
    """A PNG whose chunks and checksums are sound but whose compressed pixels are not: Pillow's
    ``verify()`` passes it, and decoding it fails with "broken data stream"."""
    from PIL import Image

    Image.effect_noise((600, 400), 60).convert("RGB").save(path)
    data = bytearray(path.read_bytes())
    at = data.index(b"IDAT")
    length = struct.unpack(">I", data[at - 4 : at])[0]
    for index in range(at + 104, at + 404):
        data[index] ^= 0x5A
    data[at + 4 + length : at + 8 + length] = struct.pack(">I", zlib.crc32(bytes(data[at : at + 4 + length])))
    path.write_bytes(bytes(data))


def short_png(path: Path) -> None:
    """A PNG whose compressed pixels are sound and end a byte early, checksums and all."""
    width, height = 40, 30

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes(height * (1 + 3 * width) - 1))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


@dataclass
class Word:
    left: float
    top: float
    right: float
    text: str


def pdf_words(pdf: Path, page: int = 1) -> list[Word]:
    """The words of a page (from 1) with their edges in points, as poppler reads them."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    return [Word(float(x0), float(y0), float(x1), html.unescape(t)) for x0, y0, x1, t in re.findall(pattern, boxes)]


def errors_after_warnings(printed: list[str], error: str) -> list[str]:
    """Assert that ``printed`` (a build's or a check's lines) ends its problems with the
    errors, ``error`` among them, under their heading and after every warning, right above
    the summary line; returns the error lines."""
    summary = next(at for at, line in enumerate(printed) if line.startswith("failed: "))
    heading = next(at for at, line in enumerate(printed) if line.startswith("Lỗi / Errors: "))
    errors = printed[heading + 1 : summary]
    warnings = [line for line in printed[:summary] if ": warning: " in line]
    assert error in errors, printed
    assert warnings, "a demo with no warnings tells nothing here"
    assert not [line for line in errors if ": warning: " in line]
    assert printed.index(warnings[-1]) < heading
    assert printed[heading] == f"Lỗi / Errors: {len(errors)}"
    assert printed[summary].endswith(f": {len(errors)} errors, {len(warnings)} warnings")
    return errors
