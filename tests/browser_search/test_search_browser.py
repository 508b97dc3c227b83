"""Searching on a phone: Pagefind's index of each language, without diacritics, with filters."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from conftest import ROOT, parse
from ocop_catalogue.search import fold
from playwright.sync_api import Page, expect


def product_links(demo_site: Path, listing: str) -> set[str]:
    """The product pages a listing page of the built site links to."""
    cards = parse(demo_site / listing / "index.html").select(".cards .card > a")
    return {card["href"] for card in cards}


def wait_for_results(page: Page) -> None:
    """Until the search has shown its results: "Searching…" says the list is busy meanwhile."""
    expect(page.locator(".search-status")).not_to_be_empty()
    expect(page.locator(".search-results")).not_to_have_attribute("aria-busy", "true")


def search(page: Page, site_url: str, search_page: str, query: str = "", **filters: str) -> list[str]:
    """The addresses of all the results the search page shows, best first."""
    address = f"{site_url}/{search_page}?q={quote_plus(query)}"
    address += "".join(f"&{name}={quote_plus(value)}" for name, value in filters.items())
    page.goto(address)
    wait_for_results(page)
    more = page.locator(".search-more")
    while more.is_visible():
        shown = page.locator(".search-results li").count()
        more.click()
        expect(page.locator(".search-results li")).not_to_have_count(shown)
    return [link.get_attribute("href") for link in page.locator(".search-results li a").all()]


@pytest.mark.parametrize("query", ["dong trieu", "đông triều"])
def test_dong_trieu_with_or_without_diacritics_finds_its_products(page, site_url, demo_site, query):
    in_dong_trieu = product_links(demo_site, "dia-phuong/dong-trieu")
    assert len(in_dong_trieu) > 3
    found = search(page, site_url, "tim-kiem/", query)
    assert in_dong_trieu <= set(found)


def test_dong_alone_finds_dong_trieu_though_pagefind_keeps_đ(page, site_url, demo_site):
    # "trieu" alone would find Đông Triều: "dong" is the word Pagefind cannot fold by itself.
    district = parse(demo_site / "dia-phuong/dong-trieu/index.html").h1.get_text(strip=True)
    found = search(page, site_url, "tim-kiem/", "dong", district=district)
    assert {url for url in found if url.startswith("/san-pham/")} == product_links(demo_site, "dia-phuong/dong-trieu")


def test_dau_lac_finds_peanut_oil_first(page, site_url):
    found = search(page, site_url, "tim-kiem/", "dau lac")
    assert found[0] == "/san-pham/dau-lac-hai-yen/"
    expect(page.locator(".search-results li").first).to_contain_text("Dầu lạc")


@pytest.mark.parametrize(
    ("search_page", "query"),
    [("tim-kiem/", "tra"), ("tim-kiem/", "trà"), ("tim-kiem/", "ca"), ("tim-kiem/", "tra hoa"), ("en/search/", "tra")],
)
def test_the_names_holding_the_words_typed_whole_come_first(page, site_url, search_page, query):
    # "tra" (trà, tea) brought "Trang sức ngọc trai" first, "ca" (cá, fish) "Tôm khô Cái Chiên":
    # Pagefind weighs the rare words that begin with a syllable above the syllable itself.
    search(page, site_url, search_page, query)
    typed = set(fold(query).lower().split())
    names = page.locator(".search-results .card-name").all_inner_texts()[:20]
    held = [len(typed & set(re.split(r"\W+", fold(name).lower()))) for name in names]
    assert held[0] == len(typed), names
    assert held == sorted(held, reverse=True), list(zip(held, names, strict=True))


@pytest.mark.parametrize(
    ("search_page", "query", "is_honey"),
    [
        ("tim-kiem/", "mat ong", lambda name: fold(name).lower().startswith("mat ong")),
        ("en/search/", "honey", lambda name: name.lower().endswith(" honey")),
    ],
)
def test_of_the_names_holding_the_words_those_they_head_come_first(page, site_url, search_page, query, is_honey):
    # "mat ong", "honey" brought the lime pickled in honey before the honeys: a Vietnamese name
    # begins with what the thing is, an English one ends with it.
    search(page, site_url, search_page, query)
    names = page.locator(".search-results .card-name").all_inner_texts()
    honeys = [name for name in names if is_honey(name)]
    assert len(honeys) >= 2 and names[: len(honeys)] == honeys, names


def test_english_search_page_uses_the_english_index(page, site_url):
    found = search(page, site_url, "en/search/", "dau lac")
    assert found[0] == "/en/products/dau-lac-hai-yen/"
    assert all(url.startswith("/en/") for url in found)
    assert "/en/products/dau-lac-hai-yen/" in search(page, site_url, "en/search/", "peanut oil")


@pytest.mark.parametrize(
    ("query", "named"),
    [("honey", "Mật ong"), ("fish sauce", "Nước mắm"), ("Hai Yen Agricultural Cooperative", "Hải Yến")],
)
def test_the_vietnamese_search_finds_what_its_english_name_says(page, site_url, query, named):
    # A tourist on the Vietnamese site searches in English before switching the language:
    # "honey" found a cooperative named "Lục Hồn" (Pagefind's longest beginning it holds, "hon").
    found = search(page, site_url, "tim-kiem/", query)
    assert found and all(url.startswith(("/san-pham/", "/chu-the/")) for url in found)
    expect(page.locator(".search-results li").first).to_contain_text(named)


@pytest.mark.parametrize(
    ("query", "folded"), [("Đông Triều", "dong trieu"), ("Vân Đồn", "van don"), ("Đầm Hà", "dam ha"), ("đầm", "dam")]
)
def test_english_search_finds_with_đ_what_it_finds_without(page, site_url, query, folded):
    # The English pages hold their Vietnamese names folded only, and Pagefind does not fold đ.
    found = search(page, site_url, "en/search/", folded)
    assert found
    assert search(page, site_url, "en/search/", query) == found


def test_the_query_is_folded_as_the_build_folds_the_names(page, site_url):
    """search.js's fold is search.fold, for every Latin letter (Vietnamese's among them),
    typed whole or as a letter and its marks."""
    source = (ROOT / "theme/static/js/search.js").read_text(encoding="utf-8")
    function = re.search(r"function fold\(text\) \{.*?\n  \}", source, re.DOTALL).group(0)
    codes = [*range(0x20, 0x250), *range(0x1E00, 0x1F00)]
    letters = "".join(chr(code) for code in codes if unicodedata.category(chr(code))[0] in "LNPSZ")
    page.goto(f"{site_url}/en/search/")
    for text in (letters, unicodedata.normalize("NFD", letters)):
        assert page.evaluate(function, text) == fold(text)


def test_filters_by_district_and_star(page, site_url, demo_site):
    district = parse(demo_site / "dia-phuong/dong-trieu/index.html").h1.get_text(strip=True)
    found = search(page, site_url, "tim-kiem/", district=district)
    products = {url for url in found if url.startswith("/san-pham/")}
    assert products == product_links(demo_site, "dia-phuong/dong-trieu")

    five_stars = product_links(demo_site, "hang-sao/5-sao")
    found = search(page, site_url, "tim-kiem/", star="5")
    assert set(found) == five_stars


def test_filter_by_group_with_a_query(page, site_url, demo_site):
    group_page = parse(demo_site / "nhom/do-uong/index.html")
    found = search(page, site_url, "tim-kiem/", "dong trieu", group=group_page.h1.get_text(strip=True))
    assert found
    assert set(found) <= product_links(demo_site, "nhom/do-uong") & product_links(demo_site, "dia-phuong/dong-trieu")


def test_filters_that_match_nothing_ask_for_other_filters_not_fewer_words(page, site_url, demo_site):
    group = parse(demo_site / "nhom/sinh-vat-canh/index.html").h1.get_text(strip=True)
    assert search(page, site_url, "tim-kiem/", star="5", group=group) == []  # no 5-star ornamental plant
    expect(page.locator(".search-status")).to_have_text(
        "Không có kết quả nào khớp với các bộ lọc này. Hãy thử bộ lọc khác."
    )
    assert search(page, site_url, "tim-kiem/", "dau lac", star="5", group=group) == []
    expect(page.locator(".search-status")).to_have_text("Không tìm thấy. Hãy thử ít từ hơn hoặc cách viết khác.")


@pytest.mark.parametrize(
    ("search_page", "query"),
    [("en/search/", "coffee"), ("en/search/", "alcohol"), ("tim-kiem/", "cafe"), ("tim-kiem/", "bia")],
)
def test_a_word_no_page_holds_finds_nothing(page, site_url, search_page, query):
    """Pagefind searches a word no page holds as the longest start of it that one does: "coffee"
    brought 26 results for "co" (Cô Tô, Trà Cổ), "alcohol" 59 for "a", "bia" (beer) Uông Bí's."""
    assert search(page, site_url, search_page, query) == []
    expect(page.locator(".search-status")).to_have_text(
        {
            "en/search/": "Nothing found. Try fewer words or another spelling.",
            "tim-kiem/": "Không tìm thấy. Hãy thử ít từ hơn hoặc cách viết khác.",
        }[search_page]
    )


