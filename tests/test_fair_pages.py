"""A fair's page, and the fairs on product and producer pages: dates, hours, booths and
exhibitors in order, and what an ended fair still offers."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml
from conftest import FAIR_WITHOUT_ALL_BOOTHS, ROOT, SPRING_FAIR, parse
from markupsafe import Markup
from ocop_catalogue.templating import keep_dashes
from ocop_catalogue.vietnamese import sort_key
from test_pages import record_ids


def product_name(product_id: str, lang: str) -> str:
    record = yaml.safe_load((ROOT / "data" / "products" / f"{product_id}.yaml").read_text(encoding="utf-8"))
    text = record["name"]
    return text if isinstance(text, str) else text.get(lang) or text["vi"]


SPRING_FAIR_AT_C09 = (
    SPRING_FAIR + "exhibitors:\n  - {producer: htx-nong-nghiep-hai-yen, booth: C09, products: [dau-lac-hai-yen]}\n"
)


def test_a_product_lists_its_fairs_to_come_first_with_their_dates_and_the_ended_ones_marked(project):
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", SPRING_FAIR_AT_C09)
    assert project.build()[0] == 0
    page = parse(project.output / "en/products/dau-lac-hai-yen/index.html")
    coming, ended = (link.parent for link in page.select("li > a[href^='/en/fairs/']"))
    assert coming.a["href"] == "/en/fairs/hoi-cho-xuan-2027/"
    assert "February 1, 2027\u00a0– February 3, 2027" in coming.get_text()
    assert coming.select(".notice") == []
    assert ended.a["href"] == "/en/fairs/hoi-cho-ocop-quang-ninh-he-2026/"
    assert "June 12, 2026\u00a0– June 16, 2026" in ended.get_text()
    assert ended.select_one(".notice").get_text() == "This fair has ended."
    assert parse(project.output / "en/fairs/hoi-cho-ocop-quang-ninh-he-2026/index.html").select_one(".notice")


def test_a_producer_lists_the_fairs_it_shows_at_even_before_it_names_its_products(project):
    """A buyer looks a cooperative up to meet it: its page gives its booth and the fair's days."""
    spring = SPRING_FAIR + "exhibitors:\n  - {producer: htx-nong-nghiep-hai-yen, booth: C09}\n"
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", spring)
    assert project.build()[0] == 0
    page = parse(project.output / "en/producers/htx-nong-nghiep-hai-yen/index.html")
    section = page.find("h2", string="At fairs").parent
    coming, ended = (" ".join(item.get_text().split()) for item in section.select("li"))
    assert coming == "Spring Fair 2027 — booth C09, February 1, 2027 – February 3, 2027"
    assert ended.startswith("Quang Ninh OCOP Fair – Summer 2026 — booth A02, June 12, 2026")
    assert ended.endswith("This fair has ended.")
    assert section.has_attr("data-pagefind-ignore")  # a search for a fair brings the fair's page
    assert parse(project.output / "en/producers/htx-che-hai-ha/index.html").find("h2", string="At fairs")
    assert not parse(project.output / "en/producers/ho-hoang-van-sinh/index.html").find("h2", string="At fairs")
    # A booth moved: the producer's page follows (it depends on the fairs it shows at).
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", spring.replace("C09", "C10"))
    assert project.build()[0] == 0
    page = parse(project.output / "en/producers/htx-nong-nghiep-hai-yen/index.html")
    assert "booth C10," in page.find("h2", string="At fairs").parent.get_text()


