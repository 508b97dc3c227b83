"""The one definition of every kind of record.

The build validates against these models, the JSON Schemas for editors are
generated from them, and so are the tables in the docs. Every scalar arrives
as the string the editor typed (see ``yamlsource``); the values it must be
(``values``) refuse anything else.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from .hints import star_as_number
from .invisible import INVISIBLE
from .values import (
    VIETNAM_TIME,
    Date,
    Geo,
    Id,
    Ids,
    LocalText,
    NonBlank,
    Record,
    TimeOfDay,
    Visible,
    WholeNumber,
    each_once,
)


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
        None,
        description="Markdown. What the district is known for, shown on its page, under its name in the list "
        "of districts and on its booklet's cover.",
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
    each_once([group.id for group in groups], ("id",))
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
    level: Literal["district", "province", "national"] = Field(
        description="Who signed the decision: national for 5 stars, province for 4 (and for 3 from "
        "1 July 2025), district for 3 until then."
    )
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
    opens: TimeOfDay | None = Field(None, description="The hour the fair opens each day, such as 08:00.")
    closes: TimeOfDay | None = Field(None, description="The hour it closes each day, such as 22:00.")
    geo: Geo | None = None
    description: LocalText | None = Field(None, description="Markdown.")
    exhibitors: list[Exhibitor] = Field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def hours_on(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
        """When the fair opens and closes on ``day``, in Vietnam's time; None without hours."""
        if self.opens is None or self.closes is None:
            return None
        return (
            datetime.datetime.combine(day, self.opens, VIETNAM_TIME),
            datetime.datetime.combine(day, self.closes, VIETNAM_TIME),
        )


# Each folder of records and the model of one file in it.
RECORD_KINDS: dict[str, type[Record]] = {
    "producers": Producer,
    "products": Product,
    "fairs": Fair,
}
