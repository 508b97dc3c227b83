"""Time one booklet of many products: ``python tests/tools/bench_booklet.py [COUNT]``.

It copies the demo catalogue into a temporary folder, adds synthetic
products up to COUNT (500 by default) that reuse the demo producers and pictures, and
renders the whole-province booklet in Vietnamese, as ``make catalogue``
does (its runs of entries on every core; the CPU time counts the workers).
The print pictures are encoded into the cache before the timing starts, as
a rebuild finds them there. The figure goes in docs/print.md.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from ocop_catalogue.booklets import Booklet  # noqa: E402
from ocop_catalogue.pdf import standalone_renderer, write_all  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

WORDS = ["Gạo", "Trà", "Mật ong", "Nước mắm", "Rượu", "Chả mực", "Miến", "Dầu lạc", "Nấm", "Bánh"]
PLACES = ["Đông Triều", "Hạ Long", "Bình Liêu", "Vân Đồn", "Cô Tô", "Quảng Yên", "Tiên Yên", "Ba Chẽ"]


def add_products(project: Path, count: int) -> None:
    demo = sorted((ROOT / "data" / "products").glob("*.yaml"))
    records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in demo]
    for number in range(count):
        record = dict(records[number % len(records)])
        word, place = WORDS[number % len(WORDS)], PLACES[(number // len(WORDS)) % len(PLACES)]
        record["name"] = {"vi": f"{word} {place} số {number}", "en": f"{place} product no. {number}"}
        record.pop("id", None)
        path = project / "data" / "products" / f"bench-{number:04d}.yaml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in ("data", "content"):
            shutil.copytree(ROOT / name, project / name)
        # The demo's products stay (its fairs show them); synthetic ones make up the count.
        add_products(project, count - len(list((project / "data" / "products").glob("*.yaml"))))
        # Certificates and the image cache as in a real build of the repository.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "1795305600")
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={
                "PATH": str(project / "content"),
                "CATALOGUE_DATA_PATH": str(project / "data"),
                "THEME": str(ROOT / "theme"),
                "OUTPUT_PATH": str(project / "output"),
                "BOOKLET_IMAGE_CACHE_PATH": str(ROOT / "cache" / "images"),
            },
        )
        logging.disable(logging.WARNING)  # the synthetic records lack translations
        renderer = standalone_renderer(settings)
        booklet = Booklet("province", renderer.catalogue.province.id)
        for product in renderer.catalogue.products.values():
            renderer.picture_of(product)
        target = project / "booklet.pdf"
        started, cpu = time.monotonic(), _cpu_seconds()
        write_all(renderer.templates, renderer.context, renderer.settings, [(booklet, "vi", target)])
        seconds, cpu_seconds = time.monotonic() - started, _cpu_seconds() - cpu
        pages = _pages(target)
        print(f"{count} products, {pages} pages, {target.stat().st_size / 1e6:.1f} MB: ", end="")
        print(f"{seconds:.1f} s wall, {cpu_seconds:.1f} s CPU")


def _cpu_seconds() -> float:
    """CPU time of this process and of the finished worker processes it started."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
