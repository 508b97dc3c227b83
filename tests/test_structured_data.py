"""Every page's schema.org JSON-LD parses, names the right type and carries the records' facts;
Open Graph and Twitter tags show each page's name, language and main picture."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Project, copy_project, parse
from demo_records import records, text
from ocop_catalogue.images import Pictures

SITEURL = "https://ocop.example.org"
LANGS = {"vi": "", "en": "en/"}
RECORD_PATHS = {  # kind: (folder in Vietnamese, folder in English)
    "products": ("san-pham", "products"),
    "producers": ("chu-the", "producers"),
    "fairs": ("hoi-cho", "fairs"),
}
HOSTILE_NAME = "Mật ong </script><script>alert(1)</script> & <!-- rừng"


def shared_picture(file: str) -> str:
    """The site path of the one file published for a picture outside <picture>."""
    return "/" + Pictures({"PATH": str(ROOT / "content")}).shared_path(file)


def record_page(site: Path, kind: str, record_id: str, lang: str) -> Path:
    folder = RECORD_PATHS[kind][0 if lang == "vi" else 1]
    return site / f"{LANGS[lang]}{folder}/{record_id}/index.html"


def head(page: Path) -> BeautifulSoup:
    """The page's <head> only: what search engines and link previews read (and quick to parse)."""
    html = page.read_text(encoding="utf-8")
    return BeautifulSoup(html[: html.index("</head>")], "html.parser")


@cache
def every_head(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    """Every page's <head>, parsed once for the tests that look at all pages."""
    return [(page, head(page)) for page in sorted(site.rglob("*.html"))]


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(block.string) for block in soup.find_all("script", type="application/ld+json")]


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    """The demo built with an absolute SITEURL, plus a product whose name tries to close the script block."""
    project: Project = copy_project(tmp_path_factory.mktemp("published"))
    with (project.root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"\nSITEURL = {SITEURL!r}\n")
    producer = sorted(records("producers"))[0]
    project.write(
        "data/products/mat-ong-thu.yaml",
        f"name: {json.dumps(HOSTILE_NAME)}\nproducer: {producer}\ngroup: thuc-pham\nstar: 3\n"
        "prices:\n  - {vnd: 95000, unit: {vi: chai, en: bottle}}\n",
    )
    code, _ = project.build()
    assert code == 0
    return project.output


def test_every_json_ld_block_parses_and_has_a_type(demo_site):
    typed = 0
    for page, soup in every_head(demo_site):
        for data in json_ld(soup):
            assert data["@context"] == "https://schema.org", page
            assert data["@type"] in {"Product", "LocalBusiness", "Event", "Article", "WebSite"}, page
            typed += 1
    assert typed >= len(records("products")) * 2


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_products_name_their_producer_offers_and_picture(demo_site, lang):
    producers = records("producers")
    for product_id, product in records("products").items():
        [data] = json_ld(head(record_page(demo_site, "products", product_id, lang)))
        assert data["@type"] == "Product"
        assert data["name"] == text(product["name"], lang)
        maker = data["manufacturer"]
        assert maker["@type"] == "Organization"
        assert maker["name"] == text(producers[product["producer"]]["name"], lang)
        assert maker["url"].endswith(f"/{product['producer']}/")
        offers = data.get("offers", [])
        assert [(o["price"], o["priceCurrency"]) for o in offers] == [
            (str(price["vnd"]), "VND") for price in product.get("prices", [])
        ]
        assert all(float(o["price"]) >= 0 for o in offers)
        pictures = [image["file"] for image in product.get("images", [])]
        assert data.get("image", []) == [shared_picture(file) for file in pictures]
        assert all((demo_site / url.lstrip("/")).is_file() for url in data.get("image", []))  # published
        if product.get("certificate"):
            assert data["hasCertification"]["certificationIdentification"] == product["certificate"]["number"]
            assert data["hasCertification"]["certificationRating"]["ratingValue"] == int(product["star"])


def test_producers_are_local_businesses_with_contacts_and_place(demo_site):
    for producer_id, producer in records("producers").items():
        for lang in LANGS:
            [data] = json_ld(head(record_page(demo_site, "producers", producer_id, lang)))
            assert data["@type"] == "LocalBusiness"
            assert data["name"] == text(producer["name"], lang)
            assert data.get("telephone") == producer.get("phone")
            assert data["address"]["@type"] == "PostalAddress"
            assert data["address"]["addressCountry"] == "VN"
            if producer.get("address"):
                assert data["address"]["streetAddress"] == text(producer["address"], lang)
            if producer.get("geo"):
                geo = data["geo"]
                assert (geo["latitude"], geo["longitude"]) == (
                    float(producer["geo"]["lat"]),
                    float(producer["geo"]["lon"]),
                )
            else:
                assert "geo" not in data


def test_product_and_producer_pages_share_the_producers_id(demo_site):
    product_id, product = next(iter(records("products").items()))
    [item] = json_ld(head(record_page(demo_site, "products", product_id, "vi")))
    [business] = json_ld(head(record_page(demo_site, "producers", product["producer"], "vi")))
    assert item["manufacturer"]["@id"] == business["@id"]


