"""A certificate given by a level that does not certify the product's stars is warned of at its
line: the product page would publish it ("Cấp huyện" under five stars)."""

from __future__ import annotations

from conftest import Project
from test_bad_input import product


def certified(star: int, date: str, level: str) -> str:
    return product(
        star=f"star: {star}", certificate=f'certificate: {{number: "12/QĐ-UBND", date: {date}, level: {level}}}'
    )


MISMATCHED = {
    "ba-kich.yaml": (
        certified(5, "2024-04-22", "province"),
        "a 5-star product is certified at national level, not province: check the star and the level",
    ),
    "mat-ong.yaml": (
        certified(4, "2024-04-22", "national"),
        "the national level certifies 5-star products only, this one has 4: check the star and the level",
    ),
    "gao.yaml": (
        certified(4, "2024-04-22", "district"),
        "a district certified 3-star products only, this one has 4: check the star and the level",
    ),
    "na-dai.yaml": (
        certified(3, "2025-09-16", "district"),
        "the certificate is dated 2025-09-16, after districts stopped certifying on 2025-07-01 (since then "
        "the province certifies 3 and 4 stars): check the level and the date",
    ),
}

# As the programme certified them: before Decision 148/QĐ-TTg (2023) the province gave 3 stars too.
MATCHED = {
    "tra.yaml": certified(5, "2024-04-22", "national"),
    "muc.yaml": certified(4, "2025-09-16", "province"),
    "sua.yaml": certified(3, "2025-06-30", "district"),
    "nam.yaml": certified(3, "2021-11-05", "province"),
}


def test_a_level_that_does_not_certify_the_stars_is_warned_of_at_its_line(project: Project, capsys):
    for name, (text, _) in MISMATCHED.items():
        project.write(f"data/products/{name}", text)
    for name, text in MATCHED.items():
        project.write(f"data/products/{name}", text)
    code, printed = project.build(capsys)
    assert code == 0, printed  # a warning: the data format accepts any level
    for name, (_, message) in MISMATCHED.items():
        assert f"data/products/{name}:5: certificate.level: warning: {message}" in printed, printed
    for name in MATCHED:
        assert f"data/products/{name}:5: certificate.level" not in printed, printed
    assert printed.count("certificate.level") == len(MISMATCHED)  # the demo's certificates are as given
