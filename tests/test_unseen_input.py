"""Records that look right to the editor who wrote them and are not: a file saved in
another encoding, a price of zero, characters that cannot be seen inside a text."""

from __future__ import annotations

import pytest
from conftest import ROOT, Project
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
