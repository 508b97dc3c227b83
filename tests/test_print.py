"""The PDF booklets of the demo, read back as a reader and a print shop would."""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import BOOKLET_RUN_PRODUCTS, BUILD_EPOCH, ROOT, parse, pdf_words
from ocop_catalogue import pdf as pdf_module
from ocop_catalogue.booklets import Booklet
from ocop_catalogue.pdf import standalone_renderer, write_all
from ocop_catalogue.printimages import print_picture
from ocop_catalogue.vietnamese import sort_key
from pelican.settings import read_settings
from pypdf import PdfReader

PUBLIC_URL = "https://ocop.example.org"  # CATALOGUE_PUBLIC_URL of the demo's settings
MIRRORED_PAGES = {
    "vi": (
        "index.html",
        "dia-phuong/*/index.html",
        "hang-sao/*/index.html",
        "nhom/*/index.html",
        "hoi-cho/*/index.html",
    ),
    "en": ("en/index.html", *(f"en/{folder}/*/index.html" for folder in ("districts", "stars", "groups", "fairs"))),
}
CONTENTS = {"vi": "Mục lục", "en": "Contents"}
BUILD_DATE = datetime.datetime.fromtimestamp(int(BUILD_EPOCH), datetime.UTC).date()


def check_contents_and_index(pdf: Path, lang: str) -> None:
    """The contents and the index give the page where each product's entry is."""
    pages = pdftotext(pdf)
    where = entry_pages(pages, lang)
    assert len(where) == len(products())
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True)
    contents = [page for page in layout.stdout.split("\f") if page.strip().startswith(CONTENTS[lang])]
    lines = " ".join(" ".join(page.split()) for page in contents)
    index = " ".join(page for page in pages if page.startswith(("Danh sách chủ thể", "Index of producers")))
    for product_id, record in products().items():
        title = re.escape(name(record, lang))
        assert re.search(rf"{title} {where[product_id]}\b", lines), (product_id, "contents")
        assert re.search(rf"{title};? {where[product_id]}\b", index), (product_id, "index")


