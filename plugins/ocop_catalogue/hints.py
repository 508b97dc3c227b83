"""What to tell an editor who wrote a value as Vietnamese writes it: a date day first, a
price with dots between its thousands, a choice by its Vietnamese name, an id as a name. The
checks' messages end with the value to write instead."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .vietnamese import fold, slugify

if TYPE_CHECKING:
    from .schema import Group

# The words of a choice as Vietnamese editors say them (without tone marks, lowercase), by key,
# and the word to write instead: a producer's kind, a certificate's level.
CHOICES_IN_VIETNAMESE = {
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
}


def day_first_as_iso(text: str) -> str:
    """A date written day first, as Vietnamese does ("23/12/2024", "23.12.2024"): the way to
    write it, or nothing when it is no such day."""
    written = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if written is None:
        return ""
    day, month, year = (int(part) for part in written.groups())
    try:
        return f": write {datetime.date(year, month, day).isoformat()}"
    except ValueError:
        return ""


# A price as shops write it: "150.000 đ", "1.200.000₫", "150 000 VND", "150k", "150 nghìn".
PRICE_AS_WRITTEN = re.compile(
    r"(?P<digits>\d{1,3}(?:[.,\s]\d{3})+|\d+)\s*(?P<thousands>k|nghìn|ngàn|nghin|ngan)?\s*(?:đ|₫|vnd|vnđ|đồng|dong)?",
    re.IGNORECASE,
)


def price_as_number(text: str) -> str:
    """A price written with separators, a currency or "k" for thousands: the number to write
    ("150.000 đ" is 150000), or nothing when it is not plainly one."""
    written = PRICE_AS_WRITTEN.fullmatch(text.strip())
    if written is None:
        return ""
    number = int(re.sub(r"\D", "", written["digits"])) * (1000 if written["thousands"] else 1)
    return f": write {number}"


def as_id(text: str) -> str | None:
    """The id a name makes ("Mật ong rừng" is mat-ong-rung; an underscore, common in file names,
    parts words too), or None if it makes none."""
    from .schema import ID_PATTERN  # here: the schema gives its dates' hints from this module

    made = slugify(text.replace("_", " "))
    return made if re.match(ID_PATTERN, made) else None


def group_named(text: str, groups: Iterable[Group]) -> Group | None:
    """The group ``text`` names, by its id or its name in either language, written in any case,
    with or without tone marks ("Food", "thuc pham", "Thực phẩm")."""
    typed = _words(text)
    return next((g for g in groups if typed in (_words(g.id), _words(g.name.vi), _words(g.name.en or ""))), None)


def _words(text: str) -> str:
    return " ".join(fold(text).lower().replace("-", " ").replace("_", " ").split())
