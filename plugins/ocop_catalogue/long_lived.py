"""How the build keeps Python's cycle collector off what lives to its end.

A build makes millions of objects that live to its end: the records (unpickled
from the record cache), the catalogue and its indexes, the pages' outcomes.
The collector walks every object it tracks in each full collection, and starts
one whenever the objects moved to the oldest generation since the last one
reach a quarter of those it holds. Three measures, one per moment:

- ``no_full_collections``, around the whole build: no full collections in the
  build's own process (at national scale, twice in an unchanged rebuild, 1.3 to
  1.5 s each, with nothing to free). Young collections still run and free the
  cycles that die young (most do). Processes forked meanwhile (the workers
  rendering pages) collect as usual: they make and drop a page after another.
- ``paused_gc``, while records are read or the record cache is (un)pickled: no
  collection at all, and what was made goes straight to the oldest generation.
- ``out_of_reach``, while the pages are rendered and when a call is forked
  (``forked``): what was made so far is frozen, so the forked processes'
  collections neither scan it nor touch, and so copy, the memory they share.
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


@contextmanager
def paused_gc() -> Iterator[None]:
    """Reading makes a great many objects that all live on: the cycle collector
    would walk them again and again for nothing (half the time of unpickling
    the record cache, a third of pickling it). Cycles made meanwhile are
    collected afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Hand what was made to the oldest generation at once (freeze, then
        # unfreeze, moves every object there): the young collections would
        # otherwise walk all of it twice on its way there.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


@contextmanager
def out_of_reach() -> Iterator[None]:
    """Every object made so far out of the collector's reach, in this process and
    in those forked meanwhile: every full collection (the cards of a long listing
    set some off in a worker) would scan the catalogue's millions of objects
    again, and touch, and so copy, the memory a worker shares with the others."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
