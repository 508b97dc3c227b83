"""The search index: Pagefind per language, product and producer pages only, filters, đ folded."""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import indexed, parse
from ocop_catalogue import search
from ocop_catalogue.build import build, index
from ocop_catalogue.schema import Group
from ocop_catalogue.search import also_called, fold
from ocop_catalogue.urls import Urls
from ocop_catalogue.values import Text


def test_fold_drops_tone_marks_and_đ():
    assert fold("Dầu lạc nguyên chất, Đông Triều") == "Dau lac nguyen chat, Dong Trieu"
    assert fold("đường Đồng Đăng") == "duong Dong Dang"


def record_pages(demo_site: Path, folder: str) -> list[Path]:
    return sorted((demo_site / folder).glob("*/index.html"))


def test_each_language_has_its_own_index_of_products_producers_and_fairs(demo_site: Path):
    entry = json.loads((demo_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    records = sum(len(record_pages(demo_site, folder)) for folder in ("san-pham", "chu-the", "hoi-cho"))
    english = sum(len(record_pages(demo_site, folder)) for folder in ("en/products", "en/producers", "en/fairs"))
    assert len(record_pages(demo_site, "hoi-cho")) == 2
    assert records == english > 0
    assert {lang: found["page_count"] for lang, found in entry["languages"].items()} == {"vi": records, "en": records}
    for found in entry["languages"].values():
        assert (demo_site / "pagefind" / f"pagefind.{found['hash']}.pf_meta").is_file()


@pytest.mark.parametrize(
    "listing", ["index.html", "en/index.html", "dia-phuong/dong-trieu/index.html", "hang-sao/5-sao/index.html"]
)
def test_listing_pages_stay_out_of_the_index(demo_site: Path, listing: str):
    assert parse(demo_site / listing).select("[data-pagefind-body]") == []


def filters(page) -> dict[str, str]:
    found = {}
    for element in page.select("[data-pagefind-filter]"):
        name = element["data-pagefind-filter"].split("[")[0]
        found[name] = element["data-value"]
    return found


def test_product_pages_carry_their_filters_and_folded_names(demo_site: Path):
    page = parse(demo_site / "san-pham/gao-nep-cai-hoa-vang-dong-trieu/index.html")
    body = page.select_one("[data-pagefind-body]")
    district = page.select_one(".details a[href^='/dia-phuong/']").get_text(strip=True)
    group = page.select_one(".facts a[href^='/nhom/']").get_text(strip=True)
    star = page.select_one(".facts .stars").get_text(strip=True).count("★")
    assert filters(body) == {"district": district, "group": group, "star": str(star)}
    folded = body.select_one("[hidden] p").get_text()
    assert fold(body.h1.get_text()) in folded
    assert fold(district) in folded
    # The names folded; then "speciality" as typed with marks and without ("đặc sản").
    names, speciality = folded.split("Đặc sản")
    assert "đ" not in names.lower()
    assert "dac san" in speciality and "quang ninh" in speciality.lower()


def test_an_expired_product_is_not_filtered_under_a_star(demo_site: Path):
    page = parse(demo_site / "san-pham/mat-ong-dam-ha/index.html")
    assert page.select_one(".certificate.expired")
    assert "star" not in filters(page)


@pytest.mark.parametrize("fair", ["hoi-cho/hoi-cho-ocop-quang-ninh-he-2026", "en/fairs/hoi-cho-ocop-quang-ninh-2027"])
def test_fair_pages_are_indexed_with_when_and_where_and_no_filter(demo_site: Path, fair: str):
    """A fair has no star, group or district: a filter chosen leaves it out. Its summary says
    when and where; its exhibitors are found on their own pages."""
    page = parse(demo_site / fair / "index.html")
    body = page.select_one("[data-pagefind-body]")
    assert body.h1.get_text() == page.h1.get_text()
    assert filters(body) == {}
    summary = body.select_one("[data-pagefind-meta^=summary]")["data-value"]
    dates = body.select_one(".details dd").get_text()
    venue = body.find("dt", string=["Venue", "Địa điểm"]).find_next_sibling("dd").contents[0].get_text()
    assert summary.endswith(f" · {dates} · {venue}")
    ended = bool(page.select_one(".notice"))
    assert ended == fair.endswith("2026")
    assert summary.startswith("Hội chợ đã diễn ra · " if ended else "Fair · ")
    assert "hoi cho ocop quang ninh" in body.select_one("[hidden] p").get_text().lower()
    assert body.select_one("section:has(.exhibitors)")["data-pagefind-ignore"] == ""


def test_english_pages_carry_the_vietnamese_names_folded(demo_site: Path):
    page = parse(demo_site / "en/products/dau-lac-hai-yen/index.html")
    assert page.html["lang"] == "en"
    assert filters(page)["district"] == page.select_one(".details a[href^='/en/districts/']").get_text(strip=True)
    assert "Dau lac" in page.select_one("[data-pagefind-body] [hidden] p").get_text()


@pytest.mark.parametrize("search_page, lang", [("tim-kiem/index.html", "vi"), ("en/search/index.html", "en")])
def test_search_pages_per_language(demo_site: Path, search_page: str, lang: str):
    page = parse(demo_site / search_page)
    assert page.html["lang"] == lang
    assert page.select_one("form[role=search] input[type=search]")
    # Without JavaScript it still leads somewhere: to the listings, every product's among them.
    products = "/san-pham/" if lang == "vi" else "/en/products/"
    assert products in [a["href"] for a in page.select("noscript a")]
    assert (demo_site / products[1:] / "index.html").exists()
    home = parse(demo_site / ("index.html" if lang == "vi" else "en/index.html"))
    assert home.select_one(f".main-nav a[href='/{search_page.removesuffix('index.html')}']")


@pytest.mark.parametrize(
    "search_page, districts", [("tim-kiem/index.html", "dia-phuong"), ("en/search/index.html", "en/districts")]
)
def test_search_pages_carry_each_districts_name_folded_and_page(demo_site: Path, search_page: str, districts: str):
    """What search.js offers a district typed whole from: the district filter's choices say
    it, once on the search page, and the record pages carry nothing of it."""
    choices = parse(demo_site / search_page).select("select[name=district] option[data-words]")
    assert len(choices) == len(list((demo_site / districts).glob("*/index.html"))) == 13
    for choice in choices:
        page = parse(demo_site / choice["data-href"].strip("/") / "index.html")
        assert choice.get_text() == page.h1.get_text(strip=True)
    places = {choice["data-href"].rstrip("/").rsplit("/", 1)[1]: choice["data-words"] for choice in choices}
    assert places["van-don"] == "van don"  # Huyện Vân Đồn, Van Don District
    assert places["ha-long"] == "ha long"  # Thành phố Hạ Long, Ha Long City
    assert places["dong-trieu"] == "dong trieu"  # Thị xã Đông Triều, Dong Trieu Town
    assert "data-words" not in (demo_site / "san-pham/dau-lac-hai-yen/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "vi, en, words",
    [
        ("Huyện Vân Đồn", "Van Don District", "van don"),
        ("Huyện Quản Bạ", None, "quan ba"),  # "Quản" is not "Quận"
        ("Quận 1", "District 1", "quan 1|district 1"),  # "1" alone would match any query with a 1
        ("Thành phố Bà Rịa - Vũng Tàu", "Ba Ria-Vung Tau City", "ba ria vung tau"),
        ("TX. Sơn Tây", "Son Tay Town", "son tay"),
        ("TP. Hạ Long", None, "ha long"),
        ("Huyện Côn Đảo", "Con Dao Islands", "con dao|con dao islands"),
    ],
)
def test_a_districts_place_words_are_its_names_without_their_kind(vi: str, en: str | None, words: str):
    assert search.place_words(Text(vi=vi, en=en)) == words


@pytest.mark.parametrize(
    "group_id, vi, en, words",
    [
        ("do-uong", "Đồ uống", "Beverages", "do uong|beverages|beverage"),
        ("thuc-pham", "Thực phẩm", "Food", "thuc pham|food"),
        (
            "thu-cong-my-nghe",
            "Hàng thủ công mỹ nghệ",
            "Handicrafts",
            "hang thu cong my nghe|handicrafts|thu cong my nghe|handicraft",
        ),
        ("tra", "Trà", None, "tra"),  # no English: the name's words alone
        ("g2", "Gạo, nếp", "Rice", "gao nep|rice|g2"),
        ("n-5", "5", None, "n 5"),  # words without a letter would match any query with a 5
    ],
)
def test_a_groups_words_are_its_names_and_its_ids(group_id: str, vi: str, en: str | None, words: str):
    assert search.group_words(Group(id=group_id, name=Text(vi=vi, en=en))) == words


def test_a_failed_index_fails_the_build_and_keeps_the_old_site(project, capsys, monkeypatch):
    code, _ = project.build(capsys)
    assert code == 0
    before = (project.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    monkeypatch.setattr(search, "PAGEFIND", [sys.executable, "-c", "import sys; sys.exit('Error: disk full')"])
    rename_a_product(project, "Dầu lạc", "Dầu phộng")  # a page changes, so Pagefind must run
    code, printed = project.build(capsys)
    assert code == 1
    assert "Pagefind could not index the site: Error: disk full" in printed
    assert "Traceback" not in printed
    assert (project.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8") == before


def rename_a_product(project, old: str, new: str) -> Path:
    record = next(p for p in sorted((project.root / "data/products").glob("*.yaml")) if old in p.read_text("utf-8"))
    record.write_text(record.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return record


def raise_a_price(project, name: str) -> None:
    record = next(p for p in sorted((project.root / "data/products").glob("*.yaml")) if name in p.read_text("utf-8"))
    text = record.read_text(encoding="utf-8")
    edited = re.sub(r"vnd: (\d+)", lambda m: f"vnd: {int(m.group(1)) + 5000}", text, count=1)
    assert edited != text
    record.write_text(edited, encoding="utf-8")


def index_files(output: Path) -> dict[str, int]:
    return {str(p.relative_to(output)): p.stat().st_ino for p in (output / "pagefind").rglob("*") if p.is_file()}


def test_an_unchanged_rebuild_or_a_price_keeps_the_index_and_a_new_name_renews_it(project, capsys, monkeypatch):
    assert project.build(capsys)[0] == 0
    first = index_files(project.output)
    # Pagefind writes the same bytes again for unchanged pages (and those are linked), so the
    # files alone would not show whether it ran: here running it fails the build.
    real_pagefind = search.PAGEFIND
    monkeypatch.setattr(search, "PAGEFIND", [sys.executable, "-c", "import sys; sys.exit('Pagefind ran')"])
    assert project.build(capsys)[0] == 0
    assert index_files(project.output) == first  # the very same files
    raise_a_price(project, "Dầu lạc")
    assert project.build(capsys)[0] == 0
    # Prices are not searched by (data-pagefind-ignore): the product's rewritten pages give
    # Pagefind the same input, so the index is kept.
    assert "125.000" in (project.output / "san-pham/dau-lac-hai-yen/index.html").read_text(encoding="utf-8")
    assert index_files(project.output) == first
    monkeypatch.setattr(search, "PAGEFIND", real_pagefind)
    rename_a_product(project, "Dầu lạc", "Dầu phộng")
    assert project.build(capsys)[0] == 0
    renewed = index_files(project.output)
    assert renewed != first
    # The fragments of the pages the edit left alone are still the same files.
    fragments = {name: inode for name, inode in renewed.items() if name.startswith("pagefind/fragment/")}
    assert len(fragments) > 100
    # Only the pages showing the name: the product and its producer, in each language.
    assert sum(first.get(name) != inode for name, inode in fragments.items()) <= 4
    assert indexed(project.output, "Dầu phộng")  # indexed again, with the new name


def fragment_of(demo_site: Path, url: str) -> dict:
    """What Pagefind keeps of the page at ``url``: the text a result shows and its words come from."""
    for path in (demo_site / "pagefind" / "fragment").iterdir():
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        fragment = json.loads(text[text.index("{") :])
        if fragment["url"] == url:
            return fragment
    raise AssertionError(f"{url} is not in the index")


def test_the_index_keeps_what_people_search_by_and_leaves_out_the_rest(demo_site: Path):
    page = parse(demo_site / "san-pham/dau-lac-hai-yen/index.html")
    content = fragment_of(demo_site, "/san-pham/dau-lac-hai-yen/")["content"]
    producer = page.select_one(".details a[href^='/chu-the/']").get_text(strip=True)
    district = page.select_one(".details a[href^='/dia-phuong/']").get_text(strip=True)
    for kept in [page.h1.get_text(strip=True), producer, district, "Ép nguội từ lạc Tiên Yên", "Dau lac"]:
        assert kept in content
    left_out = [page.select_one(".certificate").get_text(" ", strip=True)[:20], "120.000", "Gọi", "Giá bán"]
    assert page.select_one(".actions a[href^='tel:']")  # the page still shows them all
    for dropped in left_out:
        assert dropped in page.get_text(" ") and dropped not in content


def test_a_producer_page_indexes_its_products_names_not_their_details(demo_site: Path):
    page = parse(demo_site / "en/producers/htx-nong-nghiep-hai-yen/index.html")
    content = fragment_of(demo_site, "/en/producers/htx-nong-nghiep-hai-yen/")["content"]
    assert "Hai Yen pure peanut oil" in content
    assert page.select_one(".card-meta").get_text(" ", strip=True) not in content
    assert "Call" not in content


def test_pagefind_reads_the_record_pages_wherever_the_settings_put_them():
    urls = Urls({"PRODUCT_URL": "products/{id}.html", "PRODUCER_LANG_URL": "{lang}/makers/{id}/"})
    pattern = search.record_pages(urls)
    assert pattern.startswith("{") and pattern.endswith("}")
    files = pattern[1:-1].split(",")
    for file in ["products/*.html", "en/products/*/index.html", "chu-the/*/index.html", "en/makers/*/index.html"]:
        assert file in files


def test_a_catalogue_without_records_yet_still_gets_a_search_index(project, capsys):
    for folder in ["products", "producers", "fairs"]:
        for record in (project.root / "data" / folder).glob("*.yaml"):
            record.unlink()
    for story in (project.root / "content").rglob("*.md"):
        story.unlink()
    code, printed = project.build(capsys)
    assert code == 0, printed
    entry = json.loads((project.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"vi", "en"}


def test_the_previews_build_shows_a_new_name_at_once_and_index_renews_the_search_after(project, capsys):
    settings = str(project.root / "pelicanconf.py")
    assert project.build(capsys)[0] == 0
    first = index_files(project.output)
    rename_a_product(project, "Dầu lạc", "Dầu phộng")
    assert build(settings, str(project.output), index_later=True) == 0
    assert "Dầu phộng" in (project.output / "san-pham/dau-lac-hai-yen/index.html").read_text(encoding="utf-8")
    assert index_files(project.output) == first  # the last index, as it was
    assert index(settings, str(project.output)) == 0
    assert "ok: search index of output/ renewed" in capsys.readouterr().err
    assert index_files(project.output) != first
    assert fragment_of(project.output, "/san-pham/dau-lac-hai-yen/")["meta"]["title"].startswith("Dầu phộng")
    renewed = index_files(project.output)
    assert index(settings, str(project.output)) == 0  # nothing left to renew
    assert "renewed" not in capsys.readouterr().err
    assert index_files(project.output) == renewed
    assert not list(project.root.parent.glob("*.pagefind"))  # nothing left beside the output


def test_a_build_after_a_preview_left_the_index_behind_indexes_again(project, capsys):
    """The pages published then no longer tell what the index holds: a build that changes
    nothing more must still index, or the search would keep the old name."""
    settings = str(project.root / "pelicanconf.py")
    assert project.build(capsys)[0] == 0
    rename_a_product(project, "Dầu lạc", "Dầu phộng")
    assert build(settings, str(project.output), index_later=True) == 0
    assert not indexed(project.output, "Dầu phộng")
    assert project.build(capsys)[0] == 0  # as make html, with no edit since
    assert indexed(project.output, "Dầu phộng")
    first = index_files(project.output)
    assert project.build(capsys)[0] == 0  # and then the index fits again: kept
    assert index_files(project.output) == first


def test_an_index_that_fails_to_renew_says_so_and_the_next_build_indexes(project, capsys, monkeypatch):
    settings = str(project.root / "pelicanconf.py")
    assert project.build(capsys)[0] == 0
    rename_a_product(project, "Dầu lạc", "Dầu phộng")
    assert build(settings, str(project.output), index_later=True) == 0
    real_pagefind = search.PAGEFIND
    monkeypatch.setattr(search, "PAGEFIND", [sys.executable, "-c", "import sys; sys.exit('Error: disk full')"])
    assert index(settings, str(project.output)) == 1
    printed = capsys.readouterr().err
    assert "Pagefind could not index the site: Error: disk full" in printed
    assert "Traceback" not in printed
    assert "Dầu phộng" in (project.output / "san-pham/dau-lac-hai-yen/index.html").read_text(encoding="utf-8")
    monkeypatch.setattr(search, "PAGEFIND", real_pagefind)
    assert project.build(capsys)[0] == 0
    assert indexed(project.output, "Dầu phộng")


def test_a_build_that_precompresses_never_leaves_the_index_for_later(project, capsys):
    """The index command does not write compressed twins: such a build indexes at once."""
    settings = str(project.root / "pelicanconf.py")
    assert project.build(capsys)[0] == 0
    rename_a_product(project, "Dầu lạc", "Dầu phộng")
    twins = {"PRECOMPRESS_GZIP": True, "PRECOMPRESS_MIN_SIZE": 0}  # the small index entry too
    assert build(settings, str(project.output), twins, index_later=True) == 0
    assert indexed(project.output, "Dầu phộng")
    entry = project.output / "pagefind/pagefind-entry.json"
    assert gzip.decompress(entry.with_name(entry.name + ".gz").read_bytes()) == entry.read_bytes()


@pytest.mark.parametrize(
    ("name", "group", "also"),
    [
        ("Chè xanh Đường Hoa", "do-uong", "trà tra"),
        ("Trà hoa vàng Ba Chẽ", "do-uong", "chè che"),
        ("Chè vằng Dược liệu xanh", "duoc-lieu", "trà tra"),
        ("Chè đậu xanh", "thuc-pham", ""),  # a sweet soup, not a tea
        ("Trang sức ngọc trai", "thu-cong-my-nghe", ""),
        ("Rượu mơ Yên Tử", "do-uong", "wine"),  # "liqueur" in the records' English
    ],
)
def test_a_tea_is_also_called_by_the_other_word_for_tea(name, group, also):
    assert also_called(name, group) == also
