"""The statistics page: SVG charts that are valid XML, accessible, and whose figures are the
demo's records counted here independently."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from conftest import NAVIGATION_SCRIPT, parse
from demo_records import areas, counts_by_district_and_star, records, text

SVG = "{http://www.w3.org/2000/svg}"
PAGES = {"vi": "thong-ke/index.html", "en": "en/statistics/index.html"}
GROUP_NAMES = {"thuc-pham": "Food", "do-uong": "Beverages"}


def charts(site: Path, lang: str) -> dict[str, ET.Element]:
    """Each chart's <svg>, parsed from the page's own text as XML."""
    html = (site / PAGES[lang]).read_text(encoding="utf-8")
    found = {}
    for figure_id, svg in re.findall(r'<figure class="chart" id="([^"]+)">\s*(<svg.*?</svg>)', html, re.S):
        found[figure_id] = ET.fromstring(svg)
    return found


def number(value: str) -> int:
    """A count as Babel writes it in either language (1.234 or 1,234)."""
    return int(re.sub(r"[.,\s]", "", value))


def bars(svg: ET.Element) -> dict[str, tuple[int, dict[str, int]]]:
    """Each bar's visible label, its total and its per-series counts from the segments' titles."""
    found = {}
    for bar in svg.iter(f"{SVG}g"):
        if bar.get("class") != "bar":
            continue
        label = " ".join(t.text for t in bar.findall(f"{SVG}text") if t.get("class") == "label")
        total = number(next(t.text for t in bar.findall(f"{SVG}text") if t.get("class") == "total"))
        segments = {}
        for rect in bar.findall(f"{SVG}rect"):
            title = rect.find(f"{SVG}title").text
            series, count = title.rsplit(", ", 1)[1].rsplit(": ", 1)
            segments[series] = number(count)
        assert bar.find(f"{SVG}title").text == f"{label}: {total}"
        found[label] = (total, segments)
    return found


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_every_chart_is_valid_accessible_svg(demo_site, lang):
    found = charts(demo_site, lang)
    assert set(found) == {"chart-districts", "chart-groups", "chart-years"}
    for svg in found.values():
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}title").text
        assert svg.find(f"{SVG}desc").get("id") == desc_id
    scripts = parse(demo_site / PAGES[lang]).find_all("script")
    # Charts need none: the theme's script files, and the navigation's lines every page has.
    assert all(
        script.get("src", "").startswith("/theme/js/") or script.string == NAVIGATION_SCRIPT for script in scripts
    )


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_district_chart_counts_the_records(demo_site, lang):
    expected = counts_by_district_and_star()
    drawn = bars(charts(demo_site, lang)["chart-districts"])
    districts = areas()["districts"]
    assert len(drawn) == len(districts)  # districts without products are shown too
    star_word = {"vi": "{} sao", "en": "{} stars"}[lang]
    for district in districts:
        total, segments = drawn[text(district["name"], lang)]
        per_star = {star: expected[district["id"], star] for star in (3, 4, 5)}
        assert total == sum(per_star.values())
        assert segments == {star_word.format(star): count for star, count in per_star.items() if count}


def test_group_and_year_charts_count_the_records(demo_site):
    products = records("products").values()
    found = charts(demo_site, "en")
    by_group = {label: total for label, (total, _) in bars(found["chart-groups"]).items()}
    groups = Counter(product["group"] for product in products)
    for group_id, name in GROUP_NAMES.items():
        assert by_group[name] == groups[group_id]
    assert sum(by_group.values()) == len(records("products"))
    by_year = {label: total for label, (total, _) in bars(found["chart-years"]).items()}
    years = Counter(product["certificate"]["date"][:4] for product in products if product.get("certificate"))
    assert {year: count for year, count in by_year.items() if count} == dict(years)


def test_the_tables_give_the_same_figures(demo_site):
    page = parse(demo_site / PAGES["vi"])
    table = page.select_one("#chart-districts table")
    expected = counts_by_district_and_star()
    names = {text(d["name"]): d["id"] for d in areas()["districts"]}
    rows = table.select("tbody tr")
    assert len(rows) == len(names)
    for row in rows:
        district = names[row.th.get_text()]
        cells = [number(td.get_text()) for td in row.find_all("td")]
        assert cells == [expected[district, star] for star in (3, 4, 5)] + [sum(cells[:3])]


def test_home_page_links_to_the_statistics(demo_site):
    assert parse(demo_site / "index.html").find("a", href="/thong-ke/")
    assert parse(demo_site / "en/index.html").find("a", href="/en/statistics/")
