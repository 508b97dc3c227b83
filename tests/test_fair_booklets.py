"""A fair's booklet is handed out on the fair's days: what it prints must hold then."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import FAIR_WITHOUT_ALL_BOOTHS, ROOT, SPRING_FAIR, Project, parse
from ocop_catalogue import checking
from ocop_catalogue.booklets import Booklet, all_booklets
from ocop_catalogue.default_groups import DEFAULT_GROUPS
from ocop_catalogue.pdf import standalone_renderer, write_all
from pelican.settings import read_settings
from test_print import certified, cover_count, local, name, pdftotext, products

FAIR = "hoi-cho-ocop-quang-ninh-2027"  # 16 to 20 April 2027, five months after the tests' build date

FAIR_PAGES = {"vi": "hoi-cho", "en": "en/fairs"}
BOOTH = {"vi": "Gian hàng {}", "en": "Booth {}"}
PRODUCER = {"vi": "Chủ thể", "en": "Producer"}


def fair_products(fair: dict) -> dict[str, dict]:
    """The products a fair's booklet prints: those whose certificate holds until the fair's last day."""
    shown = {product_id for exhibitor in fair["exhibitors"] for product_id in exhibitor["products"]}
    return {
        product_id: record
        for product_id, record in products().items()
        if product_id in shown and certified(record, on=fair["end"])
    }


def render_fair(project: Project, fair_id: str, lang: str) -> Path:
    """The fair's booklet in ``lang``, rendered alone as ``make catalogue`` renders it."""
    override = {"BOOKLET_PROCESSES": 1, "BOOKLET_IMAGE_CACHE_PATH": str(ROOT / "cache" / "images")}
    settings = read_settings(str(project.root / "pelicanconf.py"), override=override)
    renderer = standalone_renderer(settings)
    target = project.root / f"{fair_id}-{lang}.pdf"
    write_all(renderer.templates, renderer.context, settings, [(Booklet("fair", fair_id), lang, target)])
    return target


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_fair_booklet_leaves_out_products_whose_certificate_lapses_before_the_fair_ends(project: Project, lang):
    # Five products of the April fair hold their stars on the build date, in November 2026,
    # and no longer by the fair: a buyer handed its booklet would read an expired certificate.
    # (They hold them today: the province's booklet prints them, test_print checks.)
    fair = yaml.safe_load((ROOT / "data" / "fairs" / f"{FAIR}.yaml").read_text(encoding="utf-8"))
    shown = {product_id for exhibitor in fair["exhibitors"] for product_id in exhibitor["products"]}
    lapsing = [name(products()[product_id], lang) for product_id in sorted(shown - set(fair_products(fair)))]
    assert len(lapsing) == 5
    target = render_fair(project, FAIR, lang)
    text = " ".join(pdftotext(target))
    assert [title for title in lapsing if title in text] == []  # nor in the contents or the index
    assert all(name(record, lang) in text for record in fair_products(fair).values())
    assert cover_count(target) == len(fair_products(fair))


def test_the_check_names_the_fair_products_whose_certificate_lapses_before_the_fair_ends(project: Project, capsys):
    assert checking.check(str(project.root / "pelicanconf.py")) == 0
    printed = capsys.readouterr().err
    assert (
        f"data/fairs/{FAIR}.yaml:59: exhibitors.7.products.0: warning: the certificate of 'muc-mot-nang-co-to' "
        "expires on 2026-12-06, before the fair ends (2027-04-20): left out of the fair's booklet until it is "
        "certified again"
    ) in printed
    assert printed.count("before the fair ends") == 5  # none of the summer fair of 2026, which is over


