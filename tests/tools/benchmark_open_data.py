"""Time the open data export, the statistics counts and one product's JSON-LD for a national-size
catalogue: the demo's records copied to 20,000 products.

    PYTHONPATH=plugins .venv/bin/python tests/tools/benchmark_open_data.py [products]

The figures measured are written in docs/open-data.md.
"""

from __future__ import annotations

import datetime
import sys
import tempfile
import time
from pathlib import Path

from ocop_catalogue.images import Pictures
from ocop_catalogue.loading import load_records
from ocop_catalogue.model import Catalogue
from ocop_catalogue.opendata import write_open_data
from ocop_catalogue.statistics import Statistics
from ocop_catalogue.structured_data import LinkedData
from ocop_catalogue.urls import Urls

ROOT = Path(__file__).resolve().parents[2]


def national_catalogue(size: int) -> Catalogue:
    records = load_records(ROOT / "data")
    demo = list(records.by_kind["products"].values())
    products = {}
    for number in range(size):
        product = demo[number % len(demo)]
        copy_id = f"{product.id}-{number}"
        products[copy_id] = product.model_copy(update={"id": copy_id})
    records.by_kind["products"] = products
    return Catalogue.from_records(records, datetime.date(2026, 11, 22))


def timed(label: str, action) -> None:
    """Wall-clock and CPU time: on a busy machine the CPU time is the figure that compares."""
    started, cpu = time.perf_counter(), time.process_time()
    action()
    print(f"{label}: {time.perf_counter() - started:.2f} s ({time.process_time() - cpu:.2f} s CPU)")


def main(size: int) -> None:
    started = time.perf_counter()
    catalogue = national_catalogue(size)
    print(f"{size} products loaded and indexed in {time.perf_counter() - started:.2f} s")
    settings = {"SITEURL": "https://ocop.example.org", "DEFAULT_LANG": "vi", "PATH": str(ROOT / "content")}
    with tempfile.TemporaryDirectory() as output:
        timed(
            "catalogue JSON and CSV in both languages, and the schema",
            lambda: write_open_data(catalogue, settings, Path(output)),
        )
        sizes = {path.name: path.stat().st_size for path in Path(output, "du-lieu").iterdir()}
        for name, size_bytes in sorted(sizes.items()):
            print(f"  {name}: {size_bytes / 1e6:.1f} MB")
    timed("statistics counts", lambda: Statistics.count(catalogue))
    linked = LinkedData(catalogue, Urls(settings), settings["SITEURL"], "vi", {}, Pictures(settings).shared_path)
    product = next(iter(catalogue.products.values()))
    cpu = time.process_time()
    for _ in range(1000):
        linked.product(product)
    print(f"one product's JSON-LD: {(time.process_time() - cpu):.2f} ms CPU")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
