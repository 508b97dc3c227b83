"""The demo's YAML records read directly, so tests count and compare without the catalogue's code."""

from __future__ import annotations

import datetime
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def _load(path: Path) -> dict:
    # As the data format says, every scalar is the string typed: phone 0212345670 is not a number.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@cache
def records(kind: str, data: Path = DATA) -> dict[str, dict]:
    return {path.stem: _load(path) for path in sorted((data / kind).glob("*.yaml"))}


@cache
def areas(data: Path = DATA) -> dict:
    return _load(data / "areas.yaml")


def text(value, lang: str = "vi") -> str:
    """A bilingual field as the page in ``lang`` shows it."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value["vi"]


def district_of_commune(data: Path = DATA) -> dict[str, dict]:
    return {commune["id"]: district for district in areas(data)["districts"] for commune in district["communes"]}


def district_of_product(product: dict, data: Path = DATA) -> dict:
    producer = records("producers", data)[product["producer"]]
    return district_of_commune(data)[producer["commune"]]


def valid_until(certificate: dict) -> datetime.date:
    if certificate.get("valid_until"):
        return datetime.date.fromisoformat(certificate["valid_until"])
    day = datetime.date.fromisoformat(certificate["date"])
    return day.replace(year=day.year + 3)


def counts_by_district_and_star(data: Path = DATA) -> Counter:
    return Counter(
        (district_of_product(product, data)["id"], int(product["star"]))
        for product in records("products", data).values()
    )