@pytest.mark.parametrize(
    ("exhibitors", "booklet"),
    [
        ("  - {producer: htx-thuy-san-co-to, products: [muc-mot-nang-co-to]}\n", False),
        ("  - {producer: htx-ga-tien-yen, products: [ga-tien-yen]}\n", True),
    ],
)
def test_the_check_says_when_a_fair_to_come_gets_no_booklet(project: Project, capsys, exhibitors, booklet):
    """Each lapsing product is named at its line; a fair left with none would lose its booklet
    unsaid, and the centre printing it would look for it."""
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", SPRING_FAIR + "exhibitors:\n" + exhibitors)
    assert checking.check(str(project.root / "pelicanconf.py")) == 0
    printed = capsys.readouterr().err
    warning = (
        "data/fairs/hoi-cho-xuan-2027.yaml:5: exhibitors: warning: none of the products listed holds its OCOP "
        "certificate until the fair ends (2027-02-03): the fair gets no printed booklet"
    )
    assert (warning in printed) is not booklet
    assert printed.count("the fair gets no printed booklet") == (0 if booklet else 1)  # the demo's fairs have one
    settings = read_settings(str(project.root / "pelicanconf.py"))
    made = {b.key for b in all_booklets(standalone_renderer(settings).context["catalogue"]) if b.kind == "fair"}
    assert ("hoi-cho-xuan-2027" in made) is booklet


