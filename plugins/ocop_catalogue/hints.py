"""What to tell an editor who wrote a value as Vietnamese writes it, or as another tool gave
it: a date day first, a price with dots between its thousands, a map position as a map copies
it, a star level as stars, a certificate as a decision is cited, a choice by its Vietnamese
name, an id as a name. The checks' messages end with the value to write instead."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .vietnamese import fold, slugify

if TYPE_CHECKING:
    from .schema import Group

# The words of a choice as editors say them (without tone marks, lowercase), by key, and the
# word to write instead: a producer's kind, a certificate's level, a story's language.
CHOICES_AS_SAID = {
    "kind": {
        "doanh nghiep": "enterprise",
        "cong ty": "enterprise",
        "hop tac xa": "cooperative",
        "htx": "cooperative",
        "to hop tac": "cooperative-group",
        "tht": "cooperative-group",
        "ho kinh doanh": "household",
        "ho san xuat": "household",
        "ho gia dinh": "household",
        "ho": "household",
    },
    "level": {
        "cap huyen": "district",
        "huyen": "district",
        "cap tinh": "province",
        "tinh": "province",
        "cap quoc gia": "national",
        "quoc gia": "national",
        "trung uong": "national",
        "cap trung uong": "national",
    },
    "lang": {
        **dict.fromkeys(("vi", "vn", "viet", "tieng viet", "vietnamese", "viet nam"), "vi"),
        **dict.fromkeys(("en", "eng", "english", "tieng anh", "anh", "us", "uk", "gb"), "en"),
    },
}


def choice_meant(key: str, written: str) -> str | None:
    """The word to write for a choice written as an editor says it ("HTX", "cấp tỉnh", "VN")."""
    return CHOICES_AS_SAID.get(key, {}).get(" ".join(fold(written).lower().split()))


DAY_FIRST = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
# As Vietnamese writes a date in words: "20 tháng 5, 2026", "ngày 20 tháng 5 năm 2026".
DAY_IN_WORDS = r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+(?:năm\s+)?(\d{4})"
ISO_DAY = r"\d{4}-\d{2}-\d{2}"


def day_first_as_iso(text: str) -> str:
    """A date written day first, as Vietnamese does ("23/12/2024", "23.12.2024", "23 tháng 12,
    2024"): the way to write it, or nothing when it is no such day."""
    day = _day_first(text)
    return f": write {day}" if day else ""


def _day_first(text: str) -> str | None:
    written = re.fullmatch(DAY_FIRST, text) or re.fullmatch(DAY_IN_WORDS, text.strip(), re.IGNORECASE)
    if written is None:
        return None
    day, month, year = (int(part) for part in written.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


# A price as shops write it: "150.000 đ", "1.200.000₫", "150 000 VND", "150k", "150 nghìn".
PRICE_AS_WRITTEN = re.compile(
    r"(?P<digits>\d{1,3}(?:[.,\s]\d{3})+|\d+)\s*(?P<thousands>k|nghìn|ngàn|nghin|ngan)?\s*(?:đ|₫|vnd|vnđ|đồng|dong)?",
    re.IGNORECASE,
)


# "1,2 triệu", "1.5 tr": millions with a decimal comma or dot, as prices of crafts are said.
PRICE_IN_MILLIONS = re.compile(
    r"(?P<whole>\d+)(?:[.,](?P<decimals>\d{1,3}))?\s*(?:triệu|trieu|tr)\s*(?:đ|₫|vnd|đồng)?", re.I
)
# "120000đ/kg": the price and its unit in one.
PRICE_PER_UNIT = re.compile(r"(?P<price>[^/]+?)\s*/\s*(?P<unit>\S.*)")
# What a shop writes for a price not given: "Liên hệ" (call us), "thỏa thuận" (to agree).
NO_PRICE = {"lien he", "lh", "thoa thuan", "contact", "call", "ask"}


def price_as_number(text: str) -> str:
    """A price written with separators, a currency or "k" for thousands: the number to write
    ("150.000 đ" is 150000), or nothing when it is not plainly one; what to do with a price
    in millions, one with its unit ("120000đ/kg"), a negative one or none ("Liên hệ")."""
    text = text.strip()
    if " ".join(fold(text).lower().split()) in NO_PRICE:
        return "; a price not given is left out: delete this price, and the buyer calls the producer"
    if re.fullmatch(r"-\s*\d+", text):
        return "; a price is 0 or more: write it without the minus sign"
    if per_unit := PRICE_PER_UNIT.fullmatch(text):
        number = _price_number(per_unit["price"])
        if number is not None:
            return f": write {number}, and {per_unit['unit']} in the price's unit"
    number = _price_number(text)
    return f": write {number}" if number is not None else ""


def _price_number(text: str) -> int | None:
    written = PRICE_AS_WRITTEN.fullmatch(text.strip())
    if written is not None:
        return int(re.sub(r"\D", "", written["digits"])) * (1000 if written["thousands"] else 1)
    millions = PRICE_IN_MILLIONS.fullmatch(text.strip())
    if millions is not None:
        decimals = (millions["decimals"] or "").ljust(3, "0")
        return int(millions["whole"]) * 1_000_000 + int(decimals) * 1000
    return None


# A latitude or longitude in degrees, minutes and seconds, as Wikipedia and some maps give them:
# 21°17'10"N, 21°17′10″B (Bắc), 107° 22' 16" E, 21.2861° N. The letter N is left alone, as in
# Vietnamese it is Nam, south, and a Vietnamese place is north and east anyway; S, W and T (Tây)
# make the number negative.
DEGREES = re.compile(
    r"(?P<degrees>\d{1,3}(?:\.\d+)?)\s*°?\s*(?:(?P<minutes>\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*"
    r"(?:(?P<seconds>\d{1,2}(?:[.,]\d+)?)\s*(?:\"|″|''|”)\s*)?)?(?P<side>[NSEWBĐT])?",
    re.IGNORECASE,
)


def degrees_as_decimal(text: str) -> str:
    """A latitude or longitude written in degrees and minutes: the number to write, to four
    decimals (about 10 m), or nothing when it is not plainly one."""
    written = DEGREES.fullmatch(text.strip())
    if written is None:
        return ""
    sign = "-" if (written["side"] or "").upper() in ("S", "W", "T") else ""
    if written["minutes"] is None:  # 21.2861° N: the number as typed
        return f": write {sign}{written['degrees']}"
    minutes, seconds = (float((written[part] or "0").replace(",", ".")) for part in ("minutes", "seconds"))
    return f": write {sign}{float(written['degrees']) + minutes / 60 + seconds / 3600:.4f}"


# A star level as a certificate or a shop's sign gives it: "★★★★", "4 sao", "bốn sao", "4-star".
STAR_WORDS = {"ba": 3, "bon": 4, "nam": 5, "three": 3, "four": 4, "five": 5}


def star_as_number(text: str) -> str:
    """The star level written otherwise than as its number: the number to write, or nothing."""
    typed = fold(text).lower().strip()
    if typed and set(typed) <= {"★", "*", " "}:
        stars = len(typed.replace(" ", ""))
    else:
        first = re.match(r"(\d|[a-z]+)\b", typed)
        stars = 0 if first is None else int(first[1]) if first[1].isdigit() else STAR_WORDS.get(first[1], 0)
    return f": write {stars}" if stars in (3, 4, 5) else ""


def mapping_as_written(key: str, text: str) -> str:
    """A mapping written as one line of text, as it was copied: how to write it, or nothing."""
    if key == "geo":
        return coordinates_as_geo(text)
    if key == "certificate":
        return certificate_as_mapping(text)
    return ""


def certificate_as_mapping(text: str) -> str:
    """A certificate written as a decision is cited ("Quyết định số 5024/QĐ-BNN ngày 15/12/2023"):
    its number and date as the record writes them, or nothing when there is no number."""
    number = re.search(r"\d+/[^\s,;]*QĐ[^\s,;]*", text, re.IGNORECASE)
    if number is None:
        return ""
    found = re.search(DAY_FIRST + "|" + ISO_DAY, text[number.end() :])
    day = (found and (_day_first(found[0]) if found[1] else found[0])) or "YYYY-MM-DD"
    written = f'{{number: "{number[0]}", date: {day}, level: LEVEL}}'
    return f": write certificate: {written}, where LEVEL is district, province or national"


def coordinates_as_geo(text: str) -> str:
    """Coordinates copied from a map as one line ("21.2861, 107.3712", as Google Maps copies
    them): how to write them, or nothing when they are not plainly two numbers."""
    written = re.fullmatch(r"(-?\d{1,3}\.\d+)\s*[,;\s]\s*(-?\d{1,3}\.\d+)", text.strip())
    if written is None:
        return ""
    return f": write geo: {{lat: {written[1]}, lon: {written[2]}}}"


def as_id(text: str) -> str | None:
    """The id a name makes ("Mật ong rừng" is mat-ong-rung; an underscore, common in file names,
    parts words too), or None if it makes none."""
    from .values import ID_PATTERN  # here: the values take their hints from this module

    made = slugify(text.replace("_", " "))
    return made if re.match(ID_PATTERN, made) else None


def group_named(text: str, groups: Iterable[Group]) -> Group | None:
    """The group ``text`` names, by its id or its name in either language, written in any case,
    with or without tone marks ("Food", "thuc pham", "Thực phẩm")."""
    typed = _words(text)
    return next((g for g in groups if typed in (_words(g.id), _words(g.name.vi), _words(g.name.en or ""))), None)


def _words(text: str) -> str:
    return " ".join(fold(text).lower().replace("-", " ").replace("_", " ").split())
