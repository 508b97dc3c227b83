"""A fair to come's page offers its dates as a calendar file, which a phone adds to its calendar."""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from conftest import SPRING_FAIR, Project, parse

COMING = "hoi-cho-ocop-quang-ninh-2027"  # 16 to 20 April 2027
OVER = "hoi-cho-ocop-quang-ninh-he-2026"  # June 2026, over by the build date (2026-11-22)
PAGES = {"vi": "hoi-cho/{id}/index.html", "en": "en/fairs/{id}/index.html"}


def calendar_of(output: Path, lang: str, fair: str) -> tuple[str, icalendar.Event]:
    """The label of the page's calendar link and the one event of the file it leads to."""
    page = output / PAGES[lang].format(id=fair)
    link = parse(page).select_one("a.action[href$='.ics']")
    calendar = icalendar.Calendar.from_ical((output / link["href"].lstrip("/")).read_bytes())
    [event] = calendar.walk("VEVENT")
    return " ".join(link.get_text().split()), event


@pytest.mark.parametrize(
    ("lang", "label", "summary", "location"),
    [
        ("vi", "+ Thêm vào lịch", "Hội chợ OCOP Quảng Ninh 2027", "Quảng trường 30/10, Đường Trần Quốc Nghiễn"),
        ("en", "+ Add to calendar", "Quang Ninh OCOP Fair 2027", "30 October Square, Tran Quoc Nghien Road"),
    ],
)
def test_a_fair_to_come_is_an_event_each_day_at_its_hours_in_the_pages_language(
    demo_site, lang, label, summary, location
):
    shown, event = calendar_of(demo_site, lang, COMING)
    assert shown == label
    assert event["SUMMARY"] == summary
    # Open 08:00 to 22:00 each day, in Vietnam's time (UTC+7), from 16 to 20 April.
    vietnam = datetime.timezone(datetime.timedelta(hours=7))
    assert event.decoded("DTSTART") == datetime.datetime(2027, 4, 16, 8, tzinfo=vietnam)
    assert event.decoded("DTEND") == datetime.datetime(2027, 4, 16, 22, tzinfo=vietnam)
    assert (event["RRULE"]["FREQ"], event["RRULE"]["COUNT"]) == (["DAILY"], [5])  # each of its 5 days
    assert event["LOCATION"].startswith(location)
    assert (event["GEO"].latitude, event["GEO"].longitude) == (20.9519, 107.0884)
    assert event["UID"] == f"{COMING}@ocop-quang-ninh"  # one entry, whichever language added it
    assert "URL" not in event  # a development build has no address to give


def test_a_fair_that_has_ended_offers_no_calendar(demo_site):
    for lang, page in PAGES.items():
        folder = (demo_site / page.format(id=OVER)).parent
        assert parse(folder / "index.html").select("a[href$='.ics']") == [], lang
        assert list(folder.glob("*.ics")) == [], lang


def test_an_edited_date_reaches_the_calendar_file(project: Project, capsys):
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", SPRING_FAIR)
    assert project.build(capsys)[0] == 0
    # Without opening hours, one all-day event over the fair's days: it ends the day after the last.
    event = calendar_of(project.output, "en", "hoi-cho-xuan-2027")[1]
    assert event.decoded("DTSTART") == datetime.date(2027, 2, 1) and "RRULE" not in event
    assert event.decoded("DTEND") == datetime.date(2027, 2, 4)
    google = parse(project.output / PAGES["en"].format(id="hoi-cho-xuan-2027")).select_one("[data-google-calendar]")
    fields = parse_qs(urlsplit(google["data-google-calendar"]).query)
    assert fields["dates"] == ["20270201/20270204"] and "recur" not in fields  # Google's page alike
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", SPRING_FAIR.replace("2027-02-03", "2027-02-05"))
    assert project.build(capsys)[0] == 0
    assert calendar_of(project.output, "en", "hoi-cho-xuan-2027")[1].decoded("DTEND") == datetime.date(2027, 2, 6)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_googles_new_event_is_filled_in_as_the_file_is(demo_site, lang):
    """What Android phones open instead (share.js): the same name, days, place and description."""
    page = parse(demo_site / PAGES[lang].format(id=COMING))
    address = urlsplit(page.select_one("a.action[href$='.ics']")["data-google-calendar"])
    assert f"{address.scheme}://{address.netloc}{address.path}" == "https://calendar.google.com/calendar/render"
    fields = {key: value for key, [value] in parse_qs(address.query).items()}
    _, event = calendar_of(demo_site, lang, COMING)
    assert fields["action"] == "TEMPLATE"
    assert fields["text"] == event["SUMMARY"]
    assert fields["dates"] == "20270416T010000Z/20270416T150000Z"  # 08:00 to 22:00 in Vietnam
    assert fields["recur"] == "RRULE:FREQ=DAILY;COUNT=5" == f"RRULE:{event['RRULE'].to_ical().decode()}"
    assert fields["location"] == event["LOCATION"]
    assert fields["details"] == event["DESCRIPTION"]