def records() -> dict[str, dict]:
    """Every product record of the demo."""
    found = {}
    for path in sorted((ROOT / "data" / "products").glob("*.yaml")):
        found[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return found


def products() -> dict[str, dict]:
    """The products booklets print: those whose certificate holds on the build date."""
    return {product_id: record for product_id, record in records().items() if certified(record)}


def certified(record: dict, on: datetime.date = BUILD_DATE) -> bool:
    certificate = record.get("certificate")
    if not certificate:
        return False
    start = certificate["date"]
    return (certificate.get("valid_until") or start.replace(year=start.year + 3)) >= on


def name(record: dict, lang: str) -> str:
    return local(record["name"], lang)


def local(text: str | dict, lang: str) -> str:
    """A text of the records as a page in ``lang`` shows it."""
    if isinstance(text, str):
        return text
    return text.get(lang) or text["vi"]


def pdftotext(pdf: Path) -> list[str]:
    """The text of each page, whitespace collapsed so that wrapped names read whole."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.split()) for page in text.stdout.split("\f") if page.strip()]


def booklet_links(site: Path, lang: str) -> dict[str, str]:
    """Every booklet link on the pages booklets mirror: page → PDF address."""
    links = {}
    for pattern in MIRRORED_PAGES[lang]:
        for page in sorted(site.glob(pattern)):
            link = parse(page).select_one(".booklet-link a")
            if link:
                links[str(page.relative_to(site))] = link["href"]
    assert links
    return links


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_mirrored_page_links_its_booklet_in_its_language(booklet_site, lang):
    links = booklet_links(booklet_site, lang)
    # Home, every district with products, the star levels held today, the groups and fairs with products.
    home = "index.html" if lang == "vi" else "en/index.html"
    assert home in links
    assert len(links) >= 1 + 3 + 1
    for href in links.values():
        assert f"/pdf/{lang}/" in href
        pdf = booklet_site / href.lstrip("/")
        assert pdf.is_file(), href
        assert pdf.read_bytes().startswith(b"%PDF")
    written = sorted((booklet_site / "pdf" / lang).glob("*.pdf"))
    assert len(written) == len(links)


def test_every_booklet_exists_in_both_languages(booklet_site):
    vi = {path.name for path in (booklet_site / "pdf" / "vi").glob("*.pdf")}
    en = {path.name for path in (booklet_site / "pdf" / "en").glob("*.pdf")}
    assert vi and vi == en


def test_the_site_alone_links_booklets_where_they_are_published(demo_site):
    link = parse(demo_site / "en" / "index.html").select_one(".booklet-link a")
    assert link["href"].startswith(f"{PUBLIC_URL}/pdf/en/")
    assert not (demo_site / "pdf").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_province_booklet_holds_every_product_once_in_its_contents(booklet_site, lang):
    pages = pdftotext(booklet_site / "pdf" / lang / "province-quang-ninh.pdf")
    contents = " ".join(page for page in pages if page.startswith(CONTENTS[lang]))
    assert contents
    everything = " ".join(pages)
    for product_id, record in products().items():
        title = name(record, lang)
        assert contents.count(title) == 1, (product_id, title)
        # In the contents and as the heading of its entry; never more (names are not prefixes of others).
        assert everything.count(title) >= 2, (product_id, title)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_groups_booklet_holds_the_groups_certified_products_and_no_other(booklet_site, lang):
    """For a buyer of one trade (beverages, handicrafts), as the group's page lists them."""
    for group in {record["group"] for record in records().values()}:
        pdf = booklet_site / "pdf" / lang / f"group-{group}.pdf"
        printed = {product_id for product_id, record in products().items() if record["group"] == group}
        if not printed:
            assert not pdf.exists(), pdf
            continue
        contents = " ".join(page for page in pdftotext(pdf) if page.startswith(CONTENTS[lang]))
        for product_id, record in records().items():
            assert (name(record, lang) in contents) == (product_id in printed), (group, product_id)


def test_vietnamese_text_extracts_with_its_diacritics(booklet_site):
    pages = pdftotext(booklet_site / "pdf" / "vi" / "province-quang-ninh.pdf")
    assert pages[0].startswith("OCOP QUẢNG NINH")
    assert f"Trang 2 / {len(pages)}" in pages[1]
    assert "Gạo nếp cái hoa vàng Đông Triều" in " ".join(pages)
    assert "Ấn bản ngày 22 tháng 11, 2026" in pages[0]
    english = pdftotext(booklet_site / "pdf" / "en" / "province-quang-ninh.pdf")
    assert f"Page 2 of {len(english)}" in english[1]


def district_of_product() -> dict[str, str]:
    areas = yaml.safe_load((ROOT / "data" / "areas.yaml").read_text(encoding="utf-8"))
    district_of_commune = {c["id"]: d["id"] for d in areas["districts"] for c in d.get("communes", [])}
    found = {}
    for product_id, record in products().items():
        producer = yaml.safe_load(
            (ROOT / "data" / "producers" / f"{record['producer']}.yaml").read_text(encoding="utf-8")
        )
        found[product_id] = district_of_commune[producer["commune"]]
    return found


def test_entries_follow_vietnamese_dictionary_order(booklet_site):
    pages = pdftotext(booklet_site / "pdf" / "vi" / "province-quang-ninh.pdf")
    contents = " ".join(page for page in pages if page.startswith("Mục lục"))
    entries = " ".join(page for page in pages if not page.startswith("Mục lục"))
    districts = district_of_product()
    differs = False
    for district in set(districts.values()):
        names = [name(record, "vi") for pid, record in products().items() if districts[pid] == district]
        expected = sorted(names, key=sort_key)
        differs |= expected != sorted(names)
        assert sorted(names, key=contents.index) == expected, district
        assert sorted(names, key=entries.index) == expected, district
    assert differs  # the demo has names that code-point order would misplace


@pytest.mark.parametrize("booklet", ["vi/province-quang-ninh.pdf", "en/star-5.pdf", "vi/district-dong-trieu.pdf"])
def test_every_font_is_embedded(booklet_site, booklet):
    listing = subprocess.run(
        ["pdffonts", str(booklet_site / "pdf" / booklet)], capture_output=True, text=True, check=True
    )
    rows = listing.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        # Columns: name type encoding emb sub uni object ID; the type may hold a space.
        embedded = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row)
        assert embedded and embedded.group(1) == "yes", row
    assert any("Noto-Sans" in row for row in rows)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_entry_qr_code_opens_the_products_published_page(booklet_site, tmp_path, lang):
    pdf = booklet_site / "pdf" / lang / "district-dong-trieu.pdf"
    pages = pdftotext(pdf)
    entry_page = next(number for number, page in enumerate(pages, 1) if "★" in page)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-gray",
            "-png",
            "-f",
            str(entry_page),
            "-l",
            str(entry_page),
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    picture = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(picture)], capture_output=True, text=True).stdout.split()
    assert decoded
    product_page = "san-pham" if lang == "vi" else "en/products"
    ids = set(products())
    for url in decoded:
        match = re.fullmatch(rf"{PUBLIC_URL}/{product_page}/([a-z0-9-]+)/", url)
        assert match and match.group(1) in ids, url
        assert name(products()[match.group(1)], lang) in pages[entry_page - 1]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_address_under_a_qr_code_breaks_only_after_a_slash_or_before_a_hyphen(booklet_site, lang):
    """A line of the address ending "san-" read as a word cut in two, poppler's reading too
    ("sanpham"): typed so, the address leads nowhere. Its lines, joined, give every page."""
    pdf = booklet_site / "pdf" / lang / "province-quang-ninh.pdf"
    lines = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout
    product_page = "san-pham" if lang == "vi" else "en/products"
    host = PUBLIC_URL.split("://", 1)[1]
    printed = re.findall(rf"{re.escape(host)}/{product_page}/([a-z0-9-]+)/", lines.replace("\n", ""))
    assert sorted(printed) == sorted(products())
    assert not [line for line in lines.splitlines() if re.fullmatch(r"[a-z0-9./-]*[a-z0-9]-", line)]


