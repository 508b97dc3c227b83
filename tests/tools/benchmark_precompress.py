"""What precompression costs: CPU time per file and bytes saved, per brotli quality.

Run on a built site (`make publish` first):

    PYTHONPATH=plugins .venv/bin/python tests/tools/benchmark_precompress.py output

CPU time (not wall time) is measured, on one core, so that other work on the
machine changes the figures little. The figures are in docs/publishing.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ocop_catalogue.compress import MIN_SIZE, TEXT_EXTENSIONS, brotli_bytes, gzip_bytes, text_files


def measure(name: str, encode, contents: list[bytes]) -> None:
    started = time.process_time()
    packed = sum(len(encode(data)) for data in contents)
    seconds = time.process_time() - started
    original = sum(map(len, contents))
    print(
        f"{name:<12} {seconds * 1000 / len(contents):7.2f} ms/file  {packed / 1024:9.0f} KiB "
        f"({packed / original:.1%} of the original)"
    )


def main(output: str) -> None:
    paths = list(text_files(Path(output), TEXT_EXTENSIONS, MIN_SIZE))
    contents = [path.read_bytes() for path in paths]
    print(f"{len(contents)} text files, {sum(map(len, contents)) / 1024:.0f} KiB")
    measure("gzip -9", gzip_bytes, contents)
    for quality in (11, 10, 9, 7, 5):
        measure(f"brotli {quality}", lambda data, q=quality: brotli_bytes(data, q), contents)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "output")
