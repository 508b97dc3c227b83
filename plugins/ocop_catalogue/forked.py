"""One call run in a forked process while the build goes on with other work.

Forking, not spawning: the child starts with the build's memory (the whole
catalogue, at national scale hundreds of megabytes) without pickling it, and
only the call's result travels back, through a pipe. The child's cycle
collector leaves what the build had made alone (``long_lived.out_of_reach``):
a full collection there walked the whole catalogue and so copied the memory
the two processes share, which made the completeness check 2.7 times slower.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from .long_lived import out_of_reach

T = TypeVar("T")


class Forked(Generic[T]):
    """``function(*args)`` in a forked process; ``result()`` returns what it returned
    or raises what it raised. Used as a context manager, the process is stopped on
    leaving if its result was never asked for (the build failed meanwhile)."""

    def __init__(self, function: Callable[..., T], *args: Any):
        context = multiprocessing.get_context("fork")
        self._results, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_call, args=(function, args, sending), daemon=True)
        with out_of_reach():
            self._process.start()
        sending.close()
        self._outcome: Any = None
        self._done = False

    def wait(self) -> None:
        """Wait until the call has ended, without raising what it raised."""
        if self._done:
            return
        try:
            self._outcome = self._results.recv()
        except EOFError:  # the process died without a word
            self._process.join()
            self._outcome = RuntimeError(f"the process {self._process.name} ended with {self._process.exitcode}")
        self._process.join()
        self._results.close()
        self._done = True

    def result(self) -> T:
        self.wait()
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        return self._outcome

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(self, *exception: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the process, if its result was never asked for."""
        if not self._done:
            self._process.kill()
            self._process.join()
            self._results.close()
            self._done = True


def _call(function: Callable[..., Any], args: tuple, sending) -> None:
    try:
        outcome = function(*args)
    except BaseException as error:  # sent back, raised again in the build
        outcome = error
    sending.send(outcome)
