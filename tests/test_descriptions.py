"""What a search engine's result and a shared link say of a page: its record's own description."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse


def descriptions(page: Path) -> tuple[str, str]:
    soup = parse(page)
    return soup.find("meta", attrs={"name": "description"})["content"], soup.find("meta", property="og:description")[
        "content"
    ]


@pytest.mark.parametrize("folder", ["san-pham", "en/products", "chu-the", "en/producers"])
def test_each_record_page_describes_its_own_record(demo_site, folder):
    # One sentence for every page told a search engine's reader nothing of the product.
    pages = sorted((demo_site / folder).glob("*/index.html"))
    said = {}
    for page in pages:
        meta, shared = descriptions(page)
        assert meta == shared, page
        prose = " ".join(parse(page).select_one("article .prose").get_text().split())
        assert prose.startswith(meta.rstrip("…")) if prose else meta.startswith(("Hộ sản xuất · ", "Household · ")), (
            page
        )
        said[page] = meta
    assert len(pages) > 20 and len(set(said.values())) == len(pages)


@pytest.mark.parametrize(
    ("page", "when"),
    [
        ("hoi-cho/hoi-cho-ocop-quang-ninh-2027", "16 tháng 4, 2027\u00a0– 20 tháng 4, 2027, Quảng trường 30/10. "),
        ("en/fairs/hoi-cho-ocop-quang-ninh-2027", "April 16, 2027\u00a0– April 20, 2027, 30 October Square. "),
    ],
)
def test_a_fair_shared_says_when_and_where_first(demo_site, page, when):
    # A fair shared on Zalo is a plan to go: its days and venue, then what its text says.
    meta, shared = descriptions(demo_site / page / "index.html")
    assert meta == shared and meta.startswith(when)
    prose = " ".join(parse(demo_site / page / "index.html").select_one("article .prose").get_text().split())
    assert prose.startswith(meta.removeprefix(when).rstrip("…")) and len(meta) <= 201


@pytest.mark.parametrize(
    ("page", "description"),
    [
        ("index.html", "Sản phẩm OCOP Quảng Ninh: mỗi xã một sản phẩm."),
        (
            "en/statistics/index.html",
            "OCOP products of Quang Ninh by star level, district, group and year of certification.",
        ),
    ],
)
def test_a_page_without_a_record_keeps_its_own_description(demo_site, page, description):
    assert descriptions(demo_site / page) == (description, description)


def test_a_record_without_a_description_is_described_by_its_facts(project):
    path = "data/products/mam-ruoc-van-ninh.yaml"
    record = (project.root / path).read_text(encoding="utf-8")
    project.write(path, record[: record.index("description:")] + record[record.index("prices:") :])
    assert project.build()[0] == 0
    product, _ = descriptions(project.output / "en/products/mam-ruoc-van-ninh/index.html")
    assert product == "3-star OCOP product · Food · Tran Thi Hai household business, Mong Cai City"
    producer, _ = descriptions(project.output / "chu-the/ho-tran-thi-hai/index.html")
    assert producer == "Hộ sản xuất · Xã Vạn Ninh, Thành phố Móng Cái · Sản phẩm: Mắm ruốc Vạn Ninh"


@pytest.mark.parametrize(
    ("folders", "site_sentence"),
    [
        (["dia-phuong", "nhom", "hang-sao"], "Sản phẩm OCOP Quảng Ninh: mỗi xã một sản phẩm."),
        (["en/districts", "en/groups", "en/stars"], "OCOP products of Quang Ninh: one commune, one product."),
    ],
)
def test_each_district_group_and_star_level_describes_itself(demo_site, folders, site_sentence):
    pages = [page for folder in folders for page in sorted((demo_site / folder).glob("*/index.html"))]
    said = [descriptions(page)[0] for page in pages]
    assert len(pages) > 20 and site_sentence not in said and len(set(said)) == len(pages)


def test_a_district_without_a_description_gives_its_count_and_products(demo_site):
    page = demo_site / "dia-phuong/dam-ha/index.html"
    assert parse(page).select_one("h1 ~ .prose") is None
    names = [card.get_text() for card in parse(page).select("a.card-name")]
    assert descriptions(page)[0] == f"Huyện Đầm Hà · {len(names)} sản phẩm OCOP · " + ", ".join(names)
