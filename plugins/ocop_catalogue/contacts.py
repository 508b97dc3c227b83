"""Producer contacts as actions on a phone: call, Zalo, e-mail, directions.

Phone numbers are kept as the editor typed them (``0203 3870 123``); the
links are built from their digits here. A field often holds several numbers
(``0203 3881 407 / 0912 345 678``): each gets its own links, since the
digits run together make no number at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:  # the record warnings use this module, and the quick check does without Jinja
    from jinja2 import Environment

# Vietnamese mobile numbers: 0 then 3, 5, 7, 8 or 9, then eight digits. Zalo
# accounts belong to mobile numbers, so landlines (02x...) get no Zalo link.
MOBILE = re.compile(r"0[35789][0-9]{8}")
# What separates numbers in one field: a slash, comma or semicolon, or a dash
# between spaces. A dash inside a number (0912-345-678) does not.
_BETWEEN_NUMBERS = re.compile(r"\s*[/,;]\s*|\s+[-–]\s+")
# The fewest digits of a number a mobile phone can call in Vietnam (hotlines such
# as 1900 1234 have eight; a landline needs its area code). Fewer is a part of a
# number ("0203 3881 407/408") or no number ("đang cập nhật").
MIN_DIGITS = 8


def phone_numbers(phone: str | None) -> list[str]:
    """The numbers of a phone field, each as typed: ``0203 3881 407 / 0912 345 678``
    gives ``0203 3881 407`` and ``0912 345 678``."""
    if not phone:
        return []
    return [number.strip() for number in _BETWEEN_NUMBERS.split(phone) if number.strip()]


def phone_digits(phone: str) -> str:
    """The digits of a number, without the spaces, dots, dashes and ``+`` it was typed with."""
    return re.sub(r"[^0-9]", "", phone)


def is_callable(number: str) -> bool:
    """Whether one number of a phone field has the digits to be called."""
    return len(phone_digits(number)) >= MIN_DIGITS


def misdialled(number: str) -> str | None:
    """Why a Vietnamese number (0..., or +84...) of a phone field cannot be right, or None: since
    2018 a landline has 11 digits (02, its area code, then the subscriber's: 0203 3870 123), a
    mobile 10 (03, 05, 07, 08 or 09 first: 0912 345 678). A digit left out or typed twice makes
    a call button that calls nobody. Hotlines (1800 ..., 1900 ...) and foreign numbers are left alone."""
    digits = phone_digits(number)
    if number.strip().startswith("+84") or (digits.startswith("84") and len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    if not digits.startswith("0"):
        return None
    if digits.startswith("02"):
        if len(digits) != 11:
            return f"has {len(digits)} digits; a landline number has 11, its area code first, such as 0203 3870 123"
    elif digits[1:2] in ("3", "5", "7", "8", "9"):
        if len(digits) != 10:
            return f"has {len(digits)} digits; a mobile number has 10, such as 0912 345 678"
    else:
        return f"begins {digits[:2]}, as no Vietnamese number does (mobiles begin 03, 05, 07, 08 or 09, landlines 02)"
    return None


def tel_url(phone: str) -> str:
    """``tel:`` link: the digits, and a leading ``+`` if the number has one."""
    digits = phone_digits(phone)
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}"


def national_number(phone: str) -> str:
    """The number in national form: ``+84 912 345 678`` becomes ``0912345678``."""
    digits = phone_digits(phone)
    if digits.startswith("84") and len(digits) == 11:
        return "0" + digits[2:]
    return digits


def zalo_url(phone: str | None) -> str | None:
    """``https://zalo.me/0912345678`` for a Vietnamese mobile number, None otherwise."""
    if not phone:
        return None
    number = national_number(phone)
    return f"https://zalo.me/{number}" if MOBILE.fullmatch(number) else None


def directions_url(geo) -> str:
    """OpenStreetMap's route planner with the place as destination (the start is left to the reader)."""
    return f"https://www.openstreetmap.org/directions?route={quote(f';{geo.lat},{geo.lon}')}"


def geo_url(geo, name: str) -> str:
    """A ``geo:`` link, which Android phones open in the map application of their choice,
    with a pin named ``name``: a bare ``geo:lat,lon`` only centres the map there, without
    marking the place (``?q=lat,lon(name)`` is how Android's map applications read a pin)."""
    return f"geo:{geo.lat},{geo.lon}?q={geo.lat},{geo.lon}({quote(name, safe='')})"


def apple_maps_url(geo, name: str) -> str:
    """The Apple Maps link that iPhones and Macs open instead of a ``geo:`` link, which no
    application of theirs opens (``share.js`` swaps it in)."""
    return f"https://maps.apple.com/?ll={geo.lat},{geo.lon}&q={quote(name, safe='')}"


def callable_numbers(phone: str | None) -> list[str]:
    """The numbers of a phone field that get a call button, each as typed."""
    return [number for number in phone_numbers(phone) if is_callable(number)]


def install(env: Environment) -> None:
    env.filters.update(
        tel_url=tel_url,
        zalo_url=zalo_url,
        directions_url=directions_url,
        geo_url=geo_url,
        apple_maps_url=apple_maps_url,
        callable_numbers=callable_numbers,
    )
