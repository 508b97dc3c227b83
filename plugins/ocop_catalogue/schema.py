"""The one definition of every kind of record.

The build validates against these models, the JSON Schemas for editors are
generated from them, and so are the tables in the docs. Every scalar arrives
as the string the editor typed (see ``yamlsource``); the types below decide
what it must look like and refuse anything else.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .hints import day_first_as_iso, degrees_as_decimal, price_as_number, star_as_number
from .invisible import INVISIBLE, visible
from .yaml_errors import key_without_space

LANGS = ("vi", "en")


# What a number or a date typed as text must look like; the editors' JSON
# Schemas (``editor_schema``) reuse these so that both accept the same text.
WHOLE_NUMBER = r"[0-9]+"
DECIMAL_NUMBER = r"-?[0-9]+(\.[0-9]+)?"
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
ID_PATTERN = r"^[a-z0-9-]+$"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _left_empty_is_not_written(cls, data: Any) -> Any:
        """An optional key left empty (``images:``, ``season: ""``) is as if it were not
        written: an editor who removed the last picture, or has no text yet, keeps a record
        that builds. A required key left empty is still reported."""
        if not isinstance(data, dict) or not any(map(_blank, data.values())):
            return data
        fields = cls.model_fields
        return {
            key: value
            for key, value in data.items()
            if not (_blank(value) and key in fields and not fields[key].is_required())
        }


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _whole_number(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(WHOLE_NUMBER, value.strip()):
            raise ValueError("must be a whole number, such as 150000" + price_as_number(value))
        return int(value)
    return value


def _decimal_number(value: Any, example: str) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(DECIMAL_NUMBER, value.strip()):
            raise ValueError(f"must be a number, such as {example}" + degrees_as_decimal(value))
        return float(value)
    return value


def _date(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(ISO_DATE, text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                # Written as asked: "must be written as YYYY-MM-DD" would not say what is wrong.
                raise ValueError(f"{text} is not a day of the calendar: check the month and the day") from None
        raise ValueError("must be a date written as YYYY-MM-DD, such as 2019-12-23" + day_first_as_iso(text))
    return value


Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="Lowercase ASCII letters, digits and hyphens."),
]


def _each_once(ids: list[str], within: tuple[str, ...] = ()) -> None:
    """Refuse an id given twice, at the second one: a product listed twice at a fair
    showed twice on the fair's page and on its own."""
    seen: set[str] = set()
    errors = []
    for index, id_ in enumerate(ids):
        if id_ in seen:
            twice = PydanticCustomError("listed_twice", "'{id}' is listed twice; keep one", {"id": id_})
            errors.append(InitErrorDetails(type=twice, loc=(index, *within), input=id_))
        seen.add(id_)
    if errors:  # pydantic puts each error's location under the list's own
        raise ValidationError.from_exception_data("ids", errors)


def _unique(ids: list[str]) -> list[str]:
    _each_once(ids)
    return ids


# A list of ids, each given once; the editors' schemas say so too (uniqueItems).
Ids = Annotated[list[Id], AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True})]


def _not_blank(value: str) -> str:
    # name: "" is there, but says nothing: a page would show an empty name.
    if _blank(value):
        raise ValueError("is empty; write the text, or delete the key if it is optional")
    return value


# Text as it shows: read without the characters that draw nothing (``invisible.visible``).
Visible = Annotated[str, BeforeValidator(visible)]
# Text that must say something; the editors' schemas refuse an empty string too.
NonBlank = Annotated[Visible, AfterValidator(_not_blank), Field(json_schema_extra={"minLength": 1})]
Date = Annotated[datetime.date, BeforeValidator(_date)]
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]


class Text(Record):
    """A text in Vietnamese (required) and English (optional)."""

    vi: NonBlank = Field(description="Vietnamese text.")
    en: Visible | None = Field(None, description="English text; the Vietnamese one is shown where missing.")

    def get(self, lang: str) -> tuple[str, str]:
        """The text for ``lang`` and the language it is really in."""
        if lang == "en" and self.en:
            return self.en, "en"
        return self.vi, "vi"

    def __str__(self) -> str:
        return self.vi