@pytest.mark.parametrize(
    ("search_page", "query", "first"),
    [
        ("en/search/", "honeyy", "/en/products/mat-ong"),  # a letter too many, cut by Pagefind
        ("tim-kiem/", "mat ongg", "/san-pham/mat-ong"),
        ("en/search/", "cooperatives", "/en/producers/htx-"),  # English is searched by stems
    ],
)
def test_a_word_found_by_its_stem_or_with_a_letter_too_many_still_finds(page, site_url, search_page, query, first):
    found = search(page, site_url, search_page, query)
    assert found and found[0].startswith(first), found


FAIR_2027 = "hoi-cho-ocop-quang-ninh-2027"
SUMMER_FAIR_2026 = "hoi-cho-ocop-quang-ninh-he-2026"  # over by the tests' build date


@pytest.mark.parametrize(
    ("search_page", "query", "fairs", "within"),
    [
        ("tim-kiem/", "hoi cho", "/hoi-cho/", 2),  # first: the fair pages' title
        ("en/search/", "hoi cho", "/en/fairs/", 2),  # the Vietnamese name, folded, on the English page
        ("tim-kiem/", "hội chợ hạ long", "/hoi-cho/", 5),
        ("en/search/", "fair ha long", "/en/fairs/", 5),
        ("tim-kiem/", "ha long", "/hoi-cho/", 20),  # among Ha Long's producers and products, on the first page
        ("en/search/", "ha long", "/en/fairs/", 20),
    ],
)
def test_fairs_are_found_by_their_name_and_town_typed_without_diacritics(
    page, site_url, search_page, query, fairs, within
):
    found = search(page, site_url, search_page, query)
    assert f"{fairs}{FAIR_2027}/" in found[:within]
    assert f"{fairs}{SUMMER_FAIR_2026}/" in found  # below the fair to come (next test)


