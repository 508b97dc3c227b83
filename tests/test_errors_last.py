"""The error that stops a build or a check is printed last, under a heading, after the
warnings that every catalogue has (the demo: about fifteen), right above the summary."""

from __future__ import annotations

import re

from conftest import Project, errors_after_warnings
from ocop_catalogue import checking
from ocop_catalogue.build import main

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


def test_a_strict_build_stopped_by_warnings_says_it_failed(project: Project, capsys):
    """`--strict` (or CATALOGUE_STRICT) stops the build on the demo's warnings: the build
    must then fail as the strict check does, not say "ok" and exit 0 with nothing built."""
    settings = str(project.root / "pelicanconf.py")
    assert main(["build", "--strict", "-s", settings, "-o", str(project.output)]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r"failed: not built; the output is unchanged: [1-9]\d* errors, 0 warnings", printed[-1])
    assert not project.output.exists()
    assert checking.check(settings, {"CATALOGUE_STRICT": True}) == 1
    assert capsys.readouterr().err.splitlines()[-1].startswith("failed: checked: ")
