"""Hostile and broken input: each case is refused by `make check` with its
``path:line: key: message``, no traceback, in little memory.

Each case runs ``python -m ocop_catalogue check`` as its own process, as
`make check` does, and that process's peak memory is measured. Run this file
as a script to print the time and memory of each case (docs/hardening.md).
"""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Project, copy_project, damaged_png, short_png
from PIL import Image

MAX_MEMORY_MB = 200
PRODUCER = sorted((ROOT / "data" / "producers").glob("*.yaml"))[0].stem
PICTURE = sorted((ROOT / "content" / "images" / "products").glob("*.jpg"))[0]
PRODUCT = f"name: Mật ong\nproducer: {PRODUCER}\ngroup: thuc-pham\nstar: 3\n"
STORY = "Title: Tin\nDate: 2026-01-01\nLang: vi\nSlug: tin\n\nNội dung.\n"


def record(text: str) -> Callable[[Project], None]:
    return lambda project: project.write("data/products/mat-ong.yaml", text)


def raw(relative: str, data: bytes) -> Callable[[Project], None]:
    return lambda project: (project.root / relative).write_bytes(data)


def picture(make: Callable[[Path], None], name: str) -> Callable[[Project], None]:
    def setup(project: Project) -> None:
        make(project.root / "content/images/products" / name)
        project.write("data/products/mat-ong.yaml", PRODUCT + f"images:\n  - file: products/{name}\n")

    return setup


def link(relative: str, target: str) -> Callable[[Project], None]:
    return lambda project: os.symlink(target, project.root / relative)


def billion_laughs() -> str:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    return PRODUCT + "\n".join(levels) + "\n"


def bomb(path: Path) -> None:
    """A PNG whose header claims 40,000 × 40,000 pixels (1.6 billion), as bombs do."""
    Image.new("1", (100, 100)).save(path)
    data = bytearray(path.read_bytes())
    header = b"IHDR" + struct.pack(">II", 40_000, 40_000) + bytes(data[24:29])
    data[12:33] = header + struct.pack(">I", zlib.crc32(header))
    path.write_bytes(bytes(data))


