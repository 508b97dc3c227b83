"""Vietnamese dictionary order and slugs, as DOMAIN.md defines them, in the code and on the pages."""

from __future__ import annotations

import random
import re
import unicodedata

from conftest import parse
from hypothesis import given
from hypothesis import strategies as st
from ocop_catalogue.vietnamese import area_sort_key, slugify, sort_key


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


def test_a_syllable_that_goes_on_comes_after_the_one_it_starts_with():
    assert sorted(["Anh Đào", "An Giang", "An", "Ang"], key=sort_key) == ["An", "An Giang", "Ang", "Anh Đào"]


ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # ngang, huyền, hỏi, ngã, sắc, nặng


def dictionary_key(text: str) -> tuple:
    """DOMAIN.md's order spelled out: syllable by syllable, the letters in the alphabet
    (any other character after them, by code point), then the tone; ties by the text."""
    syllables = []
    for syllable in re.findall(r"\w+", text):
        decomposed = unicodedata.normalize("NFD", syllable.lower())
        tone = next((TONES.index(c) for c in decomposed if c in TONES[1:]), 0)
        letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES[1:]))
        syllables.append((tuple(ALPHABET.index(c) if c in ALPHABET else len(ALPHABET) + ord(c) for c in letters), tone))
    return tuple(syllables), text


# Letters, some capitals and digits, and two characters that split a word into syllables.
syllable = st.builds(
    lambda letters, tone: unicodedata.normalize("NFC", letters + tone),
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂĐ09-'", min_size=1, max_size=4),
    st.sampled_from(TONES),
)
name = st.lists(syllable, min_size=1, max_size=4).map(" ".join)


@given(st.lists(name | st.text(max_size=8), max_size=12))
def test_the_key_orders_as_the_dictionary_does(texts):
    assert sorted(texts, key=sort_key) == sorted(texts, key=dictionary_key)


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
    assert districts == sorted(districts, key=area_sort_key)  # by place: "Huyện", "Thị xã" left out


def test_record_urls_are_slugs(demo_site):
    for page in (demo_site / "san-pham").glob("*/index.html"):
        assert slugify(page.parent.name) == page.parent.name
