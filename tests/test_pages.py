"""The demo catalogue builds into a complete bilingual site whose links all land."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import ROOT, parse
from ocop_catalogue.vietnamese import sort_key
from test_print import BUILD_DATE, certified, name, records

RECORD_PAGES = {
    "products": ("san-pham/{id}/index.html", "en/products/{id}/index.html"),
    "producers": ("chu-the/{id}/index.html", "en/producers/{id}/index.html"),
    "fairs": ("hoi-cho/{id}/index.html", "en/fairs/{id}/index.html"),
}


def record_ids(kind: str) -> list[str]:
    return sorted(path.stem for path in (ROOT / "data" / kind).glob("*.yaml"))


def district_ids() -> list[str]:
    areas = yaml.safe_load((ROOT / "data" / "areas.yaml").read_text(encoding="utf-8"))
    return [district["id"] for district in areas["districts"]]


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("kind", sorted(RECORD_PAGES))
def test_every_record_has_a_page_in_each_language(demo_site, kind):
    ids = record_ids(kind)
    assert ids
    for record_id in ids:
        for pattern, lang in zip(RECORD_PAGES[kind], ("vi", "en"), strict=True):
            page = demo_site / pattern.format(id=record_id)
            assert page.is_file(), page
            assert parse(page).html["lang"] == lang


def test_every_district_star_level_and_group_has_a_page(demo_site):
    for district in district_ids():
        assert (demo_site / f"dia-phuong/{district}/index.html").is_file()
        assert (demo_site / f"en/districts/{district}/index.html").is_file()
    for star in (3, 4, 5):
        assert (demo_site / f"hang-sao/{star}-sao/index.html").is_file()
        assert (demo_site / f"en/stars/{star}-star/index.html").is_file()
    for group in ("thuc-pham", "do-uong", "duoc-lieu", "thu-cong-my-nghe", "sinh-vat-canh", "du-lich"):
        assert (demo_site / f"nhom/{group}/index.html").is_file()
    for page in ("index.html", "404.html", "hoi-cho/index.html", "tin-tuc/index.html"):
        assert (demo_site / page).is_file()
        assert (demo_site / "en" / page.replace("hoi-cho", "fairs").replace("tin-tuc", "stories")).is_file()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_list_of_stories_gives_each_storys_date_summary_and_picture(demo_site, lang):
    """The demo's stories have no picture of their own: each card shows its first product's."""
    stories = {}  # each story's summary and first product, by its title, from the files its editors wrote
    for story in (ROOT / "content" / "stories").glob(f"*.{lang}.md"):
        meta = dict(line.split(":", 1) for line in story.read_text(encoding="utf-8").split("\n\n")[0].splitlines())
        first = meta["Products"].split(",")[0].strip()
        picture = Path(records()[first]["images"][0]["file"]).stem
        stories[meta["Title"].strip()] = (meta["Date"].strip(), meta["Summary"].strip(), picture)
    listing = parse(demo_site / {"vi": "tin-tuc/index.html", "en": "en/stories/index.html"}[lang])
    shown = {
        card.select_one("a.card-name").get_text(strip=True): (
            card.time["datetime"],
            card.select_one(".card-summary").get_text(strip=True),
            Path(card.select_one("picture img")["src"]).stem.rsplit("-", 1)[0],
        )
        for card in listing.select("ul.cards > li.story-card")
    }
    assert shown == stories and len(shown) >= 4


def test_every_story_has_its_page_in_its_language(demo_site):
    stories = sorted((ROOT / "content" / "stories").glob("*.md"))
    assert len(stories) >= 8
    titles = {
        parse(page).h1.get_text(strip=True)
        for page in html_files(demo_site)
        if "/tin-tuc/" in str(page) or "/stories/" in str(page)
    }
    for story in stories:
        meta = dict(line.split(":", 1) for line in story.read_text(encoding="utf-8").split("\n\n")[0].splitlines())
        assert meta["Title"].strip() in titles, story.name


@pytest.mark.parametrize(
    ("story", "products", "fairs"),
    [("tin-tuc", "/san-pham/", "/hoi-cho/"), ("en/stories", "/en/products/", "/en/fairs/")],
)
def test_a_story_shows_its_products_as_cards_and_its_fairs_with_their_days(demo_site, story, products, fairs):
    """A reader sees what the story is about, as any listing shows a product; and whether its
    fair is still to come."""
    source = (ROOT / "content/stories/dong-trieu-29-san-pham-ocop.vi.md").read_text(encoding="utf-8")
    listed = re.search(r"^Products: (.*)$", source, re.M)[1].split(", ")
    page = parse(demo_site / story / "dong-trieu-29-san-pham-ocop/index.html")
    cards = page.select("article ul.cards > li.card")
    assert [card.select_one("a.card-name")["href"] for card in cards] == [f"{products}{id}/" for id in listed]
    for card in cards:
        assert card.select_one("picture img[src]") and card.select_one(".stars")
    product = parse(demo_site / cards[0].select_one("a.card-name")["href"].strip("/") / "index.html")
    assert cards[0].select_one("a.card-name").get_text() == product.h1.get_text()
    (fair,) = page.select(f"article li > a[href^='{fairs}']")
    dates = parse(demo_site / fair["href"].strip("/") / "index.html").select_one("dl.details dd").get_text()
    assert dates in fair.parent.get_text()


def local_target(site: Path, href: str, page: Path) -> Path | None:
    """The file a link on ``page`` opens, or None for links leaving the site."""
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc or href.startswith("#"):
        return None
    path = parsed.path
    target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_every_internal_link_lands_on_an_existing_file(demo_site):
    broken = []
    for page in html_files(demo_site):
        soup = parse(page)
        for tag, attribute in (("a", "href"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                target = local_target(demo_site, element[attribute], page)
                if target is not None and not target.exists():
                    broken.append(f"{page.relative_to(demo_site)} → {element[attribute]}")
    assert not broken, "\n".join(broken[:20])


def test_every_page_declares_its_language_and_both_alternates(demo_site):
    for page in html_files(demo_site):
        soup = parse(page)
        lang = soup.html["lang"]
        assert lang in ("vi", "en"), page
        alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
        assert {"vi", "en", "x-default"} <= set(alternates), page
        assert alternates[lang] == "/" + str(page.relative_to(demo_site)).removesuffix("index.html"), page


def test_language_switch_lands_on_the_same_record_in_the_other_language(demo_site):
    for page in html_files(demo_site):
        soup = parse(page)
        lang = soup.html["lang"]
        switch = soup.select_one("nav.languages a[hreflang]")
        assert switch is not None, page
        other = switch["hreflang"]
        assert other != lang
        target = local_target(demo_site, switch["href"], page)
        assert target.is_file(), page
        back = parse(target).select_one(f"nav.languages a[hreflang={lang}]")
        assert local_target(demo_site, back["href"], target) == page, page


# A fair still to come where the peanut oil also shows, beside the summer 2026 fair, over by the build date.


def test_every_page_names_the_site_in_its_own_language(demo_site):
    """Its title, its og:site_name and its header agree: "OCOP Quang Ninh" in English, stories too."""
    names = {"vi": "OCOP Quảng Ninh", "en": "OCOP Quang Ninh"}
    pages = html_files(demo_site)
    assert any("/stories/" in str(page) for page in pages)
    for page in pages:
        soup = parse(page)
        name = names[soup.html["lang"]]
        assert soup.select_one("header .brand").get_text(strip=True) == name, page
        assert soup.title.get_text() == name or soup.title.get_text().endswith(f" · {name}"), page
        assert soup.find("meta", property="og:site_name")["content"] == name, page


def test_an_untranslated_alt_text_is_marked_vietnamese_on_the_english_pages(demo_site):
    """The record gives its picture's alt text in Vietnamese only: the English pages show it marked lang="vi"."""
    page = parse(demo_site / "en/products/mam-ruoc-van-ninh/index.html").select_one(".main-picture img")
    assert (page["alt"], page.get("lang")) == ("Hũ mắm ruốc màu tím hồng", "vi")
    listing = parse(demo_site / "en/groups/thuc-pham/index.html")
    card = listing.select_one(".card:has(a[href='/en/products/mam-ruoc-van-ninh/']) img")
    assert card.get("lang") == "vi"
    # Where the text is in the page's language, nothing is marked.
    assert (
        "lang" not in parse(demo_site / "san-pham/mam-ruoc-van-ninh/index.html").select_one(".main-picture img").attrs
    )
    assert (
        "lang" not in parse(demo_site / "en/products/dau-lac-hai-yen/index.html").select_one(".main-picture img").attrs
    )