def _plain_string_is_vietnamese(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    # "vi:Mật ong" under "name:" is no key to YAML without the space after the colon: it is
    # text, which would be published as the name, "vi:" and all.
    written = key_without_space(value)
    if written and written[0] in LANGS:
        raise ValueError(f"'{written[0]}:' is not read as a key: put a space after the colon ({written[0]}: ...)")
    return {"vi": _not_blank(value)}


# Plain text, but not "vi:Mật ong" (``key_without_space``), which the build refuses.
_PLAIN_TEXT_SCHEMA = {"type": "string", "minLength": 1, "not": {"type": "string", "pattern": r"^[ \t]*(vi|en):[^\s:/]"}}

LocalText = Annotated[
    Text,
    BeforeValidator(_plain_string_is_vietnamese),
    WithJsonSchema({"anyOf": [_PLAIN_TEXT_SCHEMA, Text.model_json_schema()]}),
]


def _latitude(value: Any) -> Any:
    number = _decimal_number(value, "21.08")
    if isinstance(number, float) and not -90 <= number <= 90:
        # Vietnam lies near 21° north and 106° east: a latitude past 90 is most often the longitude.
        swapped = (
            f"; {str(value).strip()} looks like a longitude: are lat and lon swapped?" if abs(number) <= 180 else ""
        )
        raise ValueError(f"must be a latitude from -90 to 90, such as 21.08{swapped}")
    return number


def _longitude(value: Any) -> Any:
    number = _decimal_number(value, "106.52")
    if isinstance(number, float) and not -180 <= number <= 180:
        raise ValueError("must be a longitude from -180 to 180, such as 106.52")
    return number


class Geo(Record):
    # The bounds are checked by the validators, in words; Field's give the editors' schemas theirs.
    lat: Annotated[float, BeforeValidator(_latitude), Field(ge=-90, le=90, description="Latitude, such as 21.08.")]
    lon: Annotated[float, BeforeValidator(_longitude), Field(ge=-180, le=180, description="Longitude, such as 106.52.")]


class Image(Record):
    file: str = Field(description="A path under content/images/, such as products/dau-lac.jpg.")
    alt: LocalText | None = Field(None, description="What the picture shows, for people who cannot see it.")


class Commune(Record):
    id: Id
    name: LocalText


class District(Record):
    id: Id
    name: LocalText
    description: LocalText | None = Field(
        None, description="Markdown. What the district is known for, shown on its page and its booklet's cover."
    )
    communes: list[Commune] = Field(default_factory=list)


class Province(Record):
    id: Id
    name: LocalText


class Areas(Record):
    """data/areas.yaml: the province, its districts and their communes."""

    province: Province
    districts: list[District]


class Group(Record):
    id: Id
    name: LocalText


def _unique_groups(groups: list[Group]) -> list[Group]:
    _each_once([group.id for group in groups], ("id",))
    return groups


# data/groups.yaml: each group's id once, or one group would silently replace another.
Groups = Annotated[list[Group], AfterValidator(_unique_groups)]


# http:// or https://, or an address written without them as editors often do
# (www.haiyen.vn, facebook.com/haiyen): a host with a dot, no scheme of its own
# (no "javascript:"), then an optional path.
WEB_ADDRESS = (
    rf"^(https?://[^\s<>\"'{INVISIBLE}]+"
    rf"|[^\s<>\"'/:@{INVISIBLE}]+\.[^\s<>\"'/:@{INVISIBLE}]+(/[^\s<>\"'{INVISIBLE}]*)?)$"
)


def _with_scheme(address: str) -> str:
    return address if address.startswith(("http://", "https://")) else f"https://{address}"


# A renamed record keeps its old addresses, which printed QR codes and shared links lead to.
FORMER_IDS = (
    "The ids the record had before its file was renamed: their addresses lead on to its page, "
    "so printed QR codes and shared links keep working."
)

ProducerKind = Literal["enterprise", "cooperative", "cooperative-group", "household"]


class Producer(Record):
    """data/producers/<id>.yaml: an enterprise, cooperative, cooperative group or household."""

    id: Id | None = Field(None, description="Optional; when given it must equal the file name.")
    former_ids: Ids = Field(default_factory=list, description=FORMER_IDS)
    name: LocalText
    kind: ProducerKind
    commune: Id = Field(description="A commune id from areas.yaml; the district follows from it.")
    address: LocalText | None = None
    phone: str | None = Field(
        None,
        description="Kept exactly as written, such as 0203 3870 123; several numbers are parted by /, a comma, "
        "a semicolon or a dash between spaces, and each gets its own call button.",
    )
    # Both end up in a link: nothing but an address may get into its href.
    email: str | None = Field(
        None,
        pattern=rf"^[^@\s<>\"'():;,{INVISIBLE}]+@[^@\s<>\"'():;,/{INVISIBLE}]+\.[^@\s<>\"'():;,/{INVISIBLE}]+$",
        description="An e-mail address.",
    )
    # Checked as typed, then given https:// if written without.
    website: Annotated[str, Field(pattern=WEB_ADDRESS), AfterValidator(_with_scheme)] | None = Field(
        None,
        description="A web address, such as https://haiyen.vn; one written without http://, "
        "such as www.haiyen.vn, is linked as https://.",
    )
    geo: Geo | None = None
    representative: Visible | None = None
    description: LocalText | None = Field(None, description="Markdown.")
    images: list[Image] = Field(default_factory=list)


CERTIFICATE_MONTHS = 36  # how long an OCOP decision holds, unless it says otherwise


class Certificate(Record):
    number: NonBlank = Field(description='The decision number, such as "5445/QĐ-UBND".')
    date: Date
    level: Literal["district", "province", "national"]
    valid_until: Date | None = Field(None, description=f"Defaults to {CERTIFICATE_MONTHS} months after date.")

    @property
    def expires(self) -> datetime.date:
        return self.valid_until or self.default_expiry

    @property
    def default_expiry(self) -> datetime.date:
        return _add_months(self.date, CERTIFICATE_MONTHS)

    def holds_on(self, day: datetime.date) -> bool:
        """Whether the decision has not lapsed by ``day``, its last day of validity included."""
        return self.expires >= day

    def issued_by(self, today: datetime.date) -> bool:
        """Whether the decision is dated on or before ``today``, give or take the day
        between a build on UTC and Vietnam, seven hours ahead: a decision signed this
        morning may be dated "tomorrow" there."""
        return self.date <= today + datetime.timedelta(days=1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Price(Record):
    vnd: Annotated[WholeNumber, Field(ge=0, description="The price in đồng, such as 150000.")]
    unit: LocalText = Field(
        description='What the price buys, without "per": kg, 500 ml bottle. Pages write 120,000 / kg.'
    )


def _star(value: Any) -> Any:
    if isinstance(value, str):
        if value.strip() not in ("3", "4", "5"):
            raise ValueError("must be 3, 4 or 5, the number alone" + star_as_number(value))
        return int(value)
    return value


Star = Annotated[
    Literal[3, 4, 5],
    BeforeValidator(_star),
    Field(description="The OCOP star level: 3, 4 or 5."),
]


class Product(Record):
    """data/products/<id>.yaml: an OCOP product."""

    id: Id | None = Field(None, description="Optional; when given it must equal the file name.")
    former_ids: Ids = Field(default_factory=list, description=FORMER_IDS)
    name: LocalText
    producer: Id = Field(description="A producer id.")
    group: Id = Field(description="A group id.")
    star: Star
    certificate: Certificate | None = None
    description: LocalText | None = Field(None, description="Markdown.")
    prices: list[Price] = Field(default_factory=list)
    season: LocalText | None = Field(None, description="When a seasonal product is on sale.")
    shelf_life: LocalText | None = None
    where_to_buy: list[LocalText] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list, description="The first is the main picture.")


class Exhibitor(Record):
    producer: Id
    booth: NonBlank | None = Field(None, description="Until booths are assigned, leave it out.")
    products: Ids = Field(default_factory=list, description="Products of that producer, each once.")


class Fair(Record):
    """data/fairs/<id>.yaml: a trade fair and its exhibitors."""

    id: Id | None = Field(None, description="Optional; when given it must equal the file name.")
    name: LocalText
    start: Date
    end: Date
    venue: LocalText
    address: LocalText | None = None
    organiser: LocalText | None = None
    geo: Geo | None = None
    description: LocalText | None = Field(None, description="Markdown.")
    exhibitors: list[Exhibitor] = Field(default_factory=list)


# Each folder of records and the model of one file in it.
RECORD_KINDS: dict[str, type[Record]] = {
    "producers": Producer,
    "products": Product,
    "fairs": Fair,
}