CASES: dict[str, tuple[Callable[[Project], None], str]] = {
    "empty file": (record(""), "data/products/mat-ong.yaml:1: -: the file is empty"),
    "file of comments only": (
        record("# name: Mật ong\n\n# star: 3\n"),
        "data/products/mat-ong.yaml:1: -: the file holds no record, only comments (lines starting with #)",
    ),
    "top level is a list": (
        record("- name: Mật ong\n- star: 3\n"),
        "data/products/mat-ong.yaml:1: -: expected keys and values (key: value) here",
    ),
    "top level is a scalar": (
        record("Mật ong\n"),
        "data/products/mat-ong.yaml:1: -: expected keys and values (key: value) here",
    ),
    "tab in the indentation": (
        record(PRODUCT + "certificate:\n\tnumber: '1'\n"),
        "data/products/mat-ong.yaml:6: -: YAML syntax error: a tab character; indent with spaces",
    ),
    "1 MB string": (
        record(PRODUCT + "season: " + "a" * 1_000_000 + "\n"),
        "data/products/mat-ong.yaml:5: season: the text is 1,000,000 characters long; at most 20,000 are allowed",
    ),
    "file over 2 MB": (
        record(PRODUCT + "# " + "x" * 2_100_000 + "\n"),
        "data/products/mat-ong.yaml:1: -: the file is 2.1 MB; a record file holds at most 2 MB of text",
    ),
    "billion laughs": (
        record(billion_laughs()),
        "data/products/mat-ong.yaml:6: a1.0: YAML anchors and aliases (&, *) are not allowed",
    ),
    "python tag": (
        record(PRODUCT + "season: !!python/object/apply:os.system [echo hacked]\n"),
        "data/products/mat-ong.yaml:5: season: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
    "record linking outside": (
        link("data/products/mat-ong.yaml", "/etc/passwd"),
        "data/products/mat-ong.yaml:1: -: the file is a link to a place outside the repository",
    ),
    "record that is a loop of links": (
        link("data/products/mat-ong.yaml", "mat-ong.yaml"),
        "data/products/mat-ong.yaml:1: -: the file is a link to a place outside the repository (or a loop of links)",
    ),
    "story that is a folder": (
        lambda project: (project.root / "content/stories/tin.md").mkdir(),
        "content/stories/tin.md:1: -: cannot read the file: Is a directory",
    ),
    "picture linking outside": (
        picture(lambda path: os.symlink(PICTURE, path), "lien-ket.jpg"),
        "content/images/products/lien-ket.jpg:1: -: the file is a link to a place outside the repository",
    ),
    "picture that is not a picture": (
        picture(lambda path: path.write_text("<html>not a picture</html>"), "gia.jpg"),
        "data/products/mat-ong.yaml:6: images.0.file: cannot read the picture content/images/products/gia.jpg: "
        "it is not a picture",
    ),
    "truncated picture": (
        picture(lambda path: path.write_bytes(PICTURE.read_bytes()[:4000]), "cut.jpg"),
        "mat-ong.yaml:6: images.0.file: cannot read the picture content/images/products/cut.jpg: "
        "the file is cut short (truncated)",
    ),
    "picture whose pixels are damaged": (
        picture(damaged_png, "hong.png"),
        "mat-ong.yaml:6: images.0.file: cannot read the picture content/images/products/hong.png: "
        "the picture is damaged (its pixels cannot be decoded)",
    ),
    "picture whose pixels end early": (
        picture(short_png, "ngan.png"),
        "mat-ong.yaml:6: images.0.file: cannot read the picture content/images/products/ngan.png: "
        "the file is cut short (truncated)",
    ),
    "decompression bomb": (
        picture(bomb, "bomb.png"),
        "mat-ong.yaml:6: images.0.file: cannot read the picture content/images/products/bomb.png: "
        "it is 40,000 × 40,000 px; a picture may be at most 10,000 px wide and tall",
    ),
    "picture 20,000 px wide": (
        picture(lambda path: Image.new("RGB", (20_000, 10)).save(path), "wide.png"),
        "mat-ong.yaml:6: images.0.file: cannot read the picture content/images/products/wide.png: "
        "it is 20,000 × 10 px; a picture may be at most 10,000 px wide and tall",
    ),
    "story date is not a date": (
        lambda p: p.write("content/stories/tin.md", STORY.replace("2026-01-01", "mùng 1 Tết")),
        "content/stories/tin.md:2: Date: 'mùng 1 Tết' is not a date",
    ),
    "story in an unknown language": (
        lambda p: p.write("content/stories/tin.md", STORY.replace("Lang: vi", "Lang: fr")),
        "content/stories/tin.md:3: Lang: unknown language 'fr'",
    ),
    "story metadata malformed": (
        lambda p: p.write("content/stories/tin.md", STORY.replace("Lang: vi", "Lang vi")),
        "content/stories/tin.md:3: -: expected 'Key: value' metadata",
    ),
    "story without metadata": (
        lambda p: p.write("content/stories/tin.md", "Nội dung.\n"),
        "content/stories/tin.md:1: Title: required metadata is missing",
    ),
    "story not UTF-8": (
        raw("content/stories/tin.md", STORY.replace("Nội dung.", "Cà phê.").encode("cp1252")),
        "content/stories/tin.md:6: -: the file is not UTF-8 text",
    ),
    "story modified date is not a date": (
        lambda p: p.write("content/stories/tin.md", STORY.replace("Slug: tin", "Slug: tin\nModified: hôm qua")),
        "content/stories/tin.md:5: Modified: 'hôm qua' is not a date",
    ),
    "story slug unsafe": (
        lambda p: p.write("content/stories/tin.md", STORY.replace("Slug: tin", "Slug: ../../tin")),
        "content/stories/tin.md:4: Slug: a slug is lowercase ASCII letters",
    ),
}


# The check run as `make check` runs it, which then prints its peak memory:
# VmHWM is this process's own, not the forking test process's.
CHECK = (
    "import atexit, re, runpy, sys\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    print('peak:', re.search(r'VmHWM:\\s+(\\d+)', status)[1], file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['ocop_catalogue', 'check', '-s', 'pelicanconf.py']\n"
    "runpy.run_module('ocop_catalogue', run_name='__main__')\n"
)


def run_check(root: Path) -> tuple[int, str, float, float]:
    """`make check` in ``root``: exit code, what it printed, seconds and peak memory in MB."""
    started = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
    )
    seconds = time.monotonic() - started
    printed, peak = process.stderr.rsplit("peak: ", 1)
    return process.returncode, printed, seconds, int(peak) / 1024


