"""Producer contacts are actions: call, Zalo, e-mail, directions."""

from __future__ import annotations

import pytest
from conftest import parse
from ocop_catalogue.contacts import tel_url, zalo_url


@pytest.mark.parametrize(
    ("phone", "zalo"),
    [
        ("0912 406 318", "https://zalo.me/0912406318"),
        ("+84 912 406 318", "https://zalo.me/0912406318"),
        ("0366.210.984", "https://zalo.me/0366210984"),
        ("0203 3870 123", None),  # a landline has no Zalo account
        ("", None),
    ],
)
def test_zalo_links_are_built_from_mobile_numbers(phone, zalo):
    assert zalo_url(phone) == zalo


def test_tel_links_keep_digits_and_the_international_plus():
    assert tel_url("0203 3870 123") == "tel:02033870123"
    assert tel_url("+84 912 406 318") == "tel:+84912406318"


def test_a_producer_page_offers_every_action(demo_site):
    page = parse(demo_site / "chu-the" / "ho-hoang-van-sinh" / "index.html")
    hrefs = [a["href"] for a in page.select(".actions a")]
    assert any(h.startswith("tel:0") for h in hrefs)
    assert any(h.startswith("https://zalo.me/0") for h in hrefs)
    assert any(h.startswith("geo:") for h in hrefs)
    assert any(h.startswith("https://www.openstreetmap.org/directions?route=%3B") for h in hrefs)
    assert page.select_one(".actions button[data-share][hidden]") is not None


def test_e_mail_is_an_action_and_landlines_get_no_zalo(demo_site):
    page = parse(demo_site / "chu-the" / "cong-ty-ba-kich-ba-che" / "index.html")
    hrefs = [a["href"] for a in page.select(".actions a")]
    assert any(h.startswith("mailto:") for h in hrefs)
    assert any(h.startswith("tel:0203") for h in hrefs)
    assert not any("zalo.me" in h for h in hrefs)