# The section of the main navigation each kind of page is in, by the addresses of a page of it.
SECTIONS = {
    "dia-phuong/": "/dia-phuong/",
    "en/districts/ha-long/": "/en/districts/",
    "hang-sao/3-sao/": "/hang-sao/5-sao/",
    "en/groups/": "/en/groups/",
    "nhom/thuc-pham/": "/nhom/",
    "hoi-cho/hoi-cho-ocop-quang-ninh-2027/": "/hoi-cho/",
    "en/stories/": "/en/stories/",
    "tin-tuc/dau-lac-hai-yen/": "/tin-tuc/",
    "en/near-me/": "/en/near-me/",
    "tim-kiem/": "/tim-kiem/",
    "": None,
    "en/products/dau-lac-hai-yen/": None,
    "chu-the/ho-hoang-van-sinh/": None,
    "thong-ke/": None,
}


# A section's own page (the one its link opens) is the current page; its other pages are in it.
CURRENT = {
    "": ("/", "page"),
    "en/": ("/en/", "page"),
    "dia-phuong/": ("/dia-phuong/", "page"),
    "en/districts/ha-long/": ("/en/districts/", "true"),
    "hang-sao/5-sao/": ("/hang-sao/5-sao/", "page"),
    "hang-sao/4-sao/": ("/hang-sao/5-sao/", "true"),
    "hoi-cho/": ("/hoi-cho/", "page"),
    "en/fairs/hoi-cho-ocop-quang-ninh-2027/": ("/en/fairs/", "true"),
    "nhom/": ("/nhom/", "page"),
    "tin-tuc/": ("/tin-tuc/", "page"),
    "tin-tuc/dau-lac-hai-yen/": ("/tin-tuc/", "true"),
    "en/near-me/": ("/en/near-me/", "page"),
    "tim-kiem/": ("/tim-kiem/", "page"),
}


