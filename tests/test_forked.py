"""The forked call the build runs its completeness check in."""

from __future__ import annotations

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
