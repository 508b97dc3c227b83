"""Problems found in the records, reported to editors as ``path:line: key: message``."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one file, at one line."""

    path: str
    line: int
    key: str
    message: str
    warning: bool = False
    # The file whose own errors this problem follows from (a product naming a producer
    # whose file has errors): such problems are listed right after that file's own,
    # so that the editor reads the cause first, wherever the files that name it sort.
    cause: str = ""

    def __lt__(self, other: Problem) -> bool:
        return self._order() < other._order()

    def _order(self) -> tuple:
        return (self.cause or self.path, bool(self.cause), self.path, self.line, self.key, self.message, self.warning)

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {self.key}: {kind}{self.message}"


class CatalogueError(Exception):
    """The records hold errors; the build must stop before writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# Printed above the errors when warnings come before them, in the words of the editors' report.
ERRORS_HEADING = "Lỗi / Errors"


def print_problems(problems: Sequence[Problem], outcome: str, strict: bool = False, unexpected: int = 0) -> int:
    """Print every problem and the summary line that ends every build and check; returns
    the exit status. The errors come last, under a heading, just above the summary: the
    demo alone has about fifteen warnings, and an editor must not have to find the one
    error that stopped the build among them. ``strict`` counts warnings as errors."""
    warnings = [] if strict else [problem for problem in problems if problem.warning]
    errors = [problem for problem in problems if strict or not problem.warning]
    for problem in warnings:
        print(problem, file=sys.stderr)
    if errors and warnings:
        print(f"{ERRORS_HEADING}: {len(errors)}", file=sys.stderr)
    for problem in errors:
        print(problem, file=sys.stderr)
    status = "failed" if errors or unexpected else "ok"
    print(f"{status}: {outcome}: {len(errors) + unexpected} errors, {len(warnings)} warnings", file=sys.stderr)
    return 1 if status == "failed" else 0


def unexpected_failure(error: BaseException) -> str:
    """A failure nobody foresaw (a full disk, a bug) in one line, instead of a traceback."""
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return f"error: {reason} (run with --debug for details)"


def did_you_mean(name: str, known: Sequence[str]) -> str:
    """The end of an unknown key's message: the known key closest to ``name``, or,
    none being close, the list of them."""
    # Keys are lowercase: "Producer" or "EN" is the key itself, however far difflib finds it.
    close = [key for key in known if key == name.lower()] or difflib.get_close_matches(name, known, n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f"; known keys: {', '.join(known)}" if known else ""
