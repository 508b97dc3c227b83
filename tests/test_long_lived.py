"""A build's own process makes no full collection; the processes it forks collect as usual."""

from __future__ import annotations

import gc
import multiprocessing

import pytest
from ocop_catalogue.long_lived import NEVER, no_full_collections


def thresholds_in_a_forked_process() -> tuple[int, int, int]:
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=lambda: sending.send(gc.get_threshold()))
    process.start()
    thresholds = receiving.recv()
    process.join()
    return thresholds


def test_full_collections_are_off_while_a_build_runs_and_on_again_after():
    usual = gc.get_threshold()
    with pytest.raises(RuntimeError), no_full_collections():
        assert gc.get_threshold() == (usual[0], usual[1], NEVER)
        assert thresholds_in_a_forked_process() == usual
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == usual
