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


def _event_times(fair: Fair) -> tuple[datetime.date, datetime.date, int]:
    """The event's start and end, and the number of days it is repeated: the fair's first day
    at its hours, in UTC, repeated over its days (one event a day rather than one over its
    days and nights); without hours, one all-day event over its days."""
    hours = fair.hours_on(fair.start)
    if hours is None:
        return fair.start, _last_day_after(fair), 1
    return hours[0].astimezone(datetime.UTC), hours[1].astimezone(datetime.UTC), fair.days


def _google_time(moment: datetime.date) -> str:
    return f"{moment:%Y%m%dT%H%M%SZ}" if isinstance(moment, datetime.datetime) else f"{moment:%Y%m%d}"


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
    start, end, days = _event_times(fair)
    event.add("dtstart", start)
    event.add("dtend", end)
    if days > 1:
        event.add("rrule", {"freq": "daily", "count": days})
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
    start, end, days = _event_times(fair)
    fields = {
        "action": "TEMPLATE",
        "text": _text(fair.name, lang),
        "dates": f"{_google_time(start)}/{_google_time(end)}",
        "location": _location(fair, lang),
        "details": _details(fair, lang, page_url, GOOGLE_DETAILS_LENGTH),
        "recur": f"RRULE:FREQ=DAILY;COUNT={days}" if days > 1 else None,
    }
    query = urlencode({key: value for key, value in fields.items() if value}, safe="/", quote_via=quote)
    return f"{GOOGLE_CALENDAR}?{query}"


def install(env: Environment, settings: dict[str, Any]) -> None:
    """``google_calendar_url(fair, lang)`` for the fair's page."""
    urls = Urls(settings)
    env.globals["google_calendar_url"] = lambda fair, lang: google_calendar_url(
        fair, lang, page_address(settings, urls, fair, lang)
    )