@pytest.mark.parametrize(
    ("fair_page", "product_page", "booth"),
    [
        ("en/fairs/hoi-cho-xuan-2027", "en/products/dau-lac-hai-yen", "Booth"),
        ("hoi-cho/hoi-cho-xuan-2027", "san-pham/dau-lac-hai-yen", "Gian hàng"),
    ],
)
def test_an_exhibitor_without_a_booth_is_listed_after_the_booths_and_says_nothing_of_one(
    project, fair_page, product_page, booth
):
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", FAIR_WITHOUT_ALL_BOOTHS)
    assert project.build()[0] == 0
    items = parse(project.output / fair_page / "index.html").select("ul.exhibitors > li")
    # By booth, then those without one by name ("Công ty..." before "Hợp tác xã...", "Ba Che..."
    # before "Hai Yen..."), though the record lists them the other way round.
    producers = [item.a["href"].rstrip("/").rsplit("/", 1)[-1] for item in items]
    assert producers == ["htx-ga-tien-yen", "htx-che-hai-ha", "cong-ty-ba-kich-ba-che", "htx-nong-nghiep-hai-yen"]
    texts = [" ".join(item.get_text().split()) for item in items]
    assert texts[0].startswith(f"{booth} A01 ") and texts[1].startswith(f"{booth} B02 ")
    for item, text, product in zip(items[2:], texts[2:], ["ba-kich-tim-ba-che", "dau-lac-hai-yen"], strict=True):
        assert item.select(".booth") == []
        assert booth not in text and "None" not in text
        assert text.startswith(item.a.get_text(" ", strip=True)), text  # the producer, then its products
        assert item.select(f"ul > li > a[href$='/{product}/']"), text
    # The product page gives that fair with its dates only, and the summer fair with its booth.
    fairs = parse(project.output / product_page / "index.html").select("li:has(> a[href*='hoi-cho-'])")
    fairs = {item.a["href"].rstrip("/").rsplit("/", 1)[-1]: " ".join(item.get_text().split()) for item in fairs}
    spring, summer = fairs["hoi-cho-xuan-2027"], fairs["hoi-cho-ocop-quang-ninh-he-2026"]
    assert booth.lower() not in spring.lower() and "None" not in spring and ", ," not in spring, spring
    name = "Spring Fair 2027" if booth == "Booth" else "Hội chợ Xuân 2027"
    assert re.fullmatch(rf"{name} — [^,—]*\b1\b[^—]*2027 – [^—]*2027", spring), spring
    assert f" — {booth.lower()} A0" in summer, summer


def test_a_fairs_exhibitors_are_in_the_order_of_their_booths_numbers(project):
    """A visitor walks from booth A2 to A9 to A10; ordered as text, A10 came before A2."""
    booths = "\n".join(
        f"  - {{producer: {producer}, booth: {booth}}}"
        for producer, booth in [("htx-ga-tien-yen", "A10"), ("htx-che-hai-ha", "a2"), ("cong-ty-ba-kich-ba-che", "A9")]
    )
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", SPRING_FAIR + "exhibitors:\n" + booths + "\n")
    assert project.build()[0] == 0
    items = parse(project.output / "en/fairs/hoi-cho-xuan-2027/index.html").select("ul.exhibitors .booth")
    assert [item.get_text() for item in items] == ["Booth a2", "Booth A9", "Booth A10"]


@pytest.mark.parametrize(("lang", "pattern"), [("vi", "hoi-cho/{}/index.html"), ("en", "en/fairs/{}/index.html")])
def test_an_exhibitors_products_are_in_dictionary_order_as_the_booklets_index_gives_them(demo_site, lang, pattern):
    """The record lists them as the editor typed them (the demo's A03: "Chè vằng" before "Chanh
    đào"); the page, like every listing and the fair's booklet, in dictionary order."""
    reordered = 0
    for fair_id in record_ids("fairs"):
        record = yaml.safe_load((ROOT / "data" / "fairs" / f"{fair_id}.yaml").read_text(encoding="utf-8"))
        items = parse(demo_site / pattern.format(fair_id)).select("ul.exhibitors > li")
        listed = {
            item.a["href"].rstrip("/").rsplit("/", 1)[-1]: [a.get_text() for a in item.select(":scope > ul a")]
            for item in items
        }
        for exhibitor in record["exhibitors"]:
            names = [product_name(product_id, lang) for product_id in exhibitor["products"]]
            assert listed[exhibitor["producer"]] == sorted(names, key=sort_key), exhibitor["producer"]
            reordered += names != sorted(names, key=sort_key)
    assert reordered  # the demo's records list some out of order