@pytest.mark.parametrize(
    ("search_page", "query", "fairs"),
    [
        ("tim-kiem/", "Hội chợ OCOP Quảng Ninh", "/hoi-cho/"),
        ("tim-kiem/", "quang ninh", "/hoi-cho/"),
        ("en/search/", "Quang Ninh OCOP Fair", "/en/fairs/"),
        ("en/search/", "quang ninh", "/en/fairs/"),
    ],
)
def test_the_fair_to_come_ranks_above_the_ended_one_of_the_same_name(page, site_url, search_page, query, fairs):
    # Both fairs are named "Hội chợ OCOP Quảng Ninh …"; the ended one's longer name and text
    # ranked it first for these words.
    found = [url for url in search(page, site_url, search_page, query) if url.startswith(fairs)]
    assert found == [f"{fairs}{FAIR_2027}/", f"{fairs}{SUMMER_FAIR_2026}/"]


def test_a_fair_result_says_when_and_where_and_whether_it_is_over(page, site_url):
    search(page, site_url, "tim-kiem/", "hoi cho")
    upcoming = page.locator(".search-results li", has=page.locator(f"a[href='/hoi-cho/{FAIR_2027}/']"))
    expect(upcoming.locator(".card-meta")).to_have_text(
        "Hội chợ · 16 tháng 4, 2027\u00a0– 20 tháng 4, 2027 · Quảng trường 30/10"
    )
    past = page.locator(".search-results li", has=page.locator(f"a[href='/hoi-cho/{SUMMER_FAIR_2026}/']"))
    expect(past.locator(".card-meta")).to_contain_text("Hội chợ đã diễn ra · 12 tháng 6, 2026\u00a0– 16 tháng 6, 2026")
    expect(past.locator(".stars")).to_have_count(0)


