"""Every template on a phone: no sideways scrolling at 320 px, tap targets of 48 px, and a
language switch that lands on the same record."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, copy_project
from playwright.sync_api import Page, expect
from tools.budgets import served

from .conftest import ENGLISH, PHONE, TEMPLATES

# Links and buttons a thumb must hit: all but links inside running text and the skip link,
# which only shows for keyboards.
TAP_TARGET_SIZES = """
() => [...document.querySelectorAll("a[href], button, input, select")]
  .filter(el => !el.closest(".prose") && !el.classList.contains("skip"))
  .filter(el => el.getClientRects().length > 0)
  .map(el => {
    const box = el.getBoundingClientRect();
    return {html: el.outerHTML.slice(0, 120), width: box.width, height: box.height};
  })
"""


# What a box that scrolls sideways holds (the header's sections) is seen through the box:
# the box itself must fit.
WIDER_THAN_320_PX = """
[...document.body.querySelectorAll('*')].filter(e => {
  for (let box = e.parentElement; box; box = box.parentElement) {
    if (getComputedStyle(box).overflowX !== 'visible') return false;
  }
  return e.getBoundingClientRect().right > 320.5;
}).map(e => e.outerHTML.slice(0, 80))
"""


@pytest.mark.parametrize("path", [*TEMPLATES.values(), *ENGLISH.values()])
def test_no_horizontal_overflow_at_320_px(phone: Page, site_url: str, path: str):
    phone.set_viewport_size({"width": 320, "height": 640})
    phone.goto(site_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    wider = phone.evaluate(WIDER_THAN_320_PX)
    assert wider == []


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_tap_targets_are_at_least_48_px(phone: Page, site_url: str, template: str):
    phone.goto(site_url + TEMPLATES[template])
    targets = phone.evaluate(TAP_TARGET_SIZES)
    assert targets, "no links found"
    small = [t for t in targets if t["height"] < 47.5 or t["width"] < 47.5]
    assert small == []


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("template", [TEMPLATES["statistics"], ENGLISH["statistics"]])
def test_the_statistics_tables_fit_a_small_phone(phone: Page, site_url: str, template: str, width: int):
    """The figures' tables, opened: every column on the screen, and the page no wider than it."""
    phone.set_viewport_size({"width": width, "height": 640})
    phone.goto(site_url + template)
    for summary in phone.locator(".chart summary").all():
        summary.click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    rights = phone.locator(".chart table").evaluate_all("tables => tables.map(t => t.getBoundingClientRect().right)")
    assert len(rights) == 3
    assert max(rights) <= width


@pytest.mark.parametrize("template", [ENGLISH["stories"], ENGLISH["home"], ENGLISH["fairs"]])
def test_a_date_after_a_link_in_a_list_stays_whole(phone: Page, site_url: str, template: str):
    """A link in a list wraps as the words around it do: it leaves no half line after it,
    and the date that follows it is never split over two lines ("March / 15, 2026")."""
    phone.goto(site_url + template)
    lines = phone.locator("main li > time").evaluate_all("dates => dates.map(date => date.getClientRects().length)")
    assert lines and set(lines) == {1}


# How far the middle of the "(" before a link stands from the middle of the link's first line.
PARENTHESIS_TO_LINK = """item => {
  const text = [...item.childNodes].find(node => node.nodeType === Node.TEXT_NODE && node.textContent.includes("("));
  const range = document.createRange();
  range.setStart(text, text.textContent.indexOf("("));
  range.setEnd(text, text.textContent.indexOf("(") + 1);
  const parenthesis = range.getBoundingClientRect();
  const link = text.nextElementSibling.getClientRects()[0];
  return Math.abs((parenthesis.top + parenthesis.bottom) / 2 - (link.top + link.bottom) / 2);
}"""


def test_a_parenthesis_stays_on_the_line_of_the_link_it_opens(phone: Page, site_url: str):
    phone.goto(site_url + TEMPLATES["statistics"])
    item = phone.locator("#open-data ~ ul li:has(a + a)")
    assert item.evaluate(PARENTHESIS_TO_LINK) < 2


# For each label of a record's facts, where its words' first line lies and where its value's does.
LABEL_AND_VALUE_LINES = """dl => [...dl.querySelectorAll(":scope > dt")].map(dt => {
  const firstLine = element => {
    const words = document.createRange();
    words.selectNodeContents(element);
    return words.getClientRects()[0];
  };
  const label = firstLine(dt), value = firstLine(dt.nextElementSibling.querySelector("a, li") || dt.nextElementSibling);
  return {label: dt.textContent, labelBottom: label.bottom, valueBottom: value.bottom};
})"""


