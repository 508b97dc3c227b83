"""Nothing lost, nothing half-written: a build killed, out of disk space or
failing for any reason leaves the previous site whole, and says so in its
summary line; the next build cleans up and succeeds."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, Project
from ocop_catalogue.build import main
from ocop_catalogue.rendering import PageWriter

KILLS = 4
SEED = 8


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a site and its bytes, but the search index's own files: Pagefind
    names and fills some of them differently on each run (see docs/publishing.md)."""
    files = (p for p in sorted(folder.rglob("*")) if p.is_file() and p.relative_to(folder).parts[0] != "pagefind")
    return {str(p.relative_to(folder)): p.read_bytes() for p in files}


def start_build(project: Project) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ocop_catalogue", "build", "-s", "pelicanconf.py", "-o", "output"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
    )


def leftovers(project: Project) -> list[str]:
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith("."))


def rename_province(project: Project, old: str, new: str) -> None:
    """A change that touches many pages, so that a half-written site would show."""
    areas = project.root / "data/areas.yaml"
    text = areas.read_text(encoding="utf-8")
    assert f"{{vi: {old}," in text
    areas.write_text(text.replace(f"{{vi: {old},", f"{{vi: {new},"), encoding="utf-8")


def test_a_build_killed_at_any_point_leaves_the_previous_site_whole(project: Project):
    assert start_build(project).wait() == 0
    # The kill points are spread over a build like the killed ones: a change to many
    # pages in a project built before, not the first build, which has more to do.
    rename_province(project, "Quảng Ninh", "Quảng Ninh cũ")
    started = time.monotonic()
    assert start_build(project).wait() == 0
    duration = time.monotonic() - started
    previous = snapshot(project.output)
    rename_province(project, "Quảng Ninh cũ", "Quảng Ninh mới")
    seen = []
    draw = random.Random(SEED)
    for delay in sorted(draw.uniform(0.05, 1.0) * duration for _ in range(KILLS)):
        build = start_build(project)
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait()
        seen.append(snapshot(project.output))
    assert start_build(project).wait() == 0
    new = snapshot(project.output)
    assert new != previous
    # Each kill left either the previous complete site or, killed after the swap, the new one.
    assert all(site in (previous, new) for site in seen)
    assert any(site == previous for site in seen)
    assert leftovers(project) == []


def test_a_full_disk_leaves_the_previous_site_whole(project: Project, capsys, monkeypatch):
    assert project.build(capsys)[0] == 0
    previous = snapshot(project.output)
    write_page = PageWriter._write
    written = []

    def fill_the_disk(self, name, data):
        written.append(name)
        if len(written) > 20:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        return write_page(self, name, data)

    # Catalogue pages are written by the build's own writer, on every core; a new
    # province name changes every page, so the build has many to write.
    monkeypatch.setattr(PageWriter, "_write", fill_the_disk)
    rename_province(project, "Quảng Ninh", "Quảng Ninh mới")
    code, printed = project.build(capsys)
    assert code == 1
    lines = printed.rstrip().splitlines()
    assert lines[-2].startswith("error: OSError: [Errno 28] No space left on device")
    assert lines[-1].startswith("failed: not built; the output is unchanged: 1 errors, ")
    assert "Traceback" not in printed
    assert snapshot(project.output) == previous
    assert leftovers(project) == []


def test_pages_left_in_the_reused_spare_are_replaced_never_written_into(project: Project, capsys, monkeypatch):
    # Two builds: the spare is then the first site, whose pages are the very files of the
    # output wherever they did not change, and the next build stages into it.
    for _ in range(2):
        assert project.build(capsys)[0] == 0
    previous = snapshot(project.output)
    record = project.root / "data/products/dau-lac-hai-yen.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Dầu lạc nguyên chất", "Dầu lạc mới"), "utf-8")

    def fail_after_writing(*args):
        raise RuntimeError("stopped after the pages were written")

    monkeypatch.setattr("ocop_catalogue.build._complete", fail_after_writing)
    code, printed = project.build(capsys)
    assert code == 1, printed
    assert snapshot(project.output) == previous  # the renamed product's pages too

    monkeypatch.undo()
    assert project.build(capsys)[0] == 0
    page = (project.output / "san-pham/dau-lac-hai-yen/index.html").read_text(encoding="utf-8")
    assert "<h1>Dầu lạc mới Hải Yến</h1>" in page


def test_a_build_left_aside_by_a_kill_between_the_renames_is_put_back(project: Project, capsys):
    assert project.build(capsys)[0] == 0
    previous = snapshot(project.output)
    project.output.rename(project.root / ".output.old")  # killed right after the first rename
    (project.root / ".output.staging").mkdir()  # with a half-written staging folder
    assert project.build(capsys)[0] == 0
    assert snapshot(project.output) == previous
    assert leftovers(project) == []


def test_every_outcome_ends_with_a_summary_line(project: Project, capsys, monkeypatch):
    settings = str(project.root / "pelicanconf.py")
    assert main(["check", "-s", settings]) == 0
    assert capsys.readouterr().err.splitlines()[-1].startswith("ok: checked: 0 errors, ")
    project.write("data/products/mat-ong.yaml", "name: Mật ong\n")
    assert main(["check", "-s", settings]) == 1
    assert capsys.readouterr().err.splitlines()[-1].startswith("failed: checked: 3 errors, ")

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("ocop_catalogue.build.load_catalogue", broken)
    assert main(["check", "-s", settings]) == 1
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "error: RuntimeError: a bug (run with --debug for details)",
        "failed: not checked: 1 errors, 0 warnings",
    ]