@pytest.mark.parametrize(("folder", "fairs"), [("hoi-cho", "/hoi-cho/"), ("en/fairs", "/en/fairs/")])
def test_an_ended_fair_leads_to_the_list_of_fairs_where_the_next_ones_are(demo_site, folder, fairs):
    ended = parse(demo_site / folder / "hoi-cho-ocop-quang-ninh-he-2026/index.html")
    notice = ended.select_one("article > .notice")
    assert notice.find_next_sibling("p").select_one("a")["href"] == fairs
    coming = parse(demo_site / folder / "hoi-cho-ocop-quang-ninh-2027/index.html")
    assert coming.select("article > .notice") == [] and coming.select(f"article > .more a[href='{fairs}']") == []


@pytest.mark.parametrize("folder", ["hoi-cho", "en/fairs"])
def test_a_dash_in_a_fairs_name_never_begins_a_line_of_its_heading(demo_site, folder):
    # "Hội chợ OCOP Quảng Ninh – Hè 2026" wrapped before its dash on a phone 390 px wide.
    heading = parse(demo_site / folder / "hoi-cho-ocop-quang-ninh-he-2026/index.html").h1.get_text()
    assert "\u00a0– " in heading and " – " not in heading, heading


@pytest.mark.parametrize(
    "page",
    [
        "hoi-cho/index.html",
        "en/fairs/index.html",
        "en/index.html",
        "san-pham/dau-lac-hai-yen/index.html",  # its "At fairs": the ended fair, whose name has a dash
        "en/producers/htx-nong-nghiep-hai-yen/index.html",
    ],
)
def test_no_dash_of_a_listed_fair_begins_a_line(demo_site, page):
    # "(08:00" over "– 22:00 hằng ngày)" on a phone 390 px wide: the dashes between a fair's
    # days, between its hours and in its name keep to what they follow, wherever it is listed.
    items = [li for li in parse(demo_site / page).select("main li") if li.select_one("a[href*='/hoi-cho-']")]
    assert items
    for item in items:
        text = item.get_text()
        assert text.count("\u00a0– ") >= 2 and " – " not in text, text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hội chợ – Hè 2026", "Hội chợ\u00a0– Hè 2026"),
        ("A — B – C", "A\u00a0— B\u00a0– C"),
        ("Gạo <b> – x", "Gạo &lt;b&gt;\u00a0– x"),  # a record's text is escaped
        (Markup('<span lang="vi">Hè – 2026</span>'), '<span lang="vi">Hè\u00a0– 2026</span>'),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa-Vũng Tàu"),  # a hyphen joins already
    ],
)
def test_keep_dashes(text, kept):
    assert keep_dashes(text) == kept


@pytest.mark.parametrize(
    ("page", "label", "hours"),
    [
        ("hoi-cho/hoi-cho-ocop-quang-ninh-2027", "Giờ mở cửa", "08:00 – 22:00 hằng ngày"),
        ("en/fairs/hoi-cho-ocop-quang-ninh-2027", "Opening hours", "8:00 AM – 10:00 PM daily"),
        ("en/fairs/hoi-cho-ocop-quang-ninh-he-2026", "Opening hours", "8:00 AM – 9:30 PM daily"),  # written 8h, 21h30
    ],
)
def test_a_fair_gives_its_opening_hours(demo_site, page, label, hours):
    details = parse(demo_site / page / "index.html").select_one("dl.details")
    shown = details.find("dt", string=label).find_next_sibling("dd")
    assert " ".join(shown.get_text().split()) == hours


@pytest.mark.parametrize(
    ("page", "hours"),
    [("hoi-cho", "(08:00 – 22:00 hằng ngày)"), ("en/fairs", "(8:00 AM – 10:00 PM daily)"), ("en", "(8:00 AM")],
)
def test_the_lists_of_fairs_give_the_hours_of_those_to_come_only(demo_site, page, hours):
    # The list of fairs and the home page: when to go matters for a fair to come, not for one
    # that has ended (the summer fair of 2026 gives hours too, on its own page).
    items = {
        item.a["href"].rstrip("/").rsplit("/", 1)[-1]: " ".join(item.get_text().split())
        for item in parse(demo_site / page / "index.html").select("main li")
        if item.a and "/hoi-cho-ocop-" in item.a["href"]
    }
    assert hours in items["hoi-cho-ocop-quang-ninh-2027"]
    assert "(" not in items.get("hoi-cho-ocop-quang-ninh-he-2026", "")