# Pages whose facts have linked values: a product's producer and district, a producer's website.
@pytest.mark.parametrize("path", [TEMPLATES["product"], ENGLISH["product"], "chu-the/htx-nong-nghiep-hai-yen/"])
def test_on_a_wide_screen_a_label_and_its_value_share_a_line(phone: Page, site_url: str, path: str):
    # Beside each other from 48em: a linked value is a tap target, its words centred in its
    # height, and sat half a line below its label.
    phone.set_viewport_size({"width": 1024, "height": 800})
    phone.goto(site_url + path)
    lines = phone.locator("dl.details").first.evaluate(LABEL_AND_VALUE_LINES)
    assert lines
    for line in lines:
        assert abs(line["labelBottom"] - line["valueBottom"]) < 2, line


# For each fact of a row (its stars and level, its group; a producer's kind, its place): the
# line it is on, whether the dot before it shows (lies inside the row's box), and whether its
# words do, all of them.
FACT_DOTS = """row => [...row.querySelectorAll(":scope > .fact")].map(fact => {
  const edge = row.getBoundingClientRect().left, clips = getComputedStyle(row).overflowX !== "visible";
  const box = fact.getBoundingClientRect(), dot = getComputedStyle(fact, "::before");
  const dotMiddle = box.left + parseFloat(dot.width) / 2;
  const words = document.createRange();
  words.selectNodeContents(fact);
  return {
    top: Math.round(box.top),
    dotShows: dot.content !== "none" && !(clips && dotMiddle < edge),
    wordsShow: !clips || words.getBoundingClientRect().left >= edge,
  };
})"""


@pytest.mark.parametrize(
    ("path", "width", "lines"),
    [
        ("san-pham/cha-muc-ha-long/", 390, 2),  # "Sản phẩm OCOP 5 sao" fills the line: the group goes below
        ("san-pham/banh-gio-quang-yen/", 390, 1),
        ("en/products/cha-muc-ha-long/", 390, 1),
        ("chu-the/cong-ty-gom-su-dong-trieu/", 390, 2),
        ("en/products/du-lich-cong-dong-thanh-lan/", 320, 2),  # a group's name wider than the row
    ],
)
def test_a_dot_parts_two_facts_on_a_line_and_never_ends_or_starts_one(phone: Page, site_url: str, path, width, lines):
    phone.set_viewport_size({"width": width, "height": 640})
    phone.goto(site_url + path)
    facts = phone.locator(".fact-list").evaluate(FACT_DOTS)
    assert len({fact["top"] for fact in facts}) == lines
    starts_a_line = [i == 0 or fact["top"] != facts[i - 1]["top"] for i, fact in enumerate(facts)]
    assert [fact["dotShows"] for fact in facts] == [not start for start in starts_a_line]
    assert all(fact["wordsShow"] for fact in facts)


# For each figure's box: the height of its label's text (the link's, if it is one), and the
# room between that text and the box's nearer edge, above or below.
LABELS_IN_BOXES = """boxes => boxes.map(box => {
  const range = document.createRange();
  range.selectNodeContents(box.querySelector("a") || box);
  const text = range.getBoundingClientRect(), edges = box.getBoundingClientRect();
  return {height: text.height, room: Math.min(text.top - edges.top, edges.bottom - text.bottom)};
})"""


@pytest.mark.parametrize("template", [TEMPLATES["home"], ENGLISH["groups"]])
def test_a_figures_label_on_two_lines_has_room_in_its_box(phone: Page, site_url: str, template: str):
    phone.goto(site_url + template)
    labels = phone.locator(".figures li").evaluate_all(LABELS_IN_BOXES)
    assert max(label["height"] for label in labels) > 40  # a label on two lines
    assert min(label["room"] for label in labels) >= 6


