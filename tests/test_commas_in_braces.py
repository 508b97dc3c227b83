"""A comma inside ``{...}`` ends the value there: ``{vi: Thôn 3, xã Hải Lạng}`` is read as
``vi: Thôn 3`` and a key ``xã Hải Lạng``, ``{vnd: 120,000}`` as ``vnd: 120`` and a key ``000``.
Addresses, picture descriptions and prices written the way editors write them do this. The
check names the value that was cut short, once, and says how to write it; written so, it passes."""

from __future__ import annotations

from conftest import Project
from test_bad_input import check, product

PRODUCER = "data/producers/htx-nong-nghiep-hai-yen.yaml"
ADDRESS = "address:\n  vi: Thôn Đồng Tâm, xã Hải Lạng, huyện Tiên Yên\n  en: Dong Tam hamlet, Hai Lang Commune, Tien Yen District\n"


def errors(printed: list[str], path: str) -> list[str]:
    """The errors of the file at ``path`` (those naming it follow from them)."""
    return [line for line in printed if line.startswith(f"{path}:") and ": warning: " not in line]


def test_an_address_cut_by_its_commas_is_told_once_per_language_with_its_quoted_form(project: Project, capsys):
    path = project.root / PRODUCER
    text = path.read_text(encoding="utf-8")
    assert ADDRESS in text
    typed = "address: {vi: Thôn 3, xã Hải Lạng, huyện Tiên Yên, en: Hamlet 3, Hai Lang Commune}\n"
    project.write(PRODUCER, text.replace(ADDRESS, typed))
    code, printed = check(project, capsys)
    assert code == 1
    assert errors(printed, PRODUCER) == [
        f"{PRODUCER}:5: address.en: inside {{...}} a comma ends the text, so 'Hamlet 3, Hai Lang Commune' "
        'is cut at its first comma; put the text in quotes: en: "Hamlet 3, Hai Lang Commune"',
        f"{PRODUCER}:5: address.vi: inside {{...}} a comma ends the text, so 'Thôn 3, xã Hải Lạng, huyện Tiên Yên' "
        'is cut at its first comma; put the text in quotes: vi: "Thôn 3, xã Hải Lạng, huyện Tiên Yên"',
    ]
    # Done as the lines say, the record passes.
    fixed = 'address: {vi: "Thôn 3, xã Hải Lạng, huyện Tiên Yên", en: "Hamlet 3, Hai Lang Commune"}\n'
    project.write(PRODUCER, text.replace(ADDRESS, fixed))
    assert check(project, capsys)[0] == 0


def test_a_price_with_thousands_marked_by_commas_is_told_as_the_number_it_was_read_as(project: Project, capsys):
    prices = "prices:\n  - {vnd: 120,000, unit: chai}\n  - {vnd: 1,200,000, unit: thùng}"
    project.write("data/products/mat-ong.yaml", product(prices=prices))
    code, printed = check(project, capsys)
    assert code == 1
    assert errors(printed, "data/products/mat-ong.yaml") == [
        "data/products/mat-ong.yaml:10: prices.0.vnd: inside {...} a comma ends the value, so 120,000 is read as "
        "120; write the number without separators: vnd: 120000",
        "data/products/mat-ong.yaml:11: prices.1.vnd: inside {...} a comma ends the value, so 1,200,000 is read as "
        "1; write the number without separators: vnd: 1200000",
    ]


def test_a_picture_description_cut_by_a_comma_stops_the_build_and_leaves_the_site(project: Project, capsys):
    images = "images:\n  - {file: products/mat-ong-dam-ha.jpg, alt: Chai mật ong, loại 500 ml}"
    project.write("data/products/mat-ong.yaml", product(images=images))
    code, printed = project.build(capsys)
    assert code == 1
    assert (
        "data/products/mat-ong.yaml:7: images.0.alt: inside {...} a comma ends the text, so 'Chai mật ong, "
        'loại 500 ml\' is cut at its first comma; put the text in quotes: alt: "Chai mật ong, loại 500 ml"'
    ) in printed
    assert "unknown key" not in printed and "Traceback" not in printed
    assert not project.output.exists()