def at(day: str, hour: str) -> str:
    """A day and an hour as the data format writes them ("8h", "21h30", "08:00"), as ISO 8601."""
    hours, _, minutes = hour.replace("h", ":").partition(":")
    return f"{day}T{int(hours):02d}:{int(minutes or 0):02d}:00+07:00"


def test_fairs_are_events_with_dates_and_place(demo_site):
    fairs = records("fairs")
    assert fairs and any("opens" in fair for fair in fairs.values())
    for fair_id, fair in fairs.items():
        for lang in LANGS:
            [data] = json_ld(head(record_page(demo_site, "fairs", fair_id, lang)))
            assert data["@type"] == "Event"
            assert data["name"] == text(fair["name"], lang)
            if "opens" in fair:  # from its first opening to its last closing, in Vietnam's time
                start, end = at(fair["start"], fair["opens"]), at(fair["end"], fair["closes"])
            else:
                start, end = fair["start"], fair["end"]
            assert (data["startDate"], data["endDate"]) == (start, end)
            assert data["location"]["@type"] == "Place"
            assert data["location"]["name"] == text(fair["venue"], lang)
            if fair.get("geo"):
                assert data["location"]["geo"]["latitude"] == float(fair["geo"]["lat"])


def test_stories_are_articles_in_their_language(demo_site):
    stories = sorted((ROOT / "content" / "stories").glob("*.md"))
    for story in stories:
        header = story.read_text(encoding="utf-8").split("\n\n")[0]
        metadata = {
            key.strip().lower(): value.strip() for key, value in (line.split(":", 1) for line in header.splitlines())
        }
        folder = "tin-tuc" if metadata["lang"] == "vi" else "en/stories"
        [data] = json_ld(head(demo_site / folder / metadata["slug"] / "index.html"))
        assert data["@type"] == "Article"
        assert data["headline"] == metadata["title"]
        assert data["datePublished"] == metadata["date"][:10]
        assert data["inLanguage"] == metadata["lang"]


def test_the_site_and_the_stories_publisher_are_named_in_the_pages_language(demo_site):
    names = {"vi": "OCOP Quảng Ninh", "en": "OCOP Quang Ninh"}
    for home, lang in (("index.html", "vi"), ("en/index.html", "en")):
        [data] = json_ld(head(demo_site / home))
        assert (data["@type"], data["name"]) == ("WebSite", names[lang])
    for story, lang in (("tin-tuc/dau-lac-hai-yen", "vi"), ("en/stories/dau-lac-hai-yen", "en")):
        [data] = json_ld(head(demo_site / story / "index.html"))
        assert data["publisher"]["name"] == names[lang]


def test_open_graph_tags_name_the_page_in_its_language(demo_site):
    for page, soup in every_head(demo_site):
        lang = soup.html["lang"]
        assert meta(soup, "og:title"), page
        assert meta(soup, "og:type") in {"website", "product", "article"}, page
        assert meta(soup, "og:locale") == {"vi": "vi_VN", "en": "en_US"}[lang], page
        assert meta(soup, "twitter:card") in {"summary", "summary_large_image"}, page


def test_shared_product_shows_its_photo_and_name(demo_site):
    for product_id, product in records("products").items():
        for lang in LANGS:
            soup = head(record_page(demo_site, "products", product_id, lang))
            assert meta(soup, "og:type") == "product"
            assert meta(soup, "og:title") == text(product["name"], lang)
            if product.get("images"):
                # In development SITEURL is empty: the address is relative to the site's root.
                assert meta(soup, "og:image") == shared_picture(product["images"][0]["file"])
                assert (demo_site / meta(soup, "og:image").lstrip("/")).is_file()
                assert meta(soup, "twitter:card") == "summary_large_image"


def test_published_site_uses_absolute_addresses(published_site):
    product_id, product = next((i, p) for i, p in records("products").items() if p.get("images"))
    soup = head(record_page(published_site, "products", product_id, "en"))
    picture = f"{SITEURL}{shared_picture(product['images'][0]['file'])}"
    assert meta(soup, "og:image") == picture
    assert meta(soup, "twitter:image") == picture
    assert meta(soup, "og:url") == f"{SITEURL}/en/products/{product_id}/"
    [data] = json_ld(soup)
    assert data["url"] == f"{SITEURL}/en/products/{product_id}/"
    assert data["image"][0] == picture
    catalogue = json.loads((published_site / "du-lieu/catalogue.en.json").read_text(encoding="utf-8"))
    schema = json.loads((published_site / "du-lieu/catalogue.schema.json").read_text(encoding="utf-8"))
    assert catalogue["$schema"] == schema["$id"] == f"{SITEURL}/du-lieu/catalogue.schema.json"
    [item] = [item for item in catalogue["products"] if item["id"] == product_id]
    assert (item["url"], item["image"]) == (data["url"], picture)


def test_json_ld_cannot_be_closed_by_a_record(published_site):
    page = published_site / "san-pham/mat-ong-thu/index.html"
    html = page.read_text(encoding="utf-8")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    [data] = json_ld(head(page))
    assert data["name"] == HOSTILE_NAME
    assert data["offers"] == [
        {"@type": "Offer", "price": "95000", "priceCurrency": "VND", "name": "chai", "url": data["url"]}
    ]
    assert len(parse(page).find_all("script", type="application/ld+json")) == 1