def test_body_text_is_readable_without_zooming(phone: Page, site_url: str):
    phone.goto(site_url + TEMPLATES["product"])
    sizes = phone.evaluate(
        "[...document.querySelectorAll('main p, main li, main dd')].map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 15


def record_name(kind: str, record_id: str, lang: str) -> str:
    record = yaml.safe_load((ROOT / "data" / kind / f"{record_id}.yaml").read_text(encoding="utf-8"))
    name = record["name"]
    return name if isinstance(name, str) else name.get(lang) or name["vi"]


@pytest.mark.parametrize(
    ("template", "kind", "record_id"),
    [
        ("product", "products", "dau-lac-hai-yen"),
        ("producer", "producers", "ho-hoang-van-sinh"),
        ("fair", "fairs", "hoi-cho-ocop-quang-ninh-2027"),
    ],
)
def test_language_switch_lands_on_the_same_record(phone: Page, site_url: str, template, kind, record_id):
    phone.goto(site_url + TEMPLATES[template])
    assert phone.locator("h1").inner_text() == record_name(kind, record_id, "vi")
    phone.get_by_role("link", name="English").click()
    phone.wait_for_url(site_url + ENGLISH[template])
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator("h1").inner_text() == record_name(kind, record_id, "en")
    phone.get_by_role("link", name="Tiếng Việt").click()
    phone.wait_for_url(site_url + TEMPLATES[template])
    assert phone.locator("h1").inner_text() == record_name(kind, record_id, "vi")


@pytest.mark.parametrize("template", ["home", "district", "star", "story", "stories"])
def test_language_switch_of_other_pages(phone: Page, site_url: str, template: str):
    phone.goto(site_url + TEMPLATES[template])
    phone.get_by_role("link", name="English").click()
    phone.wait_for_url(site_url + ENGLISH[template])
    assert phone.locator("html").get_attribute("lang") == "en"


def test_share_button_uses_the_web_share_api_where_the_phone_has_it(phone: Page, site_url: str):
    share = phone.get_by_role("button", name="Chia sẻ")
    phone.goto(site_url + TEMPLATES["product"])
    assert phone.evaluate("'share' in navigator") or share.is_hidden()
    phone.add_init_script("navigator.share = data => { window.shared = data; return Promise.resolve(); };")
    phone.goto(site_url + TEMPLATES["product"])
    share.click()
    assert phone.evaluate("window.shared.url") == site_url + TEMPLATES["product"]


def test_a_product_without_pictures_gets_a_card_as_wide_as_the_others(phone: Page, tmp_path):
    """Products are often listed before they are photographed: the name then takes the
    card's width instead of a picture's column."""
    project = copy_project(tmp_path)
    record = project.root / "data/products/dau-lac-hai-yen.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[: text.index("images:")], encoding="utf-8")
    assert project.build()[0] == 0
    with served(project.output) as url:
        phone.goto(url + "nhom/thuc-pham/")
        card = phone.locator(".card", has_text="Dầu lạc nguyên chất Hải Yến")
        assert card.locator("picture").count() == 0
        name, meta = card.locator(".card-name").bounding_box(), card.locator(".card-meta").bounding_box()
        width = card.bounding_box()["width"]
        assert name["width"] > 0.8 * width and meta["width"] > 0.8 * width
        # The text itself, not against the card's edge.
        text_left = card.locator(".card-name").evaluate(
            "a => { const r = document.createRange(); r.selectNodeContents(a); return r.getBoundingClientRect().left; }"
        )
        assert text_left >= card.bounding_box()["x"] + 8


def test_a_producers_page_does_not_repeat_its_name_and_place_on_each_card(phone: Page, site_url: str):
    producer = "Hợp tác xã Nông nghiệp Hải Yến"
    phone.goto(site_url + "chu-the/htx-nong-nghiep-hai-yen/")
    metas = phone.locator("main .card-meta").all_inner_texts()
    assert len(metas) == 2 and all(re.fullmatch("★{3,5}", meta.strip()) for meta in metas), metas
    phone.goto(site_url + "nhom/thuc-pham/")  # elsewhere the card says whose it is and where
    meta = phone.locator(".card", has_text="Dầu lạc nguyên chất Hải Yến").locator(".card-meta").inner_text()
    assert meta.strip() == f"★★★★ · {producer} · Huyện Tiên Yên"


@pytest.mark.parametrize("page", ["dia-phuong/tien-yen/", "hang-sao/4-sao/"])
def test_a_card_under_its_districts_name_does_not_repeat_it(phone: Page, site_url: str, page: str):
    # A district's page, and a star level's sections headed by their district's name.
    phone.goto(site_url + page)
    meta = phone.locator(".card", has_text="Dầu lạc nguyên chất Hải Yến").locator(".card-meta").inner_text()
    assert meta.strip() == "★★★★ · Hợp tác xã Nông nghiệp Hải Yến"
    cards = phone.locator("main .card-meta").all_inner_texts()
    assert cards and not any("Huyện" in card or "Thành phố" in card or "Thị xã" in card for card in cards), cards


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize(("agent", "opens"), [(IPHONE, "https://maps.apple.com/?ll="), (ANDROID, "geo:")])
@pytest.mark.parametrize("template", ["product", "producer", "fair"])
def test_the_map_app_link_opens_a_map_app_the_phone_has(browser, site_url: str, agent, opens, template):
    # No application of an iPhone opens a geo: link: Safari calls the address invalid.
    context = browser.new_context(viewport=PHONE, user_agent=agent, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + TEMPLATES[template])
    link = page.get_by_role("link", name="Mở ứng dụng bản đồ")
    expect(link).to_have_attribute("href", re.compile("^" + re.escape(opens)))
    context.close()


@pytest.mark.parametrize(
    ("agent", "opens"),
    [
        (IPHONE, "/hoi-cho/hoi-cho-ocop-quang-ninh-2027/hoi-cho-ocop-quang-ninh-2027.ics"),
        (ANDROID, "https://calendar.google.com/calendar/render?action=TEMPLATE&text=H%E1%BB%99i%20ch%E1%BB%A3"),
    ],
)
def test_add_to_calendar_opens_what_the_phone_can_add(browser, site_url: str, agent, opens):
    # Android's Chrome saves a calendar file, which Google Calendar's app does not open.
    context = browser.new_context(viewport=PHONE, user_agent=agent, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "hoi-cho/hoi-cho-ocop-quang-ninh-2027/")
    link = page.get_by_role("link", name="Thêm vào lịch")
    expect(link).to_have_attribute("href", re.compile("^" + re.escape(opens)))
    context.close()