def test_a_star_or_group_filter_leaves_the_fairs_out(page, site_url, demo_site):
    group = parse(demo_site / "nhom/thuc-pham/index.html").h1.get_text(strip=True)
    for filters in ({"star": "4"}, {"group": group}):
        found = search(page, site_url, "tim-kiem/", "hoi cho", **filters)
        assert not [url for url in found if url.startswith("/hoi-cho/")], filters


def test_the_language_switch_carries_the_search_to_the_other_language(page, site_url, demo_site):
    # Typed on the Vietnamese page, then read in English: the words and the star level go
    # along; a district is chosen by its name, which English writes otherwise.
    district = parse(demo_site / "dia-phuong/dam-ha/index.html").h1.get_text(strip=True)
    search(page, site_url, "tim-kiem/", district=district)
    page.locator("#search-query").fill("mat ong")
    page.locator("select[name=star]").select_option("3")
    wait_for_results(page)
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{site_url}/en/search/?q=mat+ong&star=3")
    expect(page.locator("#search-query")).to_have_value("mat ong")
    expect(page.locator(".search-results li a").first).to_have_attribute("href", re.compile("^/en/products/"))
    # Back again with the words cleared: only the star level goes along.
    page.locator("#search-query").fill("")
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(f"{site_url}/tim-kiem/?star=3")


@pytest.mark.parametrize(
    ("start", "search_page", "honey"),
    [
        ("", "tim-kiem/", "/san-pham/mat-ong-dam-ha/"),
        ("404.html", "tim-kiem/", "/san-pham/mat-ong-dam-ha/"),
        ("en/", "en/search/", "/en/products/mat-ong-dam-ha/"),
        ("en/404.html", "en/search/", "/en/products/mat-ong-dam-ha/"),
    ],
)
def test_the_home_and_not_found_pages_search_from_their_own_field(page, site_url, start, search_page, honey):
    # Where a visitor starts (or lands from a stale link), the words are typed at once.
    page.goto(f"{site_url}/{start}")
    field = page.get_by_role("searchbox")
    field.fill("mat ong")
    field.press("Enter")
    page.wait_for_url(f"{site_url}/{search_page}?q=mat+ong")
    wait_for_results(page)
    expect(page.locator(f'.search-results a[href="{honey}"]')).to_have_count(1)


# The names a select cannot show whole: it cuts off what does not fit beside its arrow.
CUT_OFF_NAMES = """select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
  return [...select.options].map(option => option.text).filter(name => context.measureText(name).width > room);
}"""


def test_each_filter_takes_the_phones_width_and_shows_every_district_whole(page, site_url):
    page.goto(f"{site_url}/tim-kiem/")
    page.locator(".search-filters-box summary").click()
    width = page.locator("form.search").bounding_box()["width"]
    for select in page.locator(".search-filters select").all():
        assert select.bounding_box()["width"] == pytest.approx(width, abs=1)
    for name in ("star", "district"):
        assert page.locator(f".search-filters select[name={name}]").evaluate(CUT_OFF_NAMES) == []


