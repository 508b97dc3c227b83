"""A fair to come as a calendar event, which a phone adds to its calendar in one tap.

A buyer planning a trip to a fair taps "Add to calendar" on the fair's page: an
iCalendar file (``FAIR_CALENDAR_URL``, beside the page) holds one all-day event
from the fair's first day to its last (with opening hours, an event each day at
those hours), at its venue and address, with its map
position, its description and the page's address. iPhones, Macs, Outlook and
most Android makers' calendars open it; Google Calendar's Android app does not
(Chrome only saves the file), so on Android ``share.js`` points the button to
Google Calendar's page for a new event, filled in with the same fields. Only
fairs to come have one: an event over is nobody's plan. The event's id is the
same in both languages, so that adding the fair twice updates one entry. The
file is made from the fair's record alone, dated by the build (``DTSTAMP``), so
that two builds of one day are identical.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote, urlencode

import icalendar
from jinja2 import Environment

from .markup import plain_text
from .schema import Fair
from .urls import Urls
from .values import Text

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
GOOGLE_DETAILS_LENGTH = 500  # the description is cut there: the whole event travels in the address


def _text(value: Text | None, lang: str) -> str | None:
    return value.get(lang)[0] if value is not None else None


def _location(fair: Fair, lang: str) -> str:
    return ", ".join(filter(None, (_text(fair.venue, lang), _text(fair.address, lang))))


def _details(fair: Fair, lang: str, page_url: str | None, limit: int | None = None) -> str:
    return "\n\n".join(text for text in (plain_text(fair.description, lang, limit), page_url) if text)


def _last_day_after(fair: Fair) -> datetime.date:
    """An all-day event ends on the day after its last."""
    return fair.end + datetime.timedelta(days=1)


def page_address(settings: dict[str, Any], urls: Urls, fair: Fair, lang: str) -> str | None:
    """The fair page's absolute address, or None for a site that has none yet (a development
    build: a relative address means nothing in a calendar)."""
    siteurl = settings.get("SITEURL") or ""
    return f"{siteurl}/{urls.url('fair', fair.id, lang)}" if siteurl.startswith(("http://", "https://")) else None


def fair_calendar(fair: Fair, lang: str, page_url: str | None, province: str, today: datetime.date) -> bytes:
    """The ``.ics`` file of ``fair`` in ``lang``."""
    event = icalendar.Event()
    event.add("uid", f"{fair.id}@ocop-{province}")
    event.add("dtstamp", datetime.datetime.combine(today, datetime.time(), datetime.UTC))
    if (hours := fair.hours_on(fair.start)) is None:
        event.add("dtstart", fair.start)
        event.add("dtend", _last_day_after(fair))
    else:
        # One event a day at the fair's hours, rather than one over its days and nights.
        opens, closes = (moment.astimezone(datetime.UTC) for moment in hours)
        event.add("dtstart", opens)
        event.add("dtend", closes)
        if fair.days > 1:
            event.add("rrule", {"freq": "daily", "count": fair.days})
    event.add("summary", _text(fair.name, lang))
    event.add("location", _location(fair, lang))
    if fair.geo is not None:
        event.add("geo", (fair.geo.lat, fair.geo.lon))
    if details := _details(fair, lang, page_url):
        event.add("description", details)
    if page_url:
        event.add("url", page_url)
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//OCOP catalogue//{province}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    return calendar.to_ical()


def google_calendar_url(fair: Fair, lang: str, page_url: str | None) -> str:
    """Google Calendar's page for a new event, filled in as the ``.ics`` file is."""
    fields = {
        "action": "TEMPLATE",
        "text": _text(fair.name, lang),
        "dates": f"{fair.start:%Y%m%d}/{_last_day_after(fair):%Y%m%d}",
        "location": _location(fair, lang),
        "details": _details(fair, lang, page_url, GOOGLE_DETAILS_LENGTH),
    }
    if (hours := fair.hours_on(fair.start)) is not None:
        opens, closes = (f"{moment.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" for moment in hours)
        fields["dates"] = f"{opens}/{closes}"
        if fair.days > 1:
            fields["recur"] = f"RRULE:FREQ=DAILY;COUNT={fair.days}"
    query = urlencode({key: value for key, value in fields.items() if value}, safe="/", quote_via=quote)
    return f"{GOOGLE_CALENDAR}?{query}"


def install(env: Environment, settings: dict[str, Any]) -> None:
    """``google_calendar_url(fair, lang)`` for the fair's page."""
    urls = Urls(settings)
    env.globals["google_calendar_url"] = lambda fair, lang: google_calendar_url(
        fair, lang, page_address(settings, urls, fair, lang)
    )
