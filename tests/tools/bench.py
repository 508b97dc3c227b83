"""Benchmark the build on synthetic catalogues (``make bench``); not a test.

For each size it writes a catalogue (``synthetic_catalogue``), then times, as
a separate process the way ``make html`` runs it:

- ``cold``: the first build, with no output and no cache;
- ``first``: the same build again, nothing edited: the first rebuild, which
  has no spare folder to stage into yet (``staging``);
- ``unchanged``: once more, nothing edited, staging into the spare as every
  later build does;
- ``edit``: a build after one product's price changed, counting the files
  whose inode or modification time changed;
- ``rename``: a build after the same product's name changed: unlike a price,
  a name is searched by, so the search index is made again;
- ``preview``: the price edited again, rebuilt as ``make devserver`` does after
  its first build, in a process forked from a warm one (wall time only);
- ``preview rename``: the name edited again in the preview, whose build keeps
  the last search index and shows the page, then renews the index (``index``):
  both times.

Wall time, CPU time (user and system, all processes), pages per second and
peak memory are printed: the largest
process's peak resident set (what ``/usr/bin/time -v`` reports) and the peak
of the proportional set size summed over the build and its workers (shared
pages counted once), sampled every half second: reading a large process's
``smaps_rollup`` walks its whole memory map, and sampling every 50 ms made a
national build about a tenth slower.

    python tests/tools/bench.py --products 20000 --products 1000
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_catalogue import ROOT, write_catalogue  # noqa: E402

sys.path.insert(0, str(ROOT / "plugins"))
from ocop_catalogue.devserver import SiteVersion, rebuild  # noqa: E402
from ocop_catalogue.search import pagefind_command  # noqa: E402
from ocop_catalogue.urls import Urls  # noqa: E402
from ocop_catalogue.warm_builds import WarmBuilder  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

EPOCH = "1795305600"  # the build date of the benchmarks: 2026-11-22
# Seconds between the preview's first build and the edit timed after it.
READING_TIME = 3
# The targets of docs/performance.md, by catalogue size and scenario, without pictures:
# wall seconds, and the peak memory in MB (the largest process's, as /usr/bin/time -v gives it).
TARGETS = {(20000, "cold"): (16.0, 500.0), (1000, "cold"): (2.0, None), (1000, "edit"): (1.0, None)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, action="append", help="catalogue sizes (default: 20000 and 1000)")
    parser.add_argument("--pictures", action="store_true", help="give every product a JPEG picture")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    print(
        f"{'products':>8} {'scenario':<10} {'wall s':>7} {'CPU s':>6} {'pages':>6} {'pages/s':>8} "
        f"{'max RSS MB':>10} {'sum PSS MB':>10}"
    )
    # Nothing is deleted until every size is measured: see ``bench``.
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ocop-bench-"))
    try:
        for products in args.products or [20000, 1000]:
            bench(folder / f"catalogue-{products}", products, args.pictures)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def bench(root: Path, products: int, pictures: bool) -> None:
    """Write a catalogue of ``products`` and time its builds.

    Nothing is deleted between the builds: on ext4 without a journal (as on the
    machine the figures come from) a new file skips the inodes freed in the last
    minute, so a build right after a large deletion creates its files several
    times slower (docs/performance.md), which would measure the benchmark's own
    cleaning. An existing ``root`` (``--keep``) is therefore refused, not removed."""
    if root.exists():
        sys.exit(f"{root} exists: remove it first, at least a few minutes before measuring")
    write_catalogue(root, products, pictures=pictures)
    label = f"{products}{' +pic' if pictures else ''}"
    targets = {} if pictures else {scenario: limits for (size, scenario), limits in TARGETS.items() if size == products}
    report(label, "cold", *timed_build(root), target=targets.get("cold"))
    wall, cpu = timed_search_index(root)
    print(f"{'':>8} {'':<10} of which the search index (Pagefind, timed again alone): {wall:.1f} s, {cpu:.1f} CPU s")
    report(label, "first", *timed_build(root))
    report(label, "unchanged", *timed_build(root))
    product = root / "data/products/san-pham-00000.yaml"
    timed_edit(root, label, "edit", lambda: edit_price(product), targets.get("edit"))
    timed_edit(root, label, "rename", lambda: rename(product))
    wall, _ = timed_preview_edit(root, lambda: edit_price(product))
    print(f"{label:>8} {'preview':<10} {wall:7.2f}  (the price edited again, in make devserver)")
    wall, indexing = timed_preview_edit(root, lambda: rename(product))
    print(
        f"{label:>8} {'preview':<10} {wall:7.2f}  (the name edited again, in make devserver; "
        f"the search index renewed after it in {indexing:.2f} s)"
    )


def timed_edit(
    root: Path, label: str, scenario: str, edit: Callable[[], None], target: tuple[float, float | None] | None = None
) -> None:
    """Make ``edit``, time the build, and list the files it rewrote (inode or modification time changed)."""
    before = snapshot(root / "output")
    edit()
    result = timed_build(root)
    changed = sorted(name for name, stamp in snapshot(root / "output").items() if before.get(name) != stamp)
    report(label, scenario, *result, target=target)
    listed = f": {', '.join(changed)}" if len(changed) <= 10 else ""
    print(f"{'':>8} {'':<10} files rewritten by the {scenario}: {len(changed)}{listed}")


def build_environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": EPOCH}


def timed_build(root: Path) -> tuple[float, float, int, float, float]:
    """Wall and CPU seconds, pages in the output, largest peak RSS and peak summed PSS (MB)."""
    command = [sys.executable, "-m", "ocop_catalogue", "build", "-s", "pelicanconf.py", "-o", "output"]
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    env = build_environment()
    # A file, not a pipe: a national catalogue prints thousands of warnings.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        started = time.monotonic()
        process = subprocess.Popen(timer + command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        peak_pss = 0
        while process.poll() is None:
            peak_pss = max(peak_pss, tree_pss(process.pid))
            # Not a plain sleep: the wall time would be rounded up to the next half second.
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.5)
        wall = time.monotonic() - started
        errors.seek(0)
        printed = errors.read()
    if process.returncode != 0:
        sys.exit(f"the build failed:\n{printed[-3000:]}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", printed)
    max_rss = int(found.group(1)) / 1024 if found else float("nan")
    cpu = sum(float(seconds) for seconds in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", printed))
    pages = sum(1 for _ in (root / "output").rglob("*.html"))
    return wall, cpu or float("nan"), pages, max_rss, peak_pss / 1024


def timed_preview_edit(root: Path, edit: Callable[[], None]) -> tuple[float, float]:
    """Wall seconds of the preview's rebuild after ``edit``, and of the search index
    renewed after it (0 when the build could keep it): ``make devserver`` builds once
    when it starts, then forks each build from a process that has already imported it
    and read ahead the records the last build left (``warm_builds``)."""
    environment = build_environment()
    where = ["-s", str(root / "pelicanconf.py"), "-o", str(root / "output")]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as printed:
        builder = WarmBuilder(environment, printed)
        try:
            # As the preview does when it starts, before any edit: the build, then the editors' report.
            rebuild(str(root / "pelicanconf.py"), root / "output", SiteVersion(), builder)
            # An editor looks at the page before the next edit; the warm process reads
            # the records ahead meanwhile (1.7 s at national scale).
            time.sleep(READING_TIME)
            edit()
            started = time.monotonic()
            status = builder.run(["build", *where, "--search-index-later"])
            wall = time.monotonic() - started
            started = time.monotonic()
            status = status or builder.run(["index", *where])
            indexing = time.monotonic() - started
        finally:
            builder.stop()
        if status != 0:
            printed.seek(0)
            sys.exit(f"the preview's build failed:\n{printed.read()[-3000:]}")
    return wall, indexing


def timed_search_index(root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of Pagefind indexing the built site again as the build does.

    Its bundle goes beside the output, not into it (the next build would take it
    for a file of the site), and stays until the benchmark ends (see ``bench``)."""
    output = root / "output"
    command = pagefind_command(output, Urls(read_settings(str(root / "pelicanconf.py"))), root / "search-index-alone")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def tree_pss(pid: int) -> int:
    """The summed proportional set size (kB) of ``pid`` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        pending += children.get(current, [])
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
        except OSError:
            continue
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        total += int(found.group(1)) if found else 0
    return total


def edit_price(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"vnd: (\d+)", lambda m: f"vnd: {int(m.group(1)) + 1000}", text, count=1), encoding="utf-8")


def rename(path: Path) -> None:
    """Put a word before the Vietnamese name, written ``name: X`` or ``name: {vi: X, ...}``."""
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"^name: (\{vi: )?", lambda found: found.group(0) + "Mới ", text, count=1, flags=re.MULTILINE)
    if edited == text:
        sys.exit(f"no name to edit in {path}")
    path.write_text(edited, encoding="utf-8")


def snapshot(output: Path) -> dict[str, tuple[int, int]]:
    """Every file's inode and modification time."""
    found = {}
    for path in output.rglob("*"):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(output).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return found


def report(
    label: str,
    scenario: str,
    wall: float,
    cpu: float,
    pages: int,
    max_rss: float,
    pss: float,
    target: tuple[float, float | None] | None = None,
) -> None:
    print(
        f"{label:>8} {scenario:<10} {wall:7.2f} {cpu:6.1f} {pages:6d} {pages / wall:8.0f} {max_rss:10.0f} {pss:10.0f}",
        flush=True,
    )
    if target is not None:
        print(f"{'':>8} {'':<10} {against_target(wall, max_rss, *target)}", flush=True)


def against_target(wall: float, max_rss: float, seconds: float, megabytes: float | None) -> str:
    """``target ≤ 16 s, ≤ 500 MB: not met (68.2 s, 1,820 MB)``."""
    limits = f"≤ {seconds:g} s" + (f", ≤ {megabytes:,.0f} MB" if megabytes is not None else "")
    met = wall <= seconds and (megabytes is None or max_rss <= megabytes)
    shown = f"{wall:.2f} s" + (f", {max_rss:,.0f} MB" if megabytes is not None else "")
    return f"target {limits}: {'met' if met else 'not met'} ({shown})"


if __name__ == "__main__":
    main()
