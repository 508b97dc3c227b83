"""Districts and communes are listed by the place their name names, its kind ("Huyện",
"Thành phố", "Xã"; "District", "City") left out, alike in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, copy_project, parse
from ocop_catalogue.booklets import Booklet
from ocop_catalogue.pdf import standalone_renderer, write_all
from ocop_catalogue.vietnamese import area_sort_key
from pelican.settings import read_settings
from pypdf import PdfReader

# The demo's thirteen districts by place: Ba Chẽ … Vân Đồn, whether Huyện, Thị xã or Thành phố.
DISTRICTS = [
    "ba-che",
    "binh-lieu",
    "cam-pha",
    "co-to",
    "dam-ha",
    "dong-trieu",
    "ha-long",
    "hai-ha",
    "mong-cai",
    "quang-yen",
    "tien-yen",
    "uong-bi",
    "van-don",
]
PAGES = {"vi": "dia-phuong", "en": "en/districts"}


def district_ids(links) -> list[str]:
    """The district ids in the order of ``links`` (their ``href`` or ``data-href``)."""
    return [(a.get("href") or a.get("data-href")).rstrip("/").rsplit("/", 1)[-1] for a in links]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Thành phố Hạ Long", "Huyện Ba Chẽ", "Thị xã Đông Triều", "Đặc khu Cô Tô"], [1, 3, 2, 0]),
        (["Ha Long City", "Ba Che District", "Dong Trieu Town", "Co To Special Zone"], [1, 3, 2, 0]),
        # The kind before, then the place, letters then tone: "Dương" < "Đông", "Hà" < "Hạ".
        (["Xã Đông Xá", "Thị trấn Cái Rồng", "Phường Dương Huy", "Xã Hạ An", "Phường Hà An"], [1, 2, 0, 4, 3]),
        # A town and a district named alike: "Gò Công" before "Gò Công Đông" in both languages.
        (["Huyện Gò Công Đông", "Thị xã Gò Công"], [1, 0]),
        (["Go Cong Dong District", "Go Cong Town"], [1, 0]),
        # Numbered districts by number, before named ones.
        (["Quận 10", "Quận Bình Thạnh", "Quận 2", "Huyện Quản Bạ", "Quận 1"], [4, 2, 0, 1, 3]),
    ],
)
def test_areas_sort_by_their_place(names, expected):
    assert sorted(names, key=area_sort_key) == [names[i] for i in expected]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_districts_page_lists_them_by_place(demo_site, lang):
    page = parse(demo_site / PAGES[lang] / "index.html")
    assert district_ids(page.select("main ul.figures a")) == DISTRICTS


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_and_search_pages_list_districts_by_place(demo_site, lang):
    home = parse(demo_site / ("en" if lang == "en" else "") / "index.html")
    listed = district_ids(home.select("#by-district ~ ul a"))
    assert listed == [d for d in DISTRICTS if d in listed] and len(listed) > 3
    search = parse(demo_site / ("en/search" if lang == "en" else "tim-kiem") / "index.html")
    assert district_ids(search.select("select[name=district] option[data-href]")) == DISTRICTS


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_statistics_rank_districts_alike_by_place(demo_site, lang):
    listed = parse(demo_site / PAGES[lang] / "index.html").select("main ul.figures a")
    ids = dict(zip([a.get_text(strip=True) for a in listed], district_ids(listed), strict=True))
    page = parse(demo_site / ("en/statistics" if lang == "en" else "thong-ke") / "index.html")
    rows = [
        (ids[tr.th.get_text(strip=True)], int(tr.select("td")[-1].get_text()))
        for tr in page.select("table")[0].select("tbody tr")
    ]
    # Most products first; districts with as many, by place (the demo has three with 4).
    assert rows == sorted(rows, key=lambda row: (-row[1], DISTRICTS.index(row[0])))


@pytest.mark.parametrize(
    ("lang", "district", "communes"),
    [
        ("vi", "van-don", ["Thị trấn Cái Rồng", "Xã Đông Xá", "Xã Minh Châu", "Xã Quan Lạn"]),
        ("en", "van-don", ["Cai Rong Township", "Dong Xa Commune", "Minh Chau Commune", "Quan Lan Commune"]),
        ("vi", "ha-long", ["Phường Bãi Cháy", "Xã Đồng Lâm", "Phường Hồng Gai", "Xã Thống Nhất"]),
        ("en", "ha-long", ["Bai Chay Ward", "Dong Lam Commune", "Hong Gai Ward", "Thong Nhat Commune"]),
    ],
)
def test_a_districts_page_lists_its_communes_by_place(demo_site, lang, district, communes):
    page = parse(demo_site / PAGES[lang] / district / "index.html")
    assert [li.get_text(strip=True) for li in page.select("main ul.inline li")] == communes


def test_a_booklets_sections_follow_the_districts_by_place(tmp_path: Path):
    project = copy_project(tmp_path)
    cache = str(ROOT / "cache" / "images")  # print pictures already encoded by other tests
    override = {"BOOKLET_PROCESSES": 1, "BOOKLET_IMAGE_CACHE_PATH": cache}
    settings = read_settings(str(project.root / "pelicanconf.py"), override=override)
    renderer = standalone_renderer(settings)
    catalogue = renderer.catalogue
    booklet = Booklet("province", catalogue.province.id)
    targets = {lang: tmp_path / f"province.{lang}.pdf" for lang in ("vi", "en")}
    write_all(renderer.templates, renderer.context, settings, [(booklet, lang, targets[lang]) for lang in targets])
    for lang, target in targets.items():
        names = {catalogue.districts[d].name.get(lang)[0]: d for d in DISTRICTS}
        _, beneath = PdfReader(target).outline  # the booklet's title, then its parts beneath it
        titles = [item.title for item in beneath if not isinstance(item, list)]
        sections = [names[title] for title in titles if title in names]
        assert len(sections) == len(DISTRICTS), lang
        assert sections == [d for d in DISTRICTS if d in sections], lang
