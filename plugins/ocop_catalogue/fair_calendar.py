"""A fair to come as an iCalendar file, which a phone adds to its calendar in one tap.

A buyer planning a trip to a fair taps "Add to calendar" on the fair's page: the
file (``FAIR_CALENDAR_URL``, beside the page) holds one all-day event from the
fair's first day to its last, at its venue and address, with its map position,
its description and the page's address. Only fairs to come have one: an event
over is nobody's plan. The event's id is the same in both languages, so that
adding the fair twice updates one entry. The file is made from the fair's record
alone, dated by the build (``DTSTAMP``), so that two builds of one day are
identical.
"""

from __future__ import annotations

import datetime

import icalendar

from .schema import Fair, Text
from .structured_data import plain_text


def _text(value: Text | None, lang: str) -> str | None:
    return value.get(lang)[0] if value is not None else None


def fair_calendar(fair: Fair, lang: str, page_url: str | None, province: str, today: datetime.date) -> bytes:
    """The ``.ics`` file of ``fair`` in ``lang``; ``page_url`` absolute, or None when the
    site has no address yet (a development build: a relative one means nothing in a calendar)."""
    event = icalendar.Event()
    event.add("uid", f"{fair.id}@ocop-{province}")
    event.add("dtstamp", datetime.datetime.combine(today, datetime.time(), datetime.UTC))
    event.add("dtstart", fair.start)
    event.add("dtend", fair.end + datetime.timedelta(days=1))  # an all-day event ends the day after
    event.add("summary", _text(fair.name, lang))
    event.add("location", ", ".join(filter(None, (_text(fair.venue, lang), _text(fair.address, lang)))))
    if fair.geo is not None:
        event.add("geo", (fair.geo.lat, fair.geo.lon))
    description = [text for text in (plain_text(fair.description, lang), page_url) if text]
    if description:
        event.add("description", "\n\n".join(description))
    if page_url:
        event.add("url", page_url)
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//OCOP catalogue//{province}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    return calendar.to_ical()
