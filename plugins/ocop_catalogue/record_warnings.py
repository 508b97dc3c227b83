"""The warnings a record file gives on its own: a text without English, a picture without alt text,
a price of 0, a phone number too short to call, a certificate valid until before its own date or
beyond the 36 months a decision holds, or given by a level that does not certify the product's stars.

They depend on the file's record alone, so they are found once, when the file
is read and validated (``loading.parse_record``), and kept on its document:
the record cache keeps them with it, and an unchanged file is not walked again
on every build (a second and more over 30,000 records). ``validation`` reports
them with the warnings that need several records or the build date.
"""

from __future__ import annotations

import datetime
from typing import Any

from .contacts import is_callable, misdialled, phone_numbers
from .problems import Problem
from .schema import CERTIFICATE_MONTHS, Certificate
from .values import Record, Text
from .yamlsource import Document, Location


def record_warnings(document: Document, record: Record) -> list[Problem]:
    problems = untranslated(document, record)
    for index, image in enumerate(getattr(record, "images", [])):
        if image.alt is None:
            problems.append(document.problem(("images", index), "the picture has no alt text", warning=True))
    for number in phone_numbers(getattr(record, "phone", None)):
        if not is_callable(number):
            message = (
                f"'{number}' has too few digits to be called, so it gets no call button; "
                "write each number in full, such as 0203 3881 407 / 0203 3881 408"
            )
            problems.append(document.problem(("phone",), message, warning=True))
        elif wrong := misdialled(number):
            message = f"'{number}' {wrong}: check the digits"
            problems.append(document.problem(("phone",), message, warning=True))
    for index, price in enumerate(getattr(record, "prices", [])):
        # The data format accepts 0, but most often the price was not known or not typed.
        if price.vnd == 0:
            message = (
                "a price of 0 is published as 0 ₫, which reads as free; "
                "if the price is not known yet, delete this price"
            )
            problems.append(document.problem(("prices", index, "vnd"), message, warning=True))
    certificate = getattr(record, "certificate", None)
    if certificate is not None and (message := _mistyped_validity(certificate)):
        problems.append(document.problem(("certificate", "valid_until"), message, warning=True))
    if certificate is not None and (message := _mismatched_level(record.star, certificate)):
        problems.append(document.problem(("certificate", "level"), message, warning=True))
    return problems


def untranslated(document: Document, held: Record | list) -> list[Problem]:
    """A warning at each text without English in ``held``: a record, or what areas.yaml
    or groups.yaml holds."""
    return [
        document.problem(location, "no English text; the English page shows the Vietnamese", warning=True)
        for location, text in texts(held, ())
        if not text.en
    ]


def _mistyped_validity(certificate: Certificate) -> str | None:
    """What looks wrong in a certificate's ``valid_until``: before its date, or longer
    than the 36 months a decision holds (2209 typed for 2029 would show the product
    certified for two centuries, and never as expiring)."""
    until, date = certificate.valid_until, certificate.date
    if until is None:
        return None
    if until < date:
        return f"the certificate is valid until {until}, before its date {date}"
    if until > certificate.default_expiry:
        return (
            f"the certificate is valid until {until}, more than {CERTIFICATE_MONTHS} months after its date "
            f"{date}; a decision holds for {CERTIFICATE_MONTHS} months: check the year"
        )
    return None


# Who certifies which stars: the nation 5 stars; under Decision 148/QĐ-TTg (2023) a district
# 3 stars and the province 4; since districts were abolished, on 1 July 2025, the province 3 and 4.
DISTRICTS_ABOLISHED = datetime.date(2025, 7, 1)


def certifying_levels(star: int, day: datetime.date) -> tuple[str, ...]:
    """The levels that certify ``star`` stars on ``day``, the usual one first."""
    if star == 5:
        return ("national",)
    if star == 3 and day < DISTRICTS_ABOLISHED:
        return ("district", "province")  # the province gave 3 stars too before Decision 148
    return ("province",)


def _mismatched_level(star: int, certificate: Certificate) -> str | None:
    """A certificate's level that never certified the product's stars, or a district's dated after
    districts stopped certifying: most likely the star or the level mistyped, which the product
    page would publish ("Cấp huyện" under five stars)."""
    level = certificate.level
    if level in certifying_levels(star, certificate.date):
        return None
    if star == 5:
        return f"a 5-star product is certified at national level, not {level}: check the star and the level"
    if level == "national":
        return f"the national level certifies 5-star products only, this one has {star}: check the star and the level"
    if star != 3:
        return f"a district certified 3-star products only, this one has {star}: check the star and the level"
    return (
        f"the certificate is dated {certificate.date}, after districts stopped certifying on "
        f"{DISTRICTS_ABOLISHED} (since then the province certifies 3 and 4 stars): check the level and the date"
    )


def texts(record: Record | list, location: Location) -> list[tuple[Location, Text]]:
    """Every bilingual text inside a record, with where it is.

    A loop rather than a recursive generator: it visits every field of every
    record, hundreds of thousands at national scale. In no set order: the
    problems are sorted by file and line."""
    found = []
    pending: list[tuple[Any, Location]] = [(record, location)]
    while pending:
        value, where = pending.pop()
        if isinstance(value, Text):
            found.append((where, value))
        elif isinstance(value, Record):
            # A model's __dict__ holds exactly its fields (extra keys are
            # forbidden): cheaper than looking each field up by name.
            for name, field in value.__dict__.items():
                if isinstance(field, (Record, list)):
                    pending.append((field, where + (name,)))
        elif isinstance(value, list):
            pending.extend(
                (item, where + (index,)) for index, item in enumerate(value) if isinstance(item, (Record, list))
            )
    return found