# A producer at two booths, listed out of their order; another with its booth; a third still waiting for one.
FAIR_OF_BOOTHS = (
    SPRING_FAIR
    + """\
exhibitors:
  - {producer: htx-ga-tien-yen, booth: A10, products: [ga-tien-yen]}
  - {producer: cong-ty-co-phan-sua-an-sinh, booth: B01, products: [sua-chua-an-sinh]}
  - {producer: cong-ty-ba-kich-ba-che, products: [ba-kich-tim-ba-che, ruou-ba-kich-ba-che]}
  - {producer: htx-ga-tien-yen, booth: A2, products: [ga-u-muoi-tien-yen]}
"""
)
INDEX = {"vi": "Danh sách chủ thể", "en": "Index of producers"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_fair_booklets_index_gives_each_producers_booths(project: Project, lang):
    """A visitor holding the booklet looks a producer up by name and walks to its stand."""
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", FAIR_OF_BOOTHS)
    pages = pdftotext(render_fair(project, "hoi-cho-xuan-2027", lang))
    index = " ".join(page for page in pages if page.startswith(INDEX[lang]))
    expected = {"htx-ga-tien-yen": ["A2", "A10"], "cong-ty-co-phan-sua-an-sinh": ["B01"], "cong-ty-ba-kich-ba-che": []}
    booth = re.escape(BOOTH[lang]).replace(r"\{\}", r"(\w+)")
    for producer_id, booths in expected.items():
        record = yaml.safe_load((ROOT / "data" / "producers" / f"{producer_id}.yaml").read_text(encoding="utf-8"))
        # What the index says between the producer's name and its products.
        head = re.search(rf"{re.escape(name(record, lang))}([^:]*):", index)
        assert head, producer_id
        assert re.findall(booth, head[1]) == booths, head[0]
    assert "None" not in index


SUMMER_FAIR = "hoi-cho-ocop-quang-ninh-he-2026"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_cover_title_that_wraps_leaves_no_word_alone_on_its_last_line(project: Project, lang):
    # "Hội chợ OCOP Quảng Ninh – Hè 2026" is one word too long for a line of the cover.
    fair = yaml.safe_load((ROOT / "data" / "fairs" / f"{SUMMER_FAIR}.yaml").read_text(encoding="utf-8"))
    words = name(fair, lang).split()
    cover = pdftotext_lines(render_fair(project, SUMMER_FAIR, lang))[0]
    first = next(number for number, line in enumerate(cover) if line.startswith(" ".join(words[:2])))
    title = cover[first : first + 2]
    assert " ".join(title) == " ".join(words)  # on two lines
    assert title[1].split()[-2:] == words[-2:]
    assert not title[1].startswith(("–", "—"))  # a dash ends the line before, with its word


@pytest.mark.parametrize(("lang", "hours"), [("vi", "08:00 – 21:30 hằng ngày"), ("en", "8:00 AM – 9:30 PM daily")])
def test_a_fair_booklets_cover_gives_its_opening_hours_under_its_dates(project: Project, lang, hours):
    cover = pdftotext_lines(render_fair(project, SUMMER_FAIR, lang))[0]
    dates = next(number for number, line in enumerate(cover) if "2026" in line and "16" in line)
    assert cover[dates + 1] == hours


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_fair_booklets_cover_says_what_its_page_says_of_the_fair(booklet_site, lang):
    """The 2027 fair's description says its exhibitors registered early and may change: a
    booklet printed months ahead printed their booths as final."""
    fair = yaml.safe_load((ROOT / "data/fairs" / f"{FAIR}.yaml").read_text(encoding="utf-8"))
    described = " ".join(local(fair["description"], lang).split())
    assert described in pdftotext(booklet_site / "pdf" / lang / f"fair-{FAIR}.pdf")[0]


def pdftotext_lines(pdf: Path) -> list[list[str]]:
    """The lines of each page, whitespace collapsed in each, empty lines left out."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = [[" ".join(line.split()) for line in page.splitlines()] for page in text.stdout.split("\f")]
    return [[line for line in page if line] for page in pages]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_fair_booklet_gives_the_fairs_dates_and_venue_and_each_entrys_booth(booklet_site, lang):
    for path in sorted((ROOT / "data" / "fairs").glob("*.yaml")):
        fair = yaml.safe_load(path.read_text(encoding="utf-8"))
        pages = pdftotext(booklet_site / "pdf" / lang / f"fair-{path.stem}.pdf")
        # The cover: when and where, worded as the fair's page words them.
        page = parse(booklet_site / FAIR_PAGES[lang] / path.stem / "index.html")
        dates = " ".join(page.select("dl.details dd")[0].get_text().split())
        assert dates.count(str(fair["start"].year)) == 2  # a fair of several days: both ends
        for words in (dates, local(fair["venue"], lang), local(fair["address"], lang)):
            assert words in pages[0], (path.stem, words)
        # Each entry: its exhibitor's booth, after its name and star level, before the facts.
        entries = " ".join(pages[1:])
        for exhibitor in fair["exhibitors"]:
            booth = BOOTH[lang].format(exhibitor["booth"])
            for product_id in set(exhibitor["products"]) & set(fair_products(fair)):
                title = name(products()[product_id], lang)
                assert re.search(rf"{re.escape(title)} ★+ [^★]+? {booth} {PRODUCER[lang]}:", entries), product_id
    # Other booklets have no booths to give.
    assert "Gian hàng" not in " ".join(pdftotext(booklet_site / "pdf" / "vi" / "province-quang-ninh.pdf"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_fair_booklet_entry_without_a_booth_starts_its_facts_with_its_producer(project, lang):
    project.write("data/fairs/hoi-cho-xuan-2027.yaml", FAIR_WITHOUT_ALL_BOOTHS)
    entries = " ".join(pdftotext(render_fair(project, "hoi-cho-xuan-2027", lang))[1:])
    # Between an entry's star level and its producer: its group, then its booth if it has one.
    groups = {group.id: group.name.get(lang)[0] for group in DEFAULT_GROUPS}
    # (The fair's peanut oil and green tea are not printed: their certificates lapse in December,
    # before the fair: below.)
    booths = {"ba-kich-tim-ba-che": None, "ga-tien-yen": "A01"}
    for product_id, booth in booths.items():
        product = products()[product_id]
        head = re.search(rf"{re.escape(name(product, lang))} ★+ ([^★]+?) {PRODUCER[lang]}:", entries)
        assert head, product_id
        group = groups[product["group"]]
        assert head[1].endswith(f" · {group} {BOOTH[lang].format(booth)}" if booth else f" · {group}"), head[1]
    assert "None" not in entries