def test_no_page_number_of_the_index_of_producers_stands_alone_on_its_line(booklet_site):
    """ "…Dầu vừng đen Hải Yến" over "7": a number alone reads as the next producer's, or as nothing."""
    for pdf in sorted((booklet_site / "pdf").glob("*/*.pdf")):
        layout = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
        )
        index = layout.stdout[
            max(layout.stdout.rfind("Danh sách chủ thể"), layout.stdout.rfind("Index of producers")) :
        ]
        assert not [line for line in index.splitlines() if re.fullmatch(r"\s*\d+\s*", line)], pdf.name


def test_print_pictures_are_encoded_once_and_anew_when_the_picture_changes(tmp_path):
    source = tmp_path / "picture.jpg"
    source.write_bytes((ROOT / "content" / "images" / "products" / "dau-lac-hai-yen.jpg").read_bytes())
    cache = tmp_path / "cache"
    first = print_picture(source, cache)
    assert first.name.startswith("print-") and first.suffix == ".jpg"
    stamp = first.stat().st_mtime_ns
    assert print_picture(source, cache) == first
    assert first.stat().st_mtime_ns == stamp
    source.write_bytes((ROOT / "content" / "images" / "products" / "ga-tien-yen.jpg").read_bytes())
    assert print_picture(source, cache) != first


def test_dictionary_order_of_the_producer_index(booklet_site):
    pages = pdftotext(booklet_site / "pdf" / "vi" / "province-quang-ninh.pdf")
    start = next(number for number, page in enumerate(pages) if page.startswith("Danh sách chủ thể"))
    index = " ".join(pages[start:])
    producers = []
    for path in sorted((ROOT / "data" / "producers").glob("*.yaml")):
        producers.append(name(yaml.safe_load(path.read_text(encoding="utf-8")), "vi"))
    listed = sorted((index.index(p), p) for p in producers if p in index)
    assert [p for _, p in listed] == sorted((p for _, p in listed), key=sort_key)


def district_names(lang: str) -> dict[str, str]:
    areas = yaml.safe_load((ROOT / "data" / "areas.yaml").read_text(encoding="utf-8"))
    return {d["id"]: name(d, lang) for d in areas["districts"]}


