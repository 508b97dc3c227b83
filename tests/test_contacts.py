"""Producer contacts are actions: call, Zalo, e-mail, directions."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import ROOT, Project, parse
from ocop_catalogue.contacts import callable_numbers, misdialled, phone_numbers, tel_url, zalo_url


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


@pytest.mark.parametrize(
    ("phone", "numbers"),
    [
        ("0203 3881 407 / 0912 345 678", ["0203 3881 407", "0912 345 678"]),
        ("0203 3881 407, 0912 345 678", ["0203 3881 407", "0912 345 678"]),
        ("0203 3881 407; 0912 345 678", ["0203 3881 407", "0912 345 678"]),
        ("0203 3881 407 - 0912 345 678", ["0203 3881 407", "0912 345 678"]),
        ("0203.3881.407/0912.345.678", ["0203.3881.407", "0912.345.678"]),
        ("0912-345-678", ["0912-345-678"]),  # a dash inside a number does not part it
        ("+84 912 406 318", ["+84 912 406 318"]),
        ("", []),
    ],
)
def test_a_phone_field_may_hold_several_numbers(phone, numbers):
    assert phone_numbers(phone) == numbers


def test_only_whole_numbers_get_a_call_button():
    assert callable_numbers("0203 3881 407/408") == ["0203 3881 407"]
    assert callable_numbers("đang cập nhật") == []
    assert callable_numbers("1900 1234") == ["1900 1234"]


def test_each_number_of_a_phone_field_is_its_own_call_and_zalo(project: Project, capsys):
    producers = project.root / "data" / "producers"
    two = producers / "htx-nong-lam-dai-binh.yaml"
    two.write_text(
        two.read_text(encoding="utf-8").replace("phone: 0203 3881 407", "phone: 0203 3881 407 / 0912 345 678"),
        encoding="utf-8",
    )
    short = producers / "cong-ty-ba-kich-ba-che.yaml"
    text = short.read_text(encoding="utf-8")
    typed = text.split("phone: ", 1)[1].split("\n", 1)[0]
    short.write_text(text.replace(f"phone: {typed}", f"phone: {typed}/408"), encoding="utf-8")
    code, printed = project.build(capsys)
    assert code == 0, printed
    line = text.splitlines().index(f"phone: {typed}") + 1
    assert (
        f"data/producers/cong-ty-ba-kich-ba-che.yaml:{line}: phone: warning: '408' has too few digits to be called"
        in printed
    )
    path = project.output / "chu-the" / "htx-nong-lam-dai-binh" / "index.html"
    assert "<dd>0203 3881 407 / 0912 345 678</dd>" in path.read_text(encoding="utf-8")  # shown as typed
    page = parse(path)
    hrefs = [a["href"] for a in page.select(".actions a")]
    assert [h for h in hrefs if h.startswith("tel:")] == ["tel:02033881407", "tel:0912345678"]
    assert [h for h in hrefs if "zalo.me" in h] == ["https://zalo.me/0912345678"]
    [data] = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    assert data["telephone"] == ["0203 3881 407", "0912 345 678"]
    page = parse(project.output / "chu-the" / "cong-ty-ba-kich-ba-che" / "index.html")
    hrefs = [a["href"] for a in page.select(".actions a")]
    assert [h for h in hrefs if h.startswith("tel:")] == [tel_url(typed)]


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


def test_the_map_app_link_marks_the_place_with_its_name(demo_site):
    # A bare geo:lat,lon only centres the map; iPhones and Macs open no geo: link at all.
    pin = "21.1836,107.0112"
    page = parse(demo_site / "chu-the" / "ho-hoang-van-sinh" / "index.html")
    [link] = page.select('.actions a[href^="geo:"]')
    assert link["href"] == f"geo:{pin}?q={pin}(H%E1%BB%99%20kinh%20doanh%20Ho%C3%A0ng%20V%C4%83n%20Sinh)"
    assert link["data-apple-maps"] == (
        f"https://maps.apple.com/?ll={pin}&q=H%E1%BB%99%20kinh%20doanh%20Ho%C3%A0ng%20V%C4%83n%20Sinh"
    )
    page = parse(demo_site / "en" / "producers" / "ho-hoang-van-sinh" / "index.html")
    [link] = page.select('.actions a[href^="geo:"]')
    assert link["href"] == f"geo:{pin}?q={pin}(Hoang%20Van%20Sinh%20household%20business)"
    # A fair is named as itself.
    page = parse(demo_site / "hoi-cho" / "hoi-cho-ocop-quang-ninh-2027" / "index.html")
    [link] = page.select('.actions a[href^="geo:"]')
    assert link["href"].endswith("(H%E1%BB%99i%20ch%E1%BB%A3%20OCOP%20Qu%E1%BA%A3ng%20Ninh%202027)")


@pytest.mark.parametrize("page", ["san-pham/du-lich-lang-que-yen-duc", "en/products/du-lich-lang-que-yen-duc"])
def test_a_product_page_offers_its_producers_website(demo_site, page):
    """A product to book or order "on the cooperative's website" links to it among its contacts:
    it was only on the producer's page."""
    product = yaml.safe_load((ROOT / "data/products/du-lich-lang-que-yen-duc.yaml").read_text(encoding="utf-8"))
    producer = yaml.safe_load((ROOT / f"data/producers/{product['producer']}.yaml").read_text(encoding="utf-8"))
    [link] = parse(demo_site / page / "index.html").select(f'.actions a[href="{producer["website"]}"]')
    assert link["rel"] == ["noopener"] and link.get_text(strip=True) in ("Trang web", "Website")


@pytest.mark.parametrize(
    ("number", "wrong"),
    [
        ("0212345670", "has 10 digits; a landline number has 11"),  # a digit left out
        ("0203 3870 1234", "has 12 digits; a landline number has 11"),
        ("0912 345 67", "has 9 digits; a mobile number has 10"),
        ("+84 912 345 6789", "has 11 digits; a mobile number has 10"),
        ("0162 345 6789", "begins 01, as no Vietnamese number does"),  # a mobile number from before 2018
        ("0203 3870 123", None),
        ("+84 203 3870 123", None),
        ("0912 345 678", None),
        ("84912345678", None),
        ("1900 1234", None),  # a hotline
        ("+33 1 23 45 67 89", None),  # a foreign number
    ],
)
def test_a_vietnamese_number_with_a_digit_too_many_or_too_few_is_told(number, wrong):
    assert (misdialled(number) or "").startswith(wrong or "") and (misdialled(number) is None) == (wrong is None)


def test_a_misdialled_number_is_warned_of_at_its_line(project: Project, capsys):
    producer = project.root / "data/producers/ho-tran-thi-hai.yaml"
    text = producer.read_text(encoding="utf-8")
    producer.write_text(re.sub(r"(?m)^phone: .*$", "phone: 0212345670", text), encoding="utf-8")
    code, printed = project.build(capsys)
    assert code == 0
    assert (
        "data/producers/ho-tran-thi-hai.yaml:4: phone: warning: '0212345670' has 10 digits; a landline number "
        "has 11, its area code first, such as 0203 3870 123: check the digits"
    ) in printed
