"""How long `make check` takes on the demo catalogue, and the check through Pelican beside it.

    .venv/bin/python tests/tools/benchmark_check.py [runs]

Each figure is the best of several runs of a fresh process (wall clock, then CPU time of the
process), as an editor's commit hook would run it. The figures are written in
docs/editing-tools.md.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = {
    "make check (python -m ocop_catalogue check)": ["-m", "ocop_catalogue", "check"],
    "the same check through Pelican (build.check)": [
        "-c",
        "import sys; from ocop_catalogue.build import check; sys.exit(check('pelicanconf.py'))",
    ],
    "python and pydantic start-up alone": ["-c", "import ocop_catalogue.schema"],
}


def measure(arguments: list[str], runs: int) -> tuple[float, float, float]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, *arguments], cwd=ROOT, env=environment, capture_output=True, check=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(walls), statistics.median(walls), min(cpus)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print(f"{runs} runs each; best wall, median wall, best CPU")
    for name, arguments in COMMANDS.items():
        best, median, cpu = measure(arguments, runs)
        print(f"{name}: {best:.2f} s, {median:.2f} s, {cpu:.2f} s")


if __name__ == "__main__":
    main()
