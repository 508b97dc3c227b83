"""The near-me page on a phone: places sorted by distance from a (mocked) position."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from playwright.sync_api import expect


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_near_me_lists_places_nearest_first(browser, site_url, demo_site: Path):
    places = json.loads((demo_site / "en/near-me/places.json").read_text(encoding="utf-8"))
    here = next(place for place in places if place["kind"] == "fair")
    expected = sorted(places, key=lambda p: haversine_km(here["lat"], here["lon"], p["lat"], p["lon"]))

    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        permissions=["geolocation"],
        geolocation={"latitude": here["lat"], "longitude": here["lon"]},
    )
    page = context.new_page()
    page.goto(f"{site_url}/en/near-me/")
    page.get_by_role("button").click()
    links = page.locator(".nearby-results li a")
    expect(links.first).to_have_text(here["name"])
    shown = [link.get_attribute("href") for link in links.all()]
    assert shown == [place["url"] for place in expected][: len(shown)]
    assert len(shown) == min(len(places), 50)
    context.close()


# What the page says when the phone will not tell where it is (nearby.html, "denied").
REFUSED = {
    "gan-toi": "Không lấy được vị trí của bạn. Hãy cho phép trang này dùng vị trí, hoặc xem theo địa phương.",
    "en/near-me": "Your position is not available. Allow this site to use your location, or browse by district.",
}


@pytest.mark.parametrize("address", REFUSED)
def test_near_me_without_permission_says_so(page, site_url, address):
    page.goto(f"{site_url}/{address}/")
    page.get_by_role("button").click()
    # Not merely some text: "Finding your position…" is shown first, refused or not.
    expect(page.locator(".nearby-status")).to_have_text(REFUSED[address])
    expect(page.locator(".nearby-results li")).to_have_count(0)


@pytest.mark.parametrize(("on", "kind"), [(False, "Fair"), (True, "Fair on now")])
def test_a_fair_near_me_says_when_it_is_on(browser, site_url, demo_site: Path, on, kind):
    # A fair a kilometre away may be months off: its days are said, or that it is on today
    # (marked by the build, as on the day of the tests' build no fair is).
    places = json.loads((demo_site / "en/near-me/places.json").read_text(encoding="utf-8"))
    fair = next(place for place in places if place["url"] == "/en/fairs/hoi-cho-ocop-quang-ninh-2027/")
    assert fair["on"] is False
    fair["on"] = on
    context = browser.new_context(
        permissions=["geolocation"],
        geolocation={"latitude": fair["lat"], "longitude": fair["lon"]},
        service_workers="block",  # else the offline worker fetches the file, past the route
    )
    page = context.new_page()
    page.route("**/places.json", lambda route: route.fulfill(json=places))
    page.goto(f"{site_url}/en/near-me/")
    page.get_by_role("button").click()
    expect(page.locator(".nearby-results li").first.locator(".nearby-meta")).to_have_text(
        f"0 km · {kind} · April 16, 2027\u00a0– April 20, 2027 · 30 October Square"
    )
    context.close()
