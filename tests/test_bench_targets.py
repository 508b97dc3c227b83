"""The benchmark says whether each of the issue's targets is met, by time and by memory."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))
from bench import against_target  # noqa: E402


def test_a_target_is_met_only_within_both_limits():
    assert against_target(15.9, 499, 16, 500) == "target ≤ 16 s, ≤ 500 MB: met (15.90 s, 499 MB)"
    assert against_target(16.1, 400, 16, 500).endswith("not met (16.10 s, 400 MB)")
    assert against_target(12.0, 1820, 16, 500).endswith("not met (12.00 s, 1,820 MB)")
    assert against_target(0.97, 2000, 1, None) == "target ≤ 1 s: met (0.97 s)"
    assert against_target(1.01, 90, 1, None) == "target ≤ 1 s: not met (1.01 s)"
