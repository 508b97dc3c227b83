"""Pages printed from a browser (headless Chromium) come out as clean A4 sheets."""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS

PUBLIC_URL = "https://ocop.example.org"
CHROMIUM_FLAGS = [*CHROMIUM_ARGS, "--no-pdf-header-footer"]


@pytest.fixture(scope="module")
def served(demo_site):
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def print_page(url: str, target: Path) -> Path:
    subprocess.run(
        ["/usr/bin/chromium", *CHROMIUM_FLAGS, f"--print-to-pdf={target}", url],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert target.is_file()
    return target


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


# What the screen shows around the facts, in each language: skip link, language switch,
# navigation and footer.
CHROME = {
    "vi": ("Chuyển đến nội dung", "English", "Hạng sao", "Nhóm sản phẩm", "Cập nhật ngày"),
    "en": ("Skip to content", "Tiếng Việt", "Star levels", "Groups", "Built on"),
}


@pytest.mark.parametrize(
    ("path", "lang", "name"),
    [("san-pham/dau-lac-hai-yen/", "vi", "Dầu lạc"), ("en/products/dau-lac-hai-yen/", "en", "peanut oil")],
)
def test_a_printed_product_page_is_clean_and_leads_back_to_the_site(served, demo_site, tmp_path, path, lang, name):
    screen = (demo_site / path / "index.html").read_text(encoding="utf-8")
    pdf = print_page(f"{served}/{path}", tmp_path / "page.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    text = text_of(pdf)
    assert name in text
    # No navigation, language switch, skip link or footer on paper, though the page has them.
    for chrome in CHROME[lang]:
        assert chrome in screen, chrome
        assert chrome not in text, chrome
    # The phone number's address is spelled out.
    assert "tel:" in text
    # The QR code opens this very page on the published site.
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(pdf), str(tmp_path / "sheet")], check=True)
    decoded = set()
    for sheet in sorted(tmp_path.glob("sheet*.png")):
        found = subprocess.run(["zbarimg", "-q", "--raw", str(sheet)], capture_output=True, text=True).stdout.split()
        decoded.update(found)
    assert decoded == {f"{PUBLIC_URL}/{path}"}


def test_the_page_qr_code_is_hidden_on_screen(demo_site):
    css = (demo_site / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert ".print-qr { display: none; }" in css
    page = (demo_site / "san-pham" / "dau-lac-hai-yen" / "index.html").read_text(encoding="utf-8")
    assert 'media="print"' in page