@pytest.mark.parametrize(("page", "current"), CURRENT.items())
def test_the_header_says_page_on_a_sections_own_page_and_true_on_its_others(demo_site, page, current):
    """WAI-ARIA: aria-current="page" for the page a link opens, "true" for one it leads into."""
    marked = parse(demo_site / page / "index.html").select(".site-header [aria-current]")
    assert [(link["href"], link["aria-current"]) for link in marked] == [current]


@pytest.mark.parametrize(("page", "section"), SECTIONS.items())
def test_the_main_navigation_marks_the_section_the_page_is_in(demo_site, page, section):
    """One link at most, the page's section's: the navigation is rendered once per kind of page."""
    current = parse(demo_site / page / "index.html").select(".main-nav [aria-current]")
    assert [link["href"] for link in current] == ([section] if section else [])


@pytest.mark.parametrize(
    ("page", "known_for"),
    [
        ("dia-phuong/co-to/index.html", "Huyện đảo của mực một nắng, câu đêm và phơi một nắng trên đảo."),
        ("en/districts/co-to/index.html", "An island district of squid caught at night and dried for one day in the"),
    ],
)
def test_a_district_says_what_it_is_known_for_on_its_page_and_when_shared(demo_site, page, known_for):
    soup = parse(demo_site / page)
    assert " ".join(soup.select_one("h1 ~ .prose").get_text().split()).startswith(known_for)
    assert soup.find("meta", property="og:description")["content"].startswith(known_for)


@pytest.mark.parametrize(
    ("page", "co_to", "cam_pha"),
    [
        ("dia-phuong", "Huyện đảo của mực một nắng, câu đêm và phơi một nắng trên đảo.", "/dia-phuong/cam-pha/"),
        (
            "en/districts",
            "An island district of squid caught at night and dried for one day in the island sun.",
            "/en/districts/cam-pha/",
        ),
    ],
)
def test_the_list_of_districts_says_what_each_is_known_for(demo_site, page, co_to, cam_pha):
    listed = {item.a["href"]: item for item in parse(demo_site / page / "index.html").select("ul.districts > li")}
    assert len(listed) == 13
    co_to_item = next(item for href, item in listed.items() if href.endswith("/co-to/"))
    assert co_to_item.p.get_text() == co_to
    assert listed[cam_pha].p is None  # Cẩm Phả has no description: nothing under its name


