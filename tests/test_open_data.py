"""catalogue.json and catalogue.csv per language: every product, valid against the published
JSON Schema, the same facts as the records, and documented field by field."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pytest
from conftest import ROOT, Project
from demo_records import district_of_product, records, text, valid_until
from jsonschema import Draft202012Validator
from test_former_ids import NEW_PRODUCT, OLD_PRODUCER, OLD_PRODUCT, rename_both

DATA = "du-lieu"
LANGS = ("vi", "en")


def load_json(site: Path, lang: str) -> dict:
    return json.loads((site / DATA / f"catalogue.{lang}.json").read_text(encoding="utf-8"))


def load_csv(site: Path, lang: str) -> list[dict[str, str]]:
    raw = (site / DATA / f"catalogue.{lang}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte order mark"
    with (site / DATA / f"catalogue.{lang}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def schema(site: Path) -> dict:
    return json.loads((site / DATA / "catalogue.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_json_validates_against_its_published_schema(demo_site, lang):
    published = schema(demo_site)
    Draft202012Validator.check_schema(published)
    catalogue = load_json(demo_site, lang)
    errors = sorted(Draft202012Validator(published).iter_errors(catalogue), key=str)
    assert not errors, errors[:3]
    assert catalogue["$schema"] == "/du-lieu/catalogue.schema.json"
    assert catalogue["language"] == lang


def test_the_schema_refuses_what_the_interface_does_not_promise(demo_site):
    validator = Draft202012Validator(schema(demo_site))
    catalogue = load_json(demo_site, "vi")
    product = catalogue["products"][0]
    for broken in ({**product, "star": 2}, {**product, "surprise": 1}, {k: v for k, v in product.items() if k != "id"}):
        assert not validator.is_valid({**catalogue, "products": [broken]})


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_json_has_every_product_with_its_facts(demo_site, lang):
    catalogue = load_json(demo_site, lang)
    as_of = datetime.date.fromisoformat(catalogue["as_of"])
    products = records("products")
    exported = {item["id"]: item for item in catalogue["products"]}
    assert set(exported) == set(products)
    assert catalogue["count"] == len(products) == len(catalogue["products"])
    producers = records("producers")
    for product_id, product in products.items():
        item = exported[product_id]
        producer = producers[product["producer"]]
        assert item["name"] == text(product["name"], lang)
        assert item["star"] == int(product["star"])
        assert item["group"]["id"] == product["group"]
        assert item["producer"]["id"] == product["producer"]
        assert item["producer"]["name"] == text(producer["name"], lang)
        assert item["producer"]["phone"] == producer.get("phone")
        assert item["commune"]["id"] == producer["commune"]
        assert item["district"]["id"] == district_of_product(product)["id"]
        assert [p["vnd"] for p in item["prices"]] == [int(p["vnd"]) for p in product.get("prices", [])]
        certificate = product.get("certificate")
        if certificate is None:
            assert item["certificate"] is None
            continue
        until = valid_until(certificate)
        assert item["certificate"]["number"] == certificate["number"]
        assert item["certificate"]["valid_until"] == until.isoformat()
        assert item["certificate"]["expired"] is (until < as_of)


def test_expired_certificates_stay_listed_and_say_so(demo_site):
    catalogue = load_json(demo_site, "vi")
    expired = [item for item in catalogue["products"] if item["certificate"] and item["certificate"]["expired"]]
    assert expired, "the demo has products whose certificate expired"


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_csv_has_a_header_and_one_row_per_product(demo_site, lang):
    rows = load_csv(demo_site, lang)
    header = next(csv.reader((demo_site / DATA / f"catalogue.{lang}.csv").open(encoding="utf-8")))
    assert {"id", "name", "star", "producer", "commune", "district", "group", "certificate_number"} <= set(header)
    products = records("products")
    assert sorted(row["id"] for row in rows) == sorted(products)
    by_id = {row["id"]: row for row in rows}
    for product_id, product in products.items():
        row = by_id[product_id]
        assert row["name"] == text(product["name"], lang)  # Vietnamese letters intact
        assert row["star"] == product["star"]
        assert row["district_id"] == district_of_product(product)["id"]
        assert row["certificate_number"] == (product.get("certificate") or {}).get("number", "")


def test_csv_and_json_agree(demo_site):
    rows = {row["id"]: row for row in load_csv(demo_site, "en")}
    for item in load_json(demo_site, "en")["products"]:
        row = rows[item["id"]]
        assert (row["producer"], row["commune"], row["district"]) == (
            item["producer"]["name"],
            item["commune"]["name"],
            item["district"]["name"],
        )


def test_every_field_is_documented(demo_site):
    documentation = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    published = schema(demo_site)
    fields = set(published["properties"])
    for definition in published["$defs"].values():
        fields |= set(definition.get("properties", {}))
    header = next(csv.reader((demo_site / DATA / "catalogue.vi.csv").open(encoding="utf-8")))
    missing = sorted(name for name in fields | set(header) if f"`{name}`" not in documentation)
    assert not missing


def test_statistics_page_links_to_the_open_data(demo_site):
    html = (demo_site / "thong-ke/index.html").read_text(encoding="utf-8")
    for name in ("catalogue.vi.json", "catalogue.vi.csv", "catalogue.schema.json"):
        assert f'href="/du-lieu/{name}"' in html
    english = (demo_site / "en/statistics/index.html").read_text(encoding="utf-8")
    assert 'href="/du-lieu/catalogue.en.json"' in english


def test_a_renamed_records_former_ids_are_in_the_open_data(project: Project, capsys):
    """A portal that stored a product or producer by its old id finds it under the new one."""
    rename_both(project)
    code, printed = project.build(capsys)
    assert code == 0, printed
    for lang in LANGS:
        products = {item["id"]: item for item in load_json(project.output, lang)["products"]}
        assert products[NEW_PRODUCT]["former_ids"] == [OLD_PRODUCT]
        assert products[NEW_PRODUCT]["producer"]["former_ids"] == [OLD_PRODUCER]
        assert products["dau-lac-hai-yen"]["former_ids"] == []
        rows = {row["id"]: row for row in load_csv(project.output, lang)}
        assert (rows[NEW_PRODUCT]["former_ids"], rows[NEW_PRODUCT]["producer_former_ids"]) == (
            OLD_PRODUCT,
            OLD_PRODUCER,
        )
        assert rows["dau-lac-hai-yen"]["former_ids"] == ""


def test_csv_columns_keep_their_places(demo_site):
    """Columns are only added at the end: a reader going by position keeps working."""
    header = next(csv.reader((demo_site / DATA / "catalogue.vi.csv").open(encoding="utf-8")))
    assert header[:22] == [
        "id",
        "name",
        "url",
        "star",
        "group_id",
        "group",
        "producer_id",
        "producer",
        "producer_kind",
        "producer_phone",
        "commune_id",
        "commune",
        "district_id",
        "district",
        "certificate_number",
        "certificate_date",
        "certificate_level",
        "certificate_valid_until",
        "certificate_expired",
        "price_vnd",
        "price_unit",
        "image",
    ]
    assert header[22:] == ["former_ids", "producer_former_ids"]
