"""Prices, numbers and dates are formatted for each language with Babel."""

from __future__ import annotations

from conftest import ROOT, Project, parse

PRODUCER = sorted((ROOT / "data" / "producers").glob("*.yaml"))[0].stem


def test_prices_and_dates_follow_the_page_language(project: Project, capsys):
    project.write(
        "data/products/mat-ong.yaml",
        f"name: Mật ong\nproducer: {PRODUCER}\ngroup: thuc-pham\nstar: 3\n"
        "certificate: {number: 7/QĐ-UBND, date: 2025-12-23, level: province}\n"
        "prices:\n  - {vnd: 150000, unit: {vi: chai, en: bottle}}\n",
    )
    assert project.build(capsys)[0] == 0
    vi = parse(project.output / "san-pham/mat-ong/index.html")
    en = parse(project.output / "en/products/mat-ong/index.html")
    assert vi.select_one(".prices data").get_text() == "150.000\xa0₫"
    assert en.select_one(".prices data").get_text() == "₫150,000"
    assert "23 tháng 12, 2025" in vi.select_one(".certificate").get_text()
    assert "December 23, 2025" in en.select_one(".certificate").get_text()
    assert "December 23, 2028" in en.select_one(".certificate").get_text()  # valid 36 months


def test_missing_english_shows_the_vietnamese_marked_as_such(project: Project, capsys):
    project.write(
        "data/products/mat-ong.yaml", f"name: Mật ong rừng\nproducer: {PRODUCER}\ngroup: thuc-pham\nstar: 3\n"
    )
    assert project.build(capsys)[0] == 0
    heading = parse(project.output / "en/products/mat-ong/index.html").h1
    assert heading.span["lang"] == "vi" and heading.get_text() == "Mật ong rừng"


def test_expired_certificate_says_so(project: Project, capsys):
    project.write(
        "data/products/mat-ong.yaml",
        f"name: Mật ong\nproducer: {PRODUCER}\ngroup: thuc-pham\nstar: 4\n"
        "certificate: {number: 7/QĐ-UBND, date: 2020-01-02, level: province}\n",
    )
    code, printed = project.build(capsys)
    assert code == 0
    assert "data/products/mat-ong.yaml:5: certificate: warning: the certificate expired on 2023-01-02" in printed
    assert (
        "Expired on January 2, 2023"
        in parse(project.output / "en/products/mat-ong/index.html").select_one(".certificate").get_text()
    )
    four_stars = (project.output / "en/stars/4-star/index.html").read_text(encoding="utf-8")
    assert "/en/products/mat-ong/" not in four_stars


def test_a_product_that_does_not_hold_its_star_says_why_wherever_it_shows(project: Project, capsys):
    """A lapsed product keeps its page and its place on its district's and group's pages, but
    is not counted as certified on the home page, as its star level's pages leave it out."""
    assert project.build(capsys)[0] == 0
    lead = parse(project.output / "en/index.html").select_one(".lead").get_text()
    three_stars = parse(project.output / "en/index.html").select_one('a[href="/en/stars/3-star/"] strong').get_text()
    project.write(
        "data/products/mat-ong.yaml",
        f"name: Mật ong\nproducer: {PRODUCER}\ngroup: thuc-pham\nstar: 3\n"
        "certificate: {number: 7/QĐ-UBND, date: 2020-01-02, level: province}\n",
    )
    project.write("data/products/ruou-ngo.yaml", f"name: Rượu ngô\nproducer: {PRODUCER}\ngroup: do-uong\nstar: 3\n")
    assert project.build(capsys)[0] == 0
    page = parse(project.output / "en/products/mat-ong/index.html").select_one(".facts")
    assert page.get_text(" ", strip=True).startswith("★★★ 3-star OCOP product, certificate expired")
    assert not page.select('a[href*="/stars/"]')
    summary = parse(project.output / "en/products/mat-ong/index.html").select_one(
        '[data-pagefind-meta="summary[data-value]"]'
    )
    assert summary["data-value"].startswith("certificate expired · ")  # the search result's card
    facts = parse(project.output / "san-pham/ruou-ngo/index.html").select_one(".facts").get_text(" ", strip=True)
    assert "Sản phẩm OCOP 3 sao, chưa có giấy chứng nhận còn hiệu lực" in facts
    district = catalogue_district_page(project, "mat-ong")
    card = district.select_one('a[href="/en/products/mat-ong/"]').find_parent("li")
    assert card.select_one(".lapsed").get_text() == "certificate expired"
    home = parse(project.output / "en/index.html")
    assert home.select_one(".lead").get_text() == lead  # two products more, neither certified
    assert home.select_one('a[href="/en/stars/3-star/"] strong').get_text() == three_stars


def catalogue_district_page(project: Project, product_id: str):
    """The English district page that lists ``product_id``."""
    for path in (project.output / "en" / "districts").glob("*/index.html"):
        page = parse(path)
        if page.select_one(f'a[href="/en/products/{product_id}/"]'):
            return page
    raise AssertionError(f"no district page lists {product_id}")