def test_a_district_description_cut_for_the_list_and_without_english_says_its_language(project):
    areas = project.root / "data/areas.yaml"
    text = areas.read_text(encoding="utf-8")
    long = "Một câu rất dài về **Cẩm Phả**, " + "than đá và biển " * 20 + "cuối câu."
    text = text.replace(
        "    name: {vi: Thành phố Cẩm Phả, en: Cam Pha City}\n",
        f"    name: {{vi: Thành phố Cẩm Phả, en: Cam Pha City}}\n    description: {long}\n",
    )
    areas.write_text(text, encoding="utf-8")
    assert project.build()[0] == 0
    item = next(
        li
        for li in parse(project.output / "en/districts/index.html").select("ul.districts > li")
        if li.a["href"] == "/en/districts/cam-pha/"
    )
    shown = item.p.span
    assert shown["lang"] == "vi"
    assert shown.get_text().startswith("Một câu rất dài về Cẩm Phả, than đá") and shown.get_text().endswith("…")
    assert len(shown.get_text()) <= 161 and "**" not in shown.get_text()


@pytest.mark.parametrize(
    ("lang", "home", "products"), [("vi", "index.html", "/san-pham/"), ("en", "en/index.html", "/en/products/")]
)
def test_the_home_page_shows_the_latest_certified_products(demo_site, lang, home, products):
    # The six latest certificates that hold on the build date, the latest first, those of one
    # day by name; none whose certificate lapsed or was dated ahead.
    holding = [
        (record["certificate"]["date"], name(record, lang), product_id)
        for product_id, record in records().items()
        if certified(record, BUILD_DATE) and record["certificate"]["date"] <= BUILD_DATE
    ]
    latest = sorted(holding, key=lambda found: (-found[0].toordinal(), sort_key(found[1])))[:6]
    section = parse(demo_site / home).select_one("section[aria-labelledby=newly-certified]")
    shown = [link["href"] for link in section.select(".card a.card-name")]
    assert shown == [f"{products}{product_id}/" for _, _, product_id in latest]
    assert latest[0][0] > latest[-1][0]  # the demo's latest are of several days


def test_a_certificate_that_does_not_hold_today_is_not_newly_certified(project):
    # Dated after the build date (a mistyped year), or ended sooner than its 36 months: the
    # latest dates of the catalogue, and neither product holds its star today.
    producer = record_ids("producers")[0]
    for product_id, certificate in (
        ("mat-ong-sau", "{number: 1/QĐ-UBND, date: 2026-12-20, level: province}"),
        ("mat-ong-thu-hoi", "{number: 2/QĐ-UBND, date: 2026-11-01, level: province, valid_until: 2026-11-10}"),
    ):
        project.write(
            f"data/products/{product_id}.yaml",
            f"name: {{vi: {product_id}}}\nproducer: {producer}\ngroup: thuc-pham\nstar: 3\ncertificate: {certificate}\n",
        )
    assert project.build()[0] == 0
    section = parse(project.output / "index.html").select_one("section[aria-labelledby=newly-certified]")
    shown = [link["href"] for link in section.select(".card a.card-name")]
    assert len(shown) == 6 and not {"/san-pham/mat-ong-sau/", "/san-pham/mat-ong-thu-hoi/"} & set(shown)
    assert (project.output / "san-pham/mat-ong-sau/index.html").is_file()


@pytest.mark.parametrize(("home", "near_me"), [("index.html", "/gan-toi/"), ("en/index.html", "/en/near-me/")])
def test_the_home_page_leads_to_near_me_under_its_search(demo_site, home, near_me):
    """On a phone the header's row of sections shows "Gần tôi" last, off the screen: a tourist
    on the road finds it under the search, before any list."""
    page = parse(demo_site / home)
    link = page.select_one(f'main a[href="{near_me}"]')
    assert link is not None
    assert link.find_previous("form") is not None and link.find_previous("section") is None


@pytest.mark.parametrize(
    ("page", "said"), [("gan-toi", "chủ thể chưa có vị trí"), ("en/near-me", "producers have no map")]
)
def test_near_me_says_how_many_producers_it_cannot_place(demo_site, page, said):
    """A visitor next to a producer without a map position would think there is none near."""
    producers = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (ROOT / "data/producers").glob("*.yaml")]
    unplaced = sum(1 for producer in producers if not producer.get("geo"))
    assert unplaced
    note = next(p for p in parse(demo_site / page / "index.html").select("main p.more") if said in p.get_text())
    assert note.get_text().startswith(f"{unplaced} ") and note.a["href"].endswith(("/chu-the/", "/en/producers/"))
