"""The forked call the build runs its completeness check in."""

from __future__ import annotations

import gc
import os
import time

import pytest
from ocop_catalogue.forked import Forked


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _fails() -> None:
    raise ValueError("the check broke")


def _sleeps() -> None:
    time.sleep(60)


def test_the_call_runs_in_another_process_and_returns_its_result():
    pid, doubled = Forked(_pid_and, 21).result()
    assert doubled == 42
    assert pid != os.getpid()


def test_what_the_call_raises_is_raised_again_by_result_not_by_wait():
    forked = Forked(_fails)
    forked.wait()
    with pytest.raises(ValueError, match="the check broke"):
        forked.result()


def test_a_process_whose_result_was_never_asked_for_is_stopped():
    started = time.monotonic()
    with Forked(_sleeps) as forked:
        process = forked._process
    assert not process.is_alive()
    assert time.monotonic() - started < 30


def test_the_process_starts_with_the_callers_objects_out_of_its_collectors_reach():
    """A full collection in the child would walk, and so copy, the memory it shares with the build."""
    kept = [[] for _ in range(1000)]  # tracked by the collector, as the catalogue's objects are
    assert gc.get_freeze_count() == 0
    assert Forked(gc.get_freeze_count).result() >= len(kept)
    assert gc.get_freeze_count() == 0  # the build's own process is left as it was