def entry_pages(pages: list[str], lang: str) -> dict[str, int]:
    """The page (from 1) where each product's entry is: its name after its star level."""
    found = {}
    for number, page in enumerate(pages, 1):
        for product_id, record in products().items():
            if re.search(re.escape(name(record, lang)) + r" ★", page):
                assert product_id not in found, product_id
                found[product_id] = number
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_contents_and_index_give_the_page_of_every_entry(booklet_site, lang):
    pdf = booklet_site / "pdf" / lang / "province-quang-ninh.pdf"
    assert len(set(entry_pages(pdftotext(pdf), lang).values())) > 1 + len(products()) // BOOKLET_RUN_PRODUCTS
    check_contents_and_index(pdf, lang)


def test_contents_taken_for_one_page_are_numbered_again_when_longer(project, monkeypatch):
    cache = str(ROOT / "cache" / "images")  # print pictures already encoded by other tests
    override = {"BOOKLET_PROCESSES": 1, "BOOKLET_IMAGE_CACHE_PATH": cache}
    settings = read_settings(str(project.root / "pelicanconf.py"), override=override)
    renderer = standalone_renderer(settings)
    monkeypatch.setattr(pdf_module, "SHORT_CONTENTS", 10_000)  # the province's contents: two pages
    target = project.root / "province.pdf"
    booklet = Booklet("province", renderer.catalogue.province.id)
    write_all(renderer.templates, renderer.context, settings, [(booklet, "en", target)])
    assert sum(page.startswith("Contents") for page in pdftotext(target)) > 1
    check_contents_and_index(target, "en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_is_numbered_and_an_entry_page_headed_by_its_section(booklet_site, lang):
    pages = pdftotext(booklet_site / "pdf" / lang / "province-quang-ninh.pdf")
    footer = "Trang {} / {}" if lang == "vi" else "Page {} of {}"
    # The cover is counted but carries no footer: it ends with the site's address.
    assert footer.format(1, len(pages)) not in pages[0]
    assert pages[0].endswith(PUBLIC_URL)
    for number, page in enumerate(pages[1:], 2):
        assert footer.format(number, len(pages)) in page, number
    # The header names the section the page starts in: the district of the page's first entry.
    districts, names = district_of_product(), district_names(lang)
    where = entry_pages(pages, lang)
    for number in sorted(set(where.values())):
        page = pages[number - 1]
        first = min((p for p in where if where[p] == number), key=lambda p: page.index(name(products()[p], lang)))
        assert page.startswith(names[districts[first]]), (number, page[:60])


def bookmarks(pdf: Path) -> dict[str, list[str]]:
    """Each bookmark of the PDF's outline, by its title: the titles of its ancestors, outermost first."""
    found: dict[str, list[str]] = {}

    def walk(items: list, ancestors: list[str]) -> None:
        last = None
        for item in items:
            if isinstance(item, list):  # the children of the bookmark before
                walk(item, [*ancestors, last])
                continue
            assert item.title not in found, item.title
            found[item.title] = ancestors
            last = item.title

    walk(PdfReader(pdf).outline, [])
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("booklet", ["province-quang-ninh", "star-5"])
def test_every_entry_is_bookmarked_under_its_own_section(booklet_site, lang, booklet):
    outline = bookmarks(booklet_site / "pdf" / lang / f"{booklet}.pdf")
    districts, names = district_of_product(), district_names(lang)
    shown = {pid: record for pid, record in products().items() if name(record, lang) in outline}
    if booklet == "star-5":
        assert set(shown) == {pid for pid, record in products().items() if record["star"] == 5}
    else:
        assert set(shown) == set(products())
    # Pages that hold the end of one district and the start of the next put each entry under its own.
    for product_id, record in shown.items():
        assert outline[name(record, lang)][-1] == names[districts[product_id]], product_id
    # The contents' headings are not bookmarks of their own: each section is bookmarked once.
    assert not [title for title, ancestors in outline.items() if CONTENTS[lang] in ancestors]


MM = 72 / 25.4  # points in a millimetre
A4 = (210 * MM, 297 * MM)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_text_keeps_to_the_margins_in_line_with_the_running_header(booklet_site, lang):
    margins = read_settings(str(ROOT / "pelicanconf.py"))["BOOKLET_MARGINS"]
    top, right, bottom, left = (float(value.removesuffix("mm")) * MM for value in margins.split())
    contents = pdf_words(booklet_site / "pdf" / lang / "province-quang-ninh.pdf", 2)
    header = [word for word in contents if word.top < top]
    text = [word for word in contents if top < word.top < A4[1] - bottom]
    assert header and text
    # The header's section at the left margin, the booklet's name at the right one; the contents'
    # lines start at the one and their page numbers end at the other.
    assert min(word.left for word in header) == pytest.approx(left, abs=0.1)
    assert max(word.right for word in header) == pytest.approx(A4[0] - right, abs=0.1)
    assert min(word.left for word in text) == pytest.approx(left, abs=0.1)
    assert max(word.right for word in text) == pytest.approx(A4[0] - right, abs=0.1)


@pytest.mark.parametrize(("lang", "site"), [("vi", "OCOP Quảng Ninh"), ("en", "OCOP Quang Ninh")])
def test_the_pdf_title_and_author_name_the_site_in_the_booklets_language(booklet_site, lang, site):
    province = "Quảng Ninh" if lang == "vi" else "Quang Ninh"
    info = PdfReader(booklet_site / "pdf" / lang / "province-quang-ninh.pdf").metadata
    assert (info.title, info.author) == (f"{province} · {site}", site)
    star = PdfReader(booklet_site / "pdf" / lang / "star-5.pdf").metadata
    assert star.title.endswith(f" · {site}")


def test_english_prices_read_as_an_amount_per_unit(booklet_site):
    # The entry writes "amount / unit": a unit worded "per kg" would read "₫420,000 / per kg".
    text = " ".join(pdftotext(booklet_site / "pdf" / "en" / "province-quang-ninh.pdf"))
    assert "₫420,000 / kg; ₫220,000 / 500 g box" in text
    assert "/ per " not in text


def cover_count(pdf: Path) -> int:
    """The number of products the cover gives."""
    return int(re.search(r"(\d+) \d+ \d+ (?:sản phẩm|products?) ", pdftotext(pdf)[0]).group(1))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_booklet_prints_a_product_without_a_certificate_that_holds_today(booklet_site, lang):
    # In the demo: one never certified, two whose 36 months have run out.
    lapsed = [name(record, lang) for record in records().values() if not certified(record)]
    assert len(lapsed) == 3
    written = sorted((booklet_site / "pdf" / lang).glob("*.pdf"))
    for pdf in written:
        text = " ".join(pdftotext(pdf))
        assert not [title for title in lapsed if title in text], pdf.name
    # The covers count what they print: the province's as many as the star levels' together.
    stars = [pdf for pdf in written if pdf.name.startswith("star-")]
    province = cover_count(booklet_site / "pdf" / lang / "province-quang-ninh.pdf")
    assert province == len(products()) == sum(map(cover_count, stars))


STAR_PAGES = {"vi": "hang-sao/{}-sao", "en": "en/stars/{}-star"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_star_levels_booklet_says_on_its_cover_what_the_level_means(booklet_site, lang):
    for star in (3, 4, 5):
        cover = pdftotext(booklet_site / "pdf" / lang / f"star-{star}.pdf")[0]
        lead = parse(booklet_site / STAR_PAGES[lang].format(star) / "index.html").select_one(".lead").get_text()
        meaning = " ".join(lead.split()).split(". ")[0]  # "Từ 70 đến 89 điểm: …", as the level's page says it
        assert meaning in cover and ("điểm" if lang == "vi" else "points") in meaning, (star, cover)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_districts_booklet_says_on_its_cover_what_the_district_is_known_for(booklet_site, lang):
    """As its page says it (the optional description of areas.yaml); a district without one, nothing."""
    pages = {"vi": "dia-phuong/{}/index.html", "en": "en/districts/{}/index.html"}
    said = parse(booklet_site / pages[lang].format("dong-trieu")).select_one("h1 ~ .prose").get_text(" ", strip=True)
    cover = " ".join(pdftotext(booklet_site / "pdf" / lang / "district-dong-trieu.pdf")[0].split())
    assert said in cover, cover
    assert parse(booklet_site / pages[lang].format("cam-pha")).select_one("h1 ~ .prose") is None
