"""A product file copied to start a new one, its name left unchanged, would publish two products
of one producer under one name: the check warns at the name of the later file (in the order of
the file names), naming the earlier."""

from __future__ import annotations

from conftest import Project
from test_bad_input import PRODUCER, check, product

OTHER_PRODUCER = "htx-che-hai-ha"
COPIED = (
    "data/products/mat-ong.yaml:2: name: warning: 'MẬT ONG  RUNG' is also the name of data/products/mat-ong-2.yaml, "
    "by the same producer; if one file was copied from the other, change the name of the copy"
)


def test_a_product_named_as_another_of_its_producer_is_warned_of(project: Project, capsys):
    """Names are compared as a reader sees them alike: case, tone marks, đ and spaces aside."""
    assert PRODUCER != OTHER_PRODUCER
    project.write("data/products/mat-ong-2.yaml", product())  # "Mật ong rừng"
    project.write("data/products/mat-ong.yaml", "# chép từ mat-ong-2.yaml\n" + product(name="name: MẬT ONG  RUNG"))
    project.write("data/products/mat-ong-3.yaml", product(name="name: Mật ong rừng Đầm Hà"))
    project.write("data/products/mat-ong-4.yaml", product(producer=f"producer: {OTHER_PRODUCER}"))
    project.write("data/products/duong-phen.yaml", product(name="name: Đường phèn"))
    project.write("data/products/duong-phen-2.yaml", product(name="name: duong phen"))
    code, printed = check(project, capsys)
    assert code == 0, printed
    assert [line for line in printed if "is also the name of" in line] == [
        "data/products/duong-phen.yaml:1: name: warning: 'Đường phèn' is also the name of "
        "data/products/duong-phen-2.yaml, by the same producer; if one file was copied from the other, "
        "change the name of the copy",
        COPIED,
    ]
