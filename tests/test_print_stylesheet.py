"""Pages printed from a browser (Debian's Chromium, driven by Playwright) come out as clean A4
sheets, with a QR code drawn at print time that opens the page on the published site."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_project, parse, pdf_words
from playwright.sync_api import expect
from tools.budgets import served

PUBLIC_URL = "https://ocop.example.org"


def print_page(browser, url: str, target: Path) -> Path:
    """Print as a reader does once the page has loaded: Chromium fires ``beforeprint``, then
    lays the page out for paper (``page.pdf`` is what ``--print-to-pdf`` does)."""
    page = browser.new_page()
    try:
        open_with_the_encoder(page, url)
        # Nothing is drawn before printing: the code costs nothing on a page that is only read.
        assert page.locator(".print-qr svg").count() == 0
        page.pdf(path=str(target), prefer_css_page_size=True)
    finally:
        page.close()
    assert target.is_file()
    return target


def open_with_the_encoder(page, url: str) -> None:
    """Open ``url`` and wait until the page has fetched and run its QR encoder. The page
    imports it once it has loaded and is idle, which on a busy machine may come after the
    network has already been quiet for the 500 ms that "networkidle" waits for."""
    with page.expect_request_finished(lambda request: "/lean-qr" in request.url) as encoder:
        page.goto(url)
    # The same module, imported again: this resolves once it has run, for the page's own
    # import too, which asked for it first.
    page.evaluate("url => import(url).then(() => undefined)", encoder.value.url)
    page.wait_for_load_state("networkidle")


def text_of(pdf: Path, *options: str) -> str:
    """The PDF's text; ``-raw`` keeps the hyphen that ends a line (an address broken after
    ``hai-``), which the default reading drops as a word's hyphenation."""
    return subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
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
def test_a_printed_product_page_is_clean_and_leads_back_to_the_site(
    browser, site_url, demo_site, tmp_path, path, lang, name
):
    screen = (demo_site / path / "index.html").read_text(encoding="utf-8")
    pdf = print_page(browser, site_url + path, tmp_path / "page.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    text = text_of(pdf)
    assert name in text
    # No navigation, language switch, skip link or footer on paper, though the page has them.
    for chrome in CHROME[lang]:
        assert chrome in screen, chrome
        assert chrome not in text, chrome
    # Nor the producer's other products: the sheet is this product's.
    sibling = {"vi": "Dầu vừng đen", "en": "black sesame oil"}[lang]
    assert sibling in screen and sibling not in text
    # The call button gives its number once, with no "tel:" after it; the e-mail button its
    # address, without "mailto:".
    assert text.count("0203 3876 215") == 1 and "tel:" not in text
    assert "<lienhe@haiyen.example.vn>" in "".join(text.split()) and "mailto:" not in text
    # The QR code, drawn when the page was printed, opens this very page on the published site,
    # whose address is also spelled out beneath it, over lines as wide as the code.
    assert f"{PUBLIC_URL}/{path}" in "".join(text_of(pdf, "-raw").split())
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


def test_no_page_carries_an_encoded_qr_code_only_the_address_to_draw(demo_site):
    pages = sorted(demo_site.rglob("*.html"))
    asides = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        aside = soup.select_one("aside.print-qr")
        if aside is None:
            continue
        asides += 1
        assert aside.find("svg") is None and soup.select(".print-qr-code") == [], page
        assert aside["data-address"].startswith(f"{PUBLIC_URL}/"), page
        assert aside.get_text(strip=True) == aside["data-address"], page
        script = soup.find("script", attrs={"data-encoder": True})
        assert script is not None and script.has_attr("defer"), page
    assert asides > len(pages) / 2


def test_browsers_that_only_switch_to_print_media_get_the_code_too(browser, site_url):
    page = browser.new_page()
    try:
        open_with_the_encoder(page, site_url + "en/products/dau-lac-hai-yen/")
        page.emulate_media(media="print")  # no beforeprint: the matchMedia("print") listener draws
        drawn = page.locator(".print-qr svg.print-qr-code")
        expect(drawn).to_have_count(1)  # media listeners run at the next rendering update
        assert drawn.bounding_box()["width"] > 0
    finally:
        page.close()


def test_the_call_button_prints_as_plain_dark_text_on_white(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(site_url + "san-pham/dau-lac-hai-yen/")
        page.wait_for_load_state("networkidle")
        call = page.locator(".actions .action.primary")
        on_screen = computed_look(call)
        page.emulate_media(media="print")
        on_paper = computed_look(call)
    finally:
        page.close()
    # A white pill on the brand's green on screen, a thumb's target; on paper, a line of text.
    assert on_screen["background"] == "rgb(11, 110, 79)" and on_screen["color"] == "rgb(255, 255, 255)"
    assert on_paper == {"background": "rgba(0, 0, 0, 0)", "color": "rgb(0, 0, 0)", "border": "0px", "padding": "0px"}


def computed_look(locator) -> dict[str, str]:
    return locator.evaluate(
        """element => {
            const style = getComputedStyle(element);
            return {background: style.backgroundColor, color: style.color,
                    border: style.borderTopWidth, padding: style.paddingTop};
        }"""
    )


@pytest.mark.parametrize(
    ("path", "title", "label", "producer"),
    [
        ("san-pham/mam-ruoc-van-ninh/", "Mắm", "Chủ thể", "Hộ"),
        ("en/products/ga-u-muoi-tien-yen/", "Tien", "Producer", "Tien"),
    ],
)
def test_a_short_product_page_prints_on_one_sheet_its_qr_code_beside_the_title(
    browser, site_url, tmp_path, path, title, label, producer
):
    """A product's facts fill less than a sheet: the QR code placed after them took a second
    sheet to itself, and each linked value sat a tap target's height below its label."""
    pdf = print_page(browser, site_url + path, tmp_path / "page.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(pdf), str(tmp_path / "sheet")], check=True)
    [sheet] = tmp_path.glob("sheet*.png")
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(sheet)], capture_output=True, text=True).stdout.split()
    assert decoded == [f"{PUBLIC_URL}/{path}"]
    words = pdf_words(pdf)
    texts = [word.text for word in words]
    heading, dt = words[texts.index(title)], words[texts.index(label.split()[0])]
    address = next(word for word in words if word.text.startswith(PUBLIC_URL))
    # The code and its address at the right of the title, above the facts.
    assert address.left > heading.right and address.top < dt.top
    # A label and its value, a link to the producer, on one line.
    value = next(word for word in words if word.text == producer and word.left > dt.right)
    assert value.top == pytest.approx(dt.top, abs=2)


@pytest.mark.parametrize(
    ("path", "fairs", "stories"),
    [
        ("san-pham/tra-hoa-vang-ba-che/", "Tại hội chợ", "Tin bài"),
        ("en/products/dau-lac-hai-yen/", "At fairs", "Stories"),
    ],
)
def test_a_product_at_fairs_and_in_stories_prints_on_one_sheet_without_the_stories(
    browser, site_url, demo_site, tmp_path, path, fairs, stories
):
    """The titles of the stories about a product are to be read on the site: printed, their two
    lines took a second sheet, as the last of the facts did under a picture 120 mm wide."""
    screen = parse(demo_site / path / "index.html").get_text()
    assert fairs in screen and stories in screen
    pdf = print_page(browser, site_url + path, tmp_path / "page.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    text = text_of(pdf)
    assert fairs in text and stories not in text


@pytest.mark.parametrize("path", ["thong-ke/", "en/statistics/"])
def test_the_statistics_page_prints_each_chart_under_its_heading_the_first_on_the_first_sheet(
    browser, site_url, demo_site, tmp_path, path
):
    """The districts' chart was taller than what the title leaves of the first sheet: it went on
    to the second, its heading with it, and left the first sheet to the title alone."""
    page = BeautifulSoup((demo_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    pdf = print_page(browser, site_url + path, tmp_path / "page.pdf")
    sheets = [" ".join(sheet.split()) for sheet in text_of(pdf).split("\f")]
    assert page.h1.get_text(" ", strip=True) in sheets[0]
    figures = page.select("figure.chart")
    assert len(figures) == 3
    for number, figure in enumerate(figures):
        heading = figure.find_parent("section").h2.get_text(strip=True)
        sheet = next(n for n, text in enumerate(sheets) if heading in text)
        below = sheets[sheet].split(heading, 1)[1]
        # Every bar's label (its table's row) on the heading's sheet, below it.
        labels = [row.get_text(" ", strip=True) for row in figure.select("tbody th")]
        assert [label for label in labels if label not in below] == [], (heading, sheet)
        if number == 0:
            assert sheet == 0, "the first chart is not on the first sheet"


def test_a_printed_chart_leaves_out_the_button_that_opens_its_table(browser, site_url, demo_site, tmp_path):
    """On paper "The figures as a table" opens nothing: it printed under each chart, alone."""
    summary = "The figures as a table"
    screen = BeautifulSoup((demo_site / "en/statistics/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [item.get_text(strip=True) for item in screen.select(".chart summary")] == [summary] * 3
    text = text_of(print_page(browser, site_url + "en/statistics/", tmp_path / "page.pdf"))
    assert "Products by group" in text and summary not in text


def open_data_addresses(site: str, lang: str) -> list[str]:
    return [
        f"{site}/du-lieu/catalogue.{lang}.json",
        f"{site}/du-lieu/catalogue.schema.json",
        f"{site}/du-lieu/catalogue.{lang}.csv",
    ]


@pytest.mark.parametrize(
    ("path", "lang", "heading"), [("thong-ke/", "vi", "Dữ liệu mở"), ("en/statistics/", "en", "Open data")]
)
def test_the_printed_statistics_page_spells_out_the_open_data_addresses(
    browser, site_url, tmp_path, path, lang, heading
):
    """On paper the links to the data files led nowhere: a reader of the sheet could not find
    them. A development build's links are relative: paper gives the published address. The
    heading and the links on one sheet: the last link went on to a sheet of its own."""
    sheets = [
        "".join(sheet.split())
        for sheet in text_of(print_page(browser, site_url + path, tmp_path / "page.pdf"), "-raw").split("\f")
    ]
    [sheet] = [sheet for sheet in sheets if "".join(heading.split()) in sheet]
    for address in open_data_addresses(PUBLIC_URL, lang):
        assert sheet.count(address) == 1, address


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Iterator[str]:
    """The demo built for the address it is served at, as ``make publish`` builds for its own:
    the site's links and ``SITEURL`` are absolute."""
    project = copy_project(tmp_path_factory.mktemp("published"))
    with served(project.output) as url:
        settings = project.root / "pelicanconf.py"
        site = url.rstrip("/")
        settings.write_text(settings.read_text(encoding="utf-8") + f"SITEURL = {site!r}\n", encoding="utf-8")
        assert project.build()[0] == 0
        yield site


def test_a_published_statistics_page_prints_them_too(browser, published, tmp_path):
    """A published build leaves out the addresses of the site's own links on paper (the QR code
    leads back to the site): the data files' addresses are printed all the same."""
    pdf = print_page(browser, f"{published}/en/statistics/", tmp_path / "page.pdf")
    text = "".join(text_of(pdf, "-raw").split())
    for address in open_data_addresses(published, "en"):
        assert text.count(address) == 1, address


def test_a_published_page_prints_no_address_of_the_sites_own_links(browser, published, tmp_path):
    """The published site's links are absolute: each link to a producer, district, group or star
    level printed its address after it, though the QR code leads back to the site."""
    path = "san-pham/dau-lac-hai-yen/"
    pdf = print_page(browser, f"{published}/{path}", tmp_path / "page.pdf")
    text = "".join(text_of(pdf, "-raw").split())
    # The page's own address, beneath its QR code; no link's, which prints as <address>.
    assert f"{published}/{path}" in text
    assert re.findall(f"<{re.escape(published)}[^>]*>", text) == []
    assert "<lienhe@haiyen.example.vn>" in text  # an e-mail's address is still spelled out