@pytest.mark.parametrize("case", list(CASES))
def test_check_refuses_hostile_input_at_its_line(tmp_path: Path, case: str):
    setup, expected = CASES[case]
    project = copy_project(tmp_path)
    setup(project)
    code, printed, _, memory = run_check(project.root)
    assert code == 1, printed
    assert expected in printed, printed
    assert "Traceback" not in printed
    assert printed.rstrip().splitlines()[-1].startswith("failed: checked: ")
    assert memory < MAX_MEMORY_MB, f"{case}: {memory:.0f} MB"


def test_a_photo_within_the_side_limit_is_accepted(tmp_path: Path):
    """Pillow's own limit, a 9,459 px square, refused this one as a decompression bomb."""
    project = copy_project(tmp_path)
    picture(lambda path: Image.new("L", (9_800, 9_800), 128).save(path, "JPEG"), "vuong.jpg")(project)
    code, printed, _, memory = run_check(project.root)
    assert code == 0, printed
    assert "vuong.jpg" not in printed
    assert memory < MAX_MEMORY_MB


@pytest.mark.parametrize(
    "setup",
    [
        lambda p: (p.root / "data/products/mat-ong.yaml").write_bytes(b"\xef\xbb\xbf" + PRODUCT.encode()),
        lambda p: (p.root / "data/products/mat-ong.yaml").write_bytes(PRODUCT.replace("\n", "\r\n").encode()),
    ],
    ids=["byte-order mark", "Windows line endings"],
)
def test_byte_order_mark_and_windows_line_endings_are_fine(project: Project, capsys, setup):
    from ocop_catalogue.build import check

    setup(project)
    assert check(str(project.root / "pelicanconf.py")) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    "case",
    [
        "story date is not a date",
        "story modified date is not a date",
        "picture linking outside",
        "picture whose pixels are damaged",
    ],
)
def test_the_build_refuses_what_the_check_refuses(project: Project, capsys, case: str):
    setup, expected = CASES[case]
    setup(project)
    code, printed = project.build(capsys)
    assert code == 1 and expected in printed, printed
    assert "Traceback" not in printed
    assert not project.output.exists()


def test_an_unreferenced_link_out_of_content_is_refused_too(project: Project, capsys):
    os.symlink("/etc", project.root / "content/images/etc")
    code, printed = project.build(capsys)
    assert code == 1
    assert "content/images/etc:1: -: the file is a link to a place outside the repository" in printed
    assert not project.output.exists()


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":  # the figures of docs/hardening.md
    print("| case | seconds | CPU seconds | peak memory (MB) |\n| --- | --- | --- | --- |")
    for name, (setup, _) in CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            project = copy_project(Path(folder))
            setup(project)
            cpu = cpu_seconds()
            _, _, seconds, memory = run_check(project.root)
            print(f"| {name} | {seconds:.2f} | {cpu_seconds() - cpu:.2f} | {memory:.0f} |")
