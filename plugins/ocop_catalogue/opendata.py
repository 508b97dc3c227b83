"""Open data: the catalogue as JSON and CSV per language, and the JSON Schema of the JSON.

The files are a stable interface for other portals (documented in
docs/open-data.md): fields are only ever added. The pydantic models below
define the JSON and give its published JSON Schema.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from pydantic import BaseModel, ConfigDict, Field

from . import i18n
from .images import Pictures
from .model import Catalogue
from .open_data_rows import Row, RowCache
from .qrcodes import public_url
from .schema import Producer, Product
from .structured_data import PicturePath
from .urls import Urls
from .values import LANGS, Text

SCHEMA_VERSION = "1.1"
DEFAULT_SAVE_AS = {
    "CATALOGUE_JSON_SAVE_AS": "du-lieu/catalogue.{lang}.json",
    "CATALOGUE_CSV_SAVE_AS": "du-lieu/catalogue.{lang}.csv",
    "CATALOGUE_SCHEMA_SAVE_AS": "du-lieu/catalogue.schema.json",
}
# A reader that stored a record by an id it had before a rename finds it by this (since 1.1).
FORMER_IDS = "The ids the record had before it was renamed, in the order the record lists them; empty if none."


class Exported(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Named(Exported):
    id: str = Field(pattern=r"^[a-z0-9-]+$", description="The stable id, lowercase ASCII letters, digits and hyphens.")
    name: str = Field(description="The name in the file's language (Vietnamese where no English is recorded).")


class ExportedProducer(Named):
    kind: Literal["enterprise", "cooperative", "cooperative-group", "household"]
    phone: str | None = Field(description="As the producer writes it, such as 0203 3870 123.")
    email: str | None
    website: str | None
    url: str = Field(description="The producer's page in the catalogue.")
    former_ids: list[str] = Field(description=FORMER_IDS)


class ExportedCertificate(Exported):
    number: str = Field(description='The decision number, such as "5445/QĐ-UBND".')
    date: datetime.date = Field(description="The date of the decision.")
    level: Literal["district", "province", "national"] = Field(description="Who certified the product.")
    valid_until: datetime.date = Field(description="The last day it is valid (36 months unless stated).")
    expired: bool = Field(description="Whether valid_until is before the file's as_of date.")


class ExportedPrice(Exported):
    vnd: int = Field(ge=0, description="The price in đồng.")
    unit: str = Field(description="What the price buys, such as a 500 ml bottle.")


class ExportedProduct(Named):
    url: str = Field(description="The product's page in the catalogue.")
    star: Literal[3, 4, 5] = Field(description="The OCOP star level.")
    group: Named = Field(description="One of the OCOP product groups.")
    producer: ExportedProducer
    commune: Named
    district: Named
    certificate: ExportedCertificate | None = Field(description="null when no certificate is recorded.")
    prices: list[ExportedPrice]
    image: str | None = Field(description="The main picture, or null.")
    former_ids: list[str] = Field(description=FORMER_IDS)


class CatalogueFile(Exported):
    """catalogue.<lang>.json: every product of the catalogue in one language."""

    model_config = ConfigDict(title="OCOP catalogue", extra="forbid")

    schema_url: str = Field(alias="$schema", description="The address of this JSON Schema.")
    version: str = Field(description="The version of this format; fields are only ever added.")
    language: Literal["vi", "en"]
    as_of: datetime.date = Field(description="The build date: certificates are judged valid or expired on it.")
    province: Named
    count: int = Field(description="How many products follow.")
    products: list[ExportedProduct] = Field(description="Every product, in dictionary order of its name.")


def json_schema(schema_url: str) -> dict[str, Any]:
    """The published JSON Schema of catalogue.<lang>.json."""
    schema = CatalogueFile.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_url, **schema}


class Exporter:
    """Turns the catalogue's records into the exported objects of one language.

    Plain dicts, shaped as the models above say (the tests validate the files
    against the schema): building 20,000 pydantic objects per language would
    triple the time. Producers and areas are built once and shared.
    """

    def __init__(self, catalogue: Catalogue, urls: Urls, site_url: str, lang: str, picture_path: PicturePath):
        self.catalogue, self.urls, self.site_url, self.lang = catalogue, urls, site_url, lang
        self.picture_path = picture_path
        self.shared: dict[tuple[str, str], dict[str, Any]] = {}

    def name(self, value: Text) -> str:
        return value.get(self.lang)[0]

    def named(self, kind: str, record: Any) -> dict[str, Any]:
        key = (kind, record.id)
        if key not in self.shared:
            self.shared[key] = {"id": record.id, "name": self.name(record.name)}
        return self.shared[key]

    def page(self, kind: str, key: str) -> str:
        return f"{self.site_url}/{self.urls.url(kind, key, self.lang)}"

    def producer(self, producer: Producer) -> dict[str, Any]:
        key = ("producer", producer.id)
        if key not in self.shared:
            self.shared[key] = {
                "id": producer.id,
                "name": self.name(producer.name),
                "kind": producer.kind,
                "phone": producer.phone,
                "email": producer.email,
                "website": producer.website,
                "url": self.page("producer", producer.id),
                "former_ids": list(producer.former_ids),
            }
        return self.shared[key]

    def certificate(self, product: Product) -> dict[str, Any] | None:
        certificate = product.certificate
        if certificate is None:
            return None
        return {
            "number": certificate.number,
            "date": certificate.date.isoformat(),
            "level": certificate.level,
            "valid_until": certificate.expires.isoformat(),
            "expired": self.catalogue.lapse(product) == "expired",
        }

    def product(self, product: Product) -> dict[str, Any]:
        catalogue = self.catalogue
        return {
            "id": product.id,
            "name": self.name(product.name),
            "url": self.page("product", product.id),
            "star": product.star,
            "group": self.named("group", catalogue.groups[product.group]),
            "producer": self.producer(catalogue.producer_of(product)),
            "commune": self.named("commune", catalogue.commune_of(product)),
            "district": self.named("district", catalogue.district_of(product)),
            "certificate": self.certificate(product),
            "prices": [{"vnd": price.vnd, "unit": self.name(price.unit)} for price in product.prices],
            "image": f"{self.site_url}/{self.picture_path(product.images[0].file)}" if product.images else None,
            "former_ids": list(product.former_ids),
        }

    def heading(self, schema_url: str, count: int) -> dict[str, Any]:
        """What catalogue.<lang>.json gives before its ``products``."""
        return {
            "$schema": schema_url,
            "version": SCHEMA_VERSION,
            "language": self.lang,
            "as_of": self.catalogue.today.isoformat(),
            "province": self.named("province", self.catalogue.province),
            "count": count,
        }


CSV_COLUMNS = (
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
    # Added in 1.1, at the end so that readers going by position are unchanged.
    "former_ids",
    "producer_former_ids",
)


def csv_row(product: dict[str, Any]) -> list[str]:
    """One product as a flat row; the first price only (the JSON has them all)."""
    cert = product["certificate"] or {}
    price = product["prices"][0] if product["prices"] else {}
    producer = product["producer"]
    expired = {True: "true", False: "false"}.get(cert.get("expired"))
    values = [
        product["id"], product["name"], product["url"], product["star"],
        product["group"]["id"], product["group"]["name"],
        producer["id"], producer["name"], producer["kind"], producer["phone"],
        product["commune"]["id"], product["commune"]["name"], product["district"]["id"], product["district"]["name"],
        cert.get("number"), cert.get("date"), cert.get("level"), cert.get("valid_until"), expired,
        price.get("vnd"), price.get("unit"), product["image"],
        # Ids hold no space: one splits the cell on it.
        " ".join(product["former_ids"]), " ".join(producer["former_ids"]),
    ]  # fmt: skip
    return ["" if value is None else str(value) for value in values]


def save_as(settings: dict[str, Any], name: str, lang: str = "") -> str:
    return settings.get(name, DEFAULT_SAVE_AS[name]).format(lang=lang)


def open_data_names(settings: dict[str, Any]) -> list[str]:
    """The files ``open_data_files`` makes, under the output folder."""
    names = [save_as(settings, "CATALOGUE_SCHEMA_SAVE_AS")]
    for lang in LANGS:
        names += [save_as(settings, "CATALOGUE_JSON_SAVE_AS", lang), save_as(settings, "CATALOGUE_CSV_SAVE_AS", lang)]
    return names


def open_data_files(
    catalogue: Catalogue,
    settings: dict[str, Any],
    rows: RowCache | None = None,
    picture_path: PicturePath | None = None,
) -> Iterator[tuple[str, bytes]]:
    """The JSON Schema and, per language, catalogue.json and catalogue.csv, as ``(name, bytes)``.

    ``rows``, when given, keeps each product's encoded row from the last build (``open_data_rows``);
    ``picture_path`` is a picture's published path (``Pictures.shared_path``)."""
    site_url = settings.get("SITEURL") or ""
    urls = Urls(settings)
    schema_path = save_as(settings, "CATALOGUE_SCHEMA_SAVE_AS")
    schema_url = f"{site_url}/{schema_path}"
    yield schema_path, _text(json.dumps(json_schema(schema_url), ensure_ascii=False, indent=2))
    picture_path = picture_path or Pictures(settings).shared_path
    for lang in LANGS:
        exporter = Exporter(catalogue, urls, site_url, lang, picture_path)
        products = catalogue.ordered[lang]["products"]
        encoded = [_row(exporter, product, rows) for product in products]
        # The compact encoding of the whole file is its parts' joined: the heading's
        # object, then the products' array as its last member.
        heading = _json(exporter.heading(schema_url, len(products)))
        json_text = heading[:-1] + ',"products":[' + ",".join(row for row, _ in encoded) + "]}"
        yield save_as(settings, "CATALOGUE_JSON_SAVE_AS", lang), _text(json_text)
        csv_text = _csv_lines([CSV_COLUMNS]) + "".join(line for _, line in encoded)
        yield save_as(settings, "CATALOGUE_CSV_SAVE_AS", lang), csv_text.encode("utf-8")
    if rows is not None:
        rows.save()