def test_search_page_is_linked_from_the_header(page, site_url):
    page.goto(f"{site_url}/en/")
    page.locator(".main-nav a[href$='/en/search/']").click()
    page.wait_for_url(f"{site_url}/en/search/")
    page.locator("input[type=search]").fill("dau lac")
    expect(page.locator(".search-results li").first).to_contain_text("peanut oil")


def before_the_search_script(phone, page: Page, url: str, act) -> None:
    """Open ``url`` on a slow phone: the page shows its form, and the tourist ``act``s on it,
    before search.js has come."""
    held = []
    phone.route(re.compile(r"/js/search\b[^/]*\.js"), lambda route: held.append(route))
    page.goto(url, wait_until="commit")  # the deferred script holds back DOMContentLoaded
    act()
    for _ in range(100):  # the script's request, held: released once the tourist has acted
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1
    held[0].continue_()


def test_words_typed_before_the_search_script_runs_are_kept_and_searched(phone, page, site_url):
    box = page.locator("input[type=search]")
    before_the_search_script(phone, page, f"{site_url}/en/search/", lambda: box.fill("dau lac"))
    expect(page.locator(".search-results li").first).to_contain_text("peanut oil")
    expect(box).to_have_value("dau lac")


def test_a_filter_chosen_before_the_search_script_runs_is_kept_and_searched(phone, page, site_url, demo_site):
    star = page.locator("select[name=star]")

    def choose_five_stars():
        page.locator(".search-filters-box summary").click()
        star.select_option("5")

    before_the_search_script(phone, page, f"{site_url}/tim-kiem/", choose_five_stars)
    five_stars = product_links(demo_site, "hang-sao/5-sao")
    expect(page.locator(".search-status")).to_have_text(f"Kết quả: {len(five_stars)}")
    expect(star).to_have_value("5")


def test_long_result_lists_come_a_page_at_a_time(page, site_url):
    page.goto(f"{site_url}/tim-kiem/?q=ninh")
    wait_for_results(page)
    first = page.locator(".search-results li").count()
    assert first == 20
    page.locator(".search-more").click()
    expect(page.locator(".search-results li")).not_to_have_count(first)


def test_the_status_says_searching_until_the_results_come(phone, page, site_url):
    # A slow network: nothing of Pagefind comes until the status has been read.
    held, holding = [], [True]
    phone.route("**/pagefind/**", lambda route: held.append(route) if holding else route.continue_())
    page.goto(f"{site_url}/tim-kiem/?q=dau+lac", wait_until="domcontentloaded")
    expect(page.locator(".search-status")).to_have_text("Đang tìm…")
    holding.clear()
    for route in held:
        route.continue_()
    expect(page.locator(".search-status")).to_have_text(re.compile(r"^Kết quả: \d+$"))
    expect(page.locator(".search-results li").first).to_contain_text("Dầu lạc")


def test_a_double_tap_on_more_results_adds_the_next_page_once(phone, page, site_url):
    page.goto(f"{site_url}/tim-kiem/?q=ninh")
    wait_for_results(page)
    count = int(re.search(r"\d+", page.locator(".search-status").inner_text()).group())
    assert count > 20
    more = page.locator(".search-more")
    more.scroll_into_view_if_needed()
    box = more.bounding_box()
    # A slow network: the results' data waits until both taps, 120 ms apart, are in.
    held, holding = [], [True]
    phone.route("**/pagefind/fragment/**", lambda route: held.append(route) if holding else route.continue_())
    for _ in range(2):
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(120)
    expect(more).to_be_disabled()
    holding.clear()  # a request still to come goes through
    for route in held:
        route.continue_()
    # The page load reached "networkidle" long ago: wait for the list itself, then give a
    # second page, were one added, the time to come.
    expect(page.locator(".search-results li")).to_have_count(min(count, 40))
    expect(more).to_be_enabled()
    page.wait_for_timeout(500)
    links = [link.get_attribute("href") for link in page.locator(".search-results li a").all()]
    assert len(links) == min(count, 40)
    assert len(set(links)) == len(links)


