"""The values records are made of: ids, dates, numbers, texts in two languages, map positions.

Every scalar arrives as the string the editor typed (see ``yamlsource``); each
type below decides what it must look like, refuses anything else, and says what
to write instead where an editor's habit explains the mistake (``hints``). The
record kinds are built of these in ``schema``.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

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

from .hints import day_first_as_iso, degrees_as_decimal, price_as_number
from .invisible import visible
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


# Vietnam keeps one time, UTC+7, all year: the hours of a fair mean this.
VIETNAM_TIME = datetime.timezone(datetime.timedelta(hours=7), "ICT")
# "08:00" and "8:00", or as Vietnamese signs write hours, "8h" and "8h30".
TIME_OF_DAY = r"([01]?[0-9]|2[0-3])(?::([0-5][0-9])|h([0-5][0-9])?)"


def _time_of_day(value: Any) -> Any:
    if isinstance(value, str):
        found = re.fullmatch(TIME_OF_DAY, value.strip(), re.IGNORECASE)
        if not found:
            raise ValueError("must be a time of day written as HH:MM, from 00:00 to 23:59, such as 08:00 or 21:30")
        hour, minutes, after_h = found.groups()
        return datetime.time(int(hour), int(minutes or after_h or 0))
    return value


Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="Lowercase ASCII letters, digits and hyphens."),
]


def each_once(ids: list[str], within: tuple[str, ...] = ()) -> None:
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
    each_once(ids)
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
TimeOfDay = Annotated[
    datetime.time,
    BeforeValidator(_time_of_day),
    WithJsonSchema({"type": "string", "pattern": f"^{TIME_OF_DAY}$", "examples": ["08:00", "21:30", "8h30"]}),
]


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
