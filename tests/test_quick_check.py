"""`make check` runs without Pelican, to answer within a second, and says exactly what the
check through Pelican says."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import ROOT, Project
from ocop_catalogue import build, checking


def both_checks(project: Project, capsys) -> tuple[tuple[int, str], tuple[int, str]]:
    settings = str(project.root / "pelicanconf.py")
    quick = checking.check(settings), capsys.readouterr().err
    full = build.check(settings), capsys.readouterr().err
    return quick, full


def test_the_quick_check_agrees_with_pelican_on_the_demo(project: Project, capsys):
    quick, full = both_checks(project, capsys)
    assert quick == full
    assert quick[0] == 0 and "ok: checked: 0 errors" in quick[1]


def test_the_quick_check_agrees_with_pelican_on_bad_records_and_stories(project: Project, capsys):
    product = sorted((project.root / "data/products").glob("*.yaml"))[0]
    product.write_text(product.read_text(encoding="utf-8").replace("star: ", "star: 9 #"), encoding="utf-8")
    project.write(
        "content/stories/tin-moi.vi.md",
        "Title: Tin mới\nDate: 2026-01-01\nLang: vi\nSlug: tin-moi\nProducts: khong-co,\n    cung-khong-co\nFairs: hoi-cho-khong-co\n\nNội dung.\n",
    )
    project.write(
        "content/stories/tin-moi.fr.md", "Title: Nouvelles\nDate: 2026-01-01\nLang: fr\nSlug: tin-moi\n\nTexte.\n"
    )
    project.write(
        "content/stories/khong-ngon-ngu.md",
        "Title: Không ghi ngôn ngữ\nDate: 2026-01-01\nProducers: ai-do\n\nNội dung.\n",
    )
    quick, full = both_checks(project, capsys)
    assert quick == full
    assert quick[0] == 1
    for expected in (
        "Products: no product 'khong-co'",
        "Products: no product 'cung-khong-co'",
        "Lang: unknown language 'fr'",
        "Producers: no producer 'ai-do'",
        "star: must be 3, 4 or 5",
    ):
        assert expected in quick[1]


def test_ci_annotates_each_problem_at_its_file_and_line(project: Project, capsys):
    """The GitHub problem matcher turns each printed problem into an annotation on its line."""
    matcher = json.loads((ROOT / ".github/ocop-problem-matcher.json").read_text(encoding="utf-8"))
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    regexp = re.compile(pattern["regexp"])
    project.write("data/products/mat-ong.yaml", "name: Mật ong\nprodcuer: x\ngroup: thuc-pham\nstar: 3\n")
    code, printed = checking.check(str(project.root / "pelicanconf.py")), capsys.readouterr().err
    problems = [line for line in printed.splitlines() if not line.startswith(("ok:", "failed:", "Lỗi / Errors:"))]
    assert code == 1 and problems
    for line in problems:
        found = regexp.match(line)
        assert found, line
        path, number = line.split(":")[:2]
        assert (found[pattern["file"]], found[pattern["line"]]) == (path, number)
        assert found[pattern["severity"]] == ("warning" if ": warning: " in line else None)
    assert any(regexp.match(line)[pattern["message"]].startswith("unknown key") for line in problems)


def test_make_check_does_not_import_pelican():
    script = (
        "import runpy, sys\n"
        "sys.argv = ['ocop_catalogue', 'check', '-s', 'pelicanconf.py']\n"
        "try:\n    runpy.run_module('ocop_catalogue', run_name='__main__')\n"
        "except SystemExit as done:\n    print(done.code, 'pelican' in sys.modules)\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["0", "False"], result.stderr
    assert "ok: checked: 0 errors" in result.stderr
