"""The error that stops a build or a check is printed last, under a heading, after the
warnings that every catalogue has (the demo: about fifteen), right above the summary."""

from __future__ import annotations

import re

from conftest import Project, errors_after_warnings
from ocop_catalogue import checking

RECORD = "data/products/cha-muc-ha-long.yaml"  # sorts before the files with warnings
ERROR = f"{RECORD}:4: star: must be 3, 4 or 5, the number alone"


def break_star(project: Project) -> None:
    record = project.root / RECORD
    record.write_text(re.sub(r"(?m)^star: .*$", "star: 6", record.read_text(encoding="utf-8")), encoding="utf-8")


def test_the_check_prints_its_errors_after_its_warnings(project: Project, capsys):
    break_star(project)
    assert checking.check(str(project.root / "pelicanconf.py")) == 1
    printed = capsys.readouterr().err.splitlines()
    errors = errors_after_warnings(printed, ERROR)
    assert errors[0] == ERROR  # the cause first, then the lines it causes
    assert printed[-1].startswith("failed: checked: ")


def test_the_build_prints_its_errors_after_its_warnings(project: Project, capsys):
    break_star(project)
    code, printed = project.build(capsys)
    assert code == 1
    errors_after_warnings(printed.splitlines(), ERROR)
    assert printed.splitlines()[-1].startswith("failed: not built; the output is unchanged: 4 errors, ")
