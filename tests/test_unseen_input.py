"""Records that look right to the editor who wrote them and are not: a file saved in
another encoding, a price of zero, characters that cannot be seen inside a text."""

from __future__ import annotations

import pytest
from conftest import ROOT, Project
from test_bad_input import check

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