def test_a_result_shows_its_picture_as_the_listings_do(page, site_url):
    """A result's card has the record's picture, at a card's width: a small file, not the page's."""
    search(page, site_url, "tim-kiem/", "dau lac")
    card = page.locator(".search-results li").first
    image = card.locator("picture img")
    expect(image).to_have_attribute("alt", "Chai dầu lạc Hải Yến")
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    chosen = image.evaluate("img => img.currentSrc")
    assert "/images/products/dau-lac-hai-yen-" in chosen
    assert int(chosen.rsplit("-", 1)[1].split(".")[0]) <= 320  # 6.5rem at twice the pixels: 208
    assert card.locator("source[type='image/avif']").count() == 1


def test_a_results_stars_are_read_as_on_the_listings(page, site_url, demo_site):
    listed = parse(demo_site / "nhom/thuc-pham/index.html").select_one(".card:has(a[href$='/dau-lac-hai-yen/']) .stars")
    search(page, site_url, "tim-kiem/", "dau lac")
    stars = page.locator(".search-results li").first.get_by_role("img", name=listed["aria-label"], exact=True)
    expect(stars).to_have_text("★★★★")


def test_a_results_untranslated_alt_text_is_marked_vietnamese(page, site_url):
    search(page, site_url, "en/search/", "mam ruoc")
    card = page.locator(".search-results li", has=page.locator("a[href='/en/products/mam-ruoc-van-ninh/']"))
    expect(card.locator("img")).to_have_attribute("lang", "vi")
    search(page, site_url, "en/search/", "peanut oil")
    card = page.locator(".search-results li", has=page.locator("a[href='/en/products/dau-lac-hai-yen/']"))
    expect(card.locator("img")).not_to_have_attribute("lang", "vi")


def test_a_result_is_a_card_that_opens_wherever_it_is_tapped(page, site_url):
    search(page, site_url, "tim-kiem/", "dau lac")
    card = page.locator(".search-results li").first
    box = card.locator(".card-meta").bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 4, box["y"] + box["height"] / 2)  # beside the link's text
    expect(page).to_have_url(f"{site_url}/san-pham/dau-lac-hai-yen/")


def test_a_result_without_a_picture_gives_its_name_the_cards_width(page, site_url):
    search(page, site_url, "tim-kiem/", "tran thi hai")  # a producer with no picture yet
    card = page.locator(".search-results li", has_text="Trần Thị Hải").first
    assert card.locator("picture").count() == 0
    assert card.locator(".card-name").bounding_box()["width"] > 0.8 * card.bounding_box()["width"]


def test_results_on_a_wide_screen_are_a_grid_of_cards_as_the_listings(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    search(page, site_url, "en/search/", "honey")
    boxes = [card.bounding_box() for card in page.locator(".search-results li").all()]
    assert len(boxes) >= 3
    assert boxes[1]["y"] == boxes[0]["y"]  # side by side, not one under the other
    assert all(box["width"] < 400 for box in boxes)  # and no picture as wide as the page


def test_tea_is_found_by_the_souths_word_as_by_the_norths(page, site_url, demo_site):
    """Chè and trà are both tea: "tra" found no "Chè xanh Đường Hoa". ("che" finds the Trà teas
    of Ba Chẽ by their place; the other way is tested on the search record's words.)"""
    drinks = product_links(demo_site, "nhom/do-uong") | product_links(demo_site, "nhom/duoc-lieu")
    teas = {link for link in drinks if link.startswith("/san-pham/che-")}
    assert len(teas) >= 2
    assert teas <= set(search(page, site_url, "tim-kiem/", "tra"))


def test_wine_finds_the_rice_liquors(page, site_url, demo_site):
    """Rượu is "rice wine" to a tourist, "liquor" or "liqueur" in the records' English: "wine"
    found one producer whose text said it."""
    drinks = product_links(demo_site, "en/groups/do-uong")
    liquors = {link for link in drinks if link.startswith("/en/products/ruou-")}
    assert len(liquors) >= 3
    assert liquors <= set(search(page, site_url, "en/search/", "wine"))
