"""Vietnamese dictionary order and slugs, as DOMAIN.md defines them, in the code and on the pages."""

from __future__ import annotations

import random

from conftest import parse
from ocop_catalogue.vietnamese import slugify, sort_key


def test_syllables_compare_by_letters_then_tone():
    expected = ["Hà Giang", "Hà Nội", "Hạ Long"]
    shuffled = expected[::-1]
    assert sorted(shuffled, key=sort_key) == expected


def test_vietnamese_letters_follow_the_vietnamese_alphabet():
    expected = ["An", "Ăn", "Ân", "Bình", "Cẩm", "Cô", "Dung", "Dương", "Đà", "Đông Triều", "Em", "Ê", "Gà"]
    shuffled = expected[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == expected


def test_d_with_stroke_sorts_after_every_d():
    words = ["Đông Triều", "Dừa", "Dưa hấu", "Dầu lạc", "Du lịch"]
    assert sorted(words, key=sort_key)[-1] == "Đông Triều"


def test_tones_in_order_ngang_huyen_hoi_nga_sac_nang():
    expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(expected), key=sort_key) == expected


def test_slugs_drop_marks_and_map_d_with_stroke():
    assert slugify("Gạo nếp cái hoa vàng Đông Triều") == "gao-nep-cai-hoa-vang-dong-trieu"
    assert slugify("Chả mực Hạ Long") == "cha-muc-ha-long"
    assert slugify("ĐẶC SẢN  Bình Liêu!") == "dac-san-binh-lieu"


def names(page, selector):
    return [element.get_text(" ", strip=True) for element in parse(page).select(selector)]


def test_listings_on_vietnamese_pages_are_in_dictionary_order(demo_site):
    checked = 0
    for page in list((demo_site / "dia-phuong").glob("*/index.html")) + list((demo_site / "nhom").glob("*/index.html")):
        for listing in parse(page).select("ul.cards"):
            shown = [card.get_text(strip=True) for card in listing.select(".card-name")]
            assert shown == sorted(shown, key=sort_key), page
            checked += len(shown) > 1
    assert checked
    districts = names(demo_site / "dia-phuong/index.html", ".figures a")
    assert districts == sorted(districts, key=sort_key)


def test_record_urls_are_slugs(demo_site):
    for page in (demo_site / "san-pham").glob("*/index.html"):
        assert slugify(page.parent.name) == page.parent.name