def _row(exporter: Exporter, product: Product, rows: RowCache | None) -> Row:
    """The product's JSON object and CSV line, kept from the last build when ``rows`` has them."""

    def make() -> Row:
        exported = exporter.product(product)
        return _json(exported), _csv_lines([csv_row(exported)])

    return make() if rows is None else rows.row(product.id, exporter.lang, make)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _csv_lines(rows: Iterable[Iterable[Any]]) -> str:
    table = io.StringIO()
    csv.writer(table).writerows(rows)
    return table.getvalue()


def write_open_data(catalogue: Catalogue, settings: dict[str, Any], output: Path) -> None:
    """Write ``open_data_files`` under ``output``."""
    for name, data in open_data_files(catalogue, settings):
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _text(text: str) -> bytes:
    return (text + "\n").encode("utf-8")


def open_data_url_global(settings: dict[str, Any]):
    @pass_context
    def open_data_url(context: Context, name: str, public: bool = False) -> str:
        """The address of ``json``, ``csv`` or ``schema`` in the page's language; ``public``:
        on the published site (``public_url``), as paper gives it even from a development build."""
        setting = f"CATALOGUE_{name.upper()}_SAVE_AS"
        site = public_url(settings) if public else context.get("SITEURL") or ""
        return f"{site}/{save_as(settings, setting, i18n.page_lang(context))}"

    return open_data_url


def install(env: Environment, settings: dict[str, Any]) -> None:
    env.globals["open_data_url"] = open_data_url_global(settings)