def test_a_fair_without_hours_gives_none(project):
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", SPRING_FAIR)
    assert project.build()[0] == 0
    details = parse(project.output / "en/fairs/hoi-cho-xuan-2027/index.html").select_one("dl.details")
    assert [dt.get_text() for dt in details.select("dt")] == ["Dates", "Venue"]


@pytest.mark.parametrize("folder", ["hoi-cho", "en/fairs"])
def test_an_ended_fair_offers_no_way_to_its_venue_and_one_to_come_does(demo_site, folder):
    def actions(fair: str) -> list[str]:
        page = parse(demo_site / folder / fair / "index.html")
        return [link["href"] for link in page.select("ul.actions a")]

    ended = actions("hoi-cho-ocop-quang-ninh-he-2026")
    assert (
        ended == []
        and "Cung Quy hoạch" in parse(demo_site / "hoi-cho/hoi-cho-ocop-quang-ninh-he-2026/index.html").get_text()
    )
    coming = actions("hoi-cho-ocop-quang-ninh-2027")
    assert any(href.startswith("https://www.openstreetmap.org/directions") for href in coming), coming
    assert any(href.startswith("geo:") for href in coming) and any(href.endswith(".ics") for href in coming)


def day_epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for the start of a day, as the build reads it."""
    return str(int(datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC).timestamp()))


def test_a_fair_open_today_comes_first_on_the_home_page_and_is_marked_on_now_wherever_listed(project, monkeypatch):
    # A visitor in town during the fair (16 to 20 April 2027) looks for it first.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", day_epoch("2027-04-18"))
    assert project.build()[0] == 0
    out = project.output
    for home, hours in (
        ("index.html", "08:00\u00a0– 22:00 hằng ngày"),
        ("en/index.html", "8:00\u202fAM\u00a0– 10:00\u202fPM daily"),
    ):
        on_now = parse(out / home).select_one("main section")
        assert on_now["class"] == ["fairs-on-now"], "the first section of the home page"
        (item,) = on_now.select("li")
        assert item.a["href"].endswith("/hoi-cho-ocop-quang-ninh-2027/") and hours in item.get_text()
    page = parse(out / "en/fairs/hoi-cho-ocop-quang-ninh-2027/index.html")
    assert page.select_one("p.on-now").get_text() == "On now, until April 20, 2027."
    assert page.select(".notice") == []
    fairs = parse(out / "hoi-cho/index.html")
    marked = [li.a["href"] for li in fairs.select("li") if li.select_one(".on-now")]
    assert marked == ["/hoi-cho/hoi-cho-ocop-quang-ninh-2027/"]
    assert fairs.select_one(".on-now").get_text() == "Đang diễn ra"
    # An exhibitor's product page, and the fair's search result.
    product = parse(out / "en/products/sua-tuoi-thanh-trung-an-sinh/index.html")
    (showing,) = [a.parent for a in product.select("li > a[href$='/hoi-cho-ocop-quang-ninh-2027/']")]
    assert showing.select_one(".on-now").get_text() == "On now"
    summary = page.select_one("[data-pagefind-meta^='summary']")["data-value"]
    assert summary.startswith("Fair on now · ")


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2027-04-16", "On now, until April 20, 2027."),
        ("2027-04-20", "On now: today is its last day."),
        ("2027-04-21", None),
        ("2027-04-15", None),
    ],
)
def test_a_fair_is_on_from_its_first_day_to_its_last(project, monkeypatch, day, said):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", day_epoch(day))
    assert project.build()[0] == 0
    on_now = parse(project.output / "en/fairs/hoi-cho-ocop-quang-ninh-2027/index.html").select_one("p.on-now")
    assert (on_now and on_now.get_text()) == said
    assert bool(parse(project.output / "en/index.html").select(".fairs-on-now")) == bool(said)
