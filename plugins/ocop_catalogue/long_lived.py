"""No full collections by the cycle collector in a build's own process.

A build makes millions of objects that live to its end: the records (unpickled
from the record cache), the catalogue and its indexes, the pages' outcomes.
Python's collector walks every object it tracks in each full collection, and
starts one whenever the objects moved to the oldest generation since the last
one reach a quarter of those it holds: at national scale, twice in an
unchanged rebuild, 1.3 to 1.5 s each, with nothing to free. Young collections
still run and free the cycles that die young (most do). Processes forked
meanwhile (the workers rendering pages) collect as usual: they make and drop
a page after another.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

# The oldest generation is collected once the younger ones were collected this many times.
NEVER = 2**30

_usual: tuple[int, int, int] | None = None  # the thresholds to put back, while a build runs


@contextmanager
def no_full_collections() -> Iterator[None]:
    global _usual
    usual = gc.get_threshold()
    gc.set_threshold(usual[0], usual[1], NEVER)
    _usual = usual
    try:
        yield
    finally:
        _usual = None
        gc.set_threshold(*usual)


def _in_forked_process() -> None:
    if _usual is not None:
        gc.set_threshold(*_usual)


os.register_at_fork(after_in_child=_in_forked_process)
