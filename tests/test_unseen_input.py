"""Records that look right to the editor who wrote them and are not: a file saved in
another encoding, a price of zero, characters that cannot be seen inside a text."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, Project, parse
from test_bad_input import check, product

PEANUT_OIL = "data/products/dau-lac-hai-yen.yaml"
ASCII_PRODUCT = "name: Mat ong rung\nproducer: htx-nong-lam-dai-binh\ngroup: thuc-pham\nstar: 3\n"


@pytest.mark.parametrize(
    "encoded",
    [
        # Notepad's "UTF-16 LE" and "UTF-16 BE" without a byte-order mark: read as UTF-8, the
        # file failed at its first letter that is not ASCII, on the second line.
        (ROOT / PEANUT_OIL).read_text(encoding="utf-8").encode("utf-16-le"),
        (ROOT / PEANUT_OIL).read_text(encoding="utf-8").encode("utf-16-be"),
        # With a byte-order mark.
        (ROOT / PEANUT_OIL).read_text(encoding="utf-8").encode("utf-16"),
        # Without any letter that is not ASCII, it was read whole, and YAML refused the zero bytes.
        ASCII_PRODUCT.encode("utf-16-le"),
    ],
    ids=["le", "be", "with-bom", "ascii"],
)
def test_a_utf16_file_is_named_so_at_its_first_line(project: Project, capsys, encoded: bytes):
    (project.root / PEANUT_OIL).write_bytes(encoded)
    code, printed = check(project, capsys)
    assert code == 1
    message = f"{PEANUT_OIL}:1: -: the file is saved as UTF-16, not UTF-8; save it as UTF-8"
    assert message in printed, "\n".join(printed)


def test_a_price_of_zero_is_a_warning_at_its_line(project: Project, capsys):
    # The data format accepts 0; a buyer reads "0 ₫" as free, or as a mistake.
    prices = "prices:\n  - {vnd: 180000, unit: {vi: chai, en: bottle}}\n  - {vnd: 0, unit: {vi: hũ, en: jar}}"
    project.write("data/products/mat-ong.yaml", product(images="", prices=prices))
    code, printed = check(project, capsys)
    assert code == 0, "\n".join(printed)
    price_warnings = [line for line in printed if ".vnd: " in line]
    assert price_warnings == [
        "data/products/mat-ong.yaml:8: prices.1.vnd: warning: a price of 0 is published as 0 ₫, "
        "which reads as free; if the price is not known yet, delete this price"
    ]


# Pasted from Word, Zalo or a web page: a zero-width space, a word joiner, a direction mark,
# a byte-order mark, a soft hyphen; and an emoji of two joined by a zero-width joiner.
HONEY = (ROOT / "data/products/mat-ong-dam-ha.yaml").read_text(encoding="utf-8")
PASTED = {
    "name: {vi: Mật ong Đầm Hà, en: Dam Ha honey}": "name: {vi: \u200bMật ong Đầm Hà\u2060, en: \u200eDam Ha honey}",
    "    Mật ong hoa keo": "    \ufeffMật ong hoa keo 👨\u200d🌾",
    "    Acacia and": "    Aca\u00adcia and",
}


def pasted(text: str) -> str:
    for typed, with_invisibles in PASTED.items():
        assert typed in text
        text = text.replace(typed, with_invisibles)
    return text


def test_texts_are_published_without_the_characters_that_draw_nothing(project: Project, capsys):
    project.write("data/products/mat-ong-dam-ha.yaml", pasted(HONEY))
    code, printed = project.build(capsys)
    assert code == 0, printed
    vietnamese = parse(project.output / "san-pham/mat-ong-dam-ha/index.html")
    body = vietnamese.select_one("[data-pagefind-body]")
    assert body.h1.get_text() == "Mật ong Đầm Hà"
    assert vietnamese.title.get_text().startswith("Mật ong Đầm Hà ·")
    # The copy folded for searching without diacritics, the structured data search engines
    # read and the open data carried them too.
    assert body.select_one("[hidden] p").get_text().startswith("Mat ong Dam Ha. ")
    structured = vietnamese.select_one("script[type='application/ld+json']").string
    assert '"name":"Mật ong Đầm Hà"' in structured.replace(": ", ":")
    assert "Mật ong hoa keo 👨\u200d🌾" in body.select_one(".prose").get_text()
    english = parse(project.output / "en/products/mat-ong-dam-ha/index.html").select_one("[data-pagefind-body]")
    assert english.h1.get_text() == "Dam Ha honey"
    assert "Acacia and rose-myrtle" in english.select_one(".prose").get_text()
    products = json.loads((project.output / "du-lieu/catalogue.vi.json").read_text(encoding="utf-8"))
    assert "Mật ong Đầm Hà" in json.dumps(products, ensure_ascii=False)


def test_a_text_of_invisible_characters_alone_is_empty(project: Project, capsys):
    project.write("data/products/mat-ong.yaml", product(name="name: {vi: \u200b\u200b, en: Honey}"))
    code, printed = check(project, capsys)
    assert code == 1
    assert "data/products/mat-ong.yaml:1: name.vi: is empty; write the text, or delete the key if it is optional" in (
        printed
    ), "\n".join(printed)


def test_a_copied_product_is_told_though_its_name_holds_an_invisible_character(project: Project, capsys):
    # The name was pasted again into the copy, a zero-width space and all: the two names differed.
    project.write("data/products/mat-ong-2.yaml", product())
    project.write("data/products/mat-ong.yaml", product(name="name: {vi: Mật ong rừng\u200b, en: Wild honey}"))
    code, printed = check(project, capsys)
    assert code == 0, printed
    assert [line for line in printed if "is also the name of" in line] == [
        "data/products/mat-ong.yaml:1: name: warning: 'Mật ong rừng' is also the name of data/products/mat-ong-2.yaml, "
        "by the same producer; if one file was copied from the other, change the name of the copy"
    ]
