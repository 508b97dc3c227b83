"""Stacked horizontal bar charts, laid out at build time and drawn as inline SVG
by ``_charts.html``: no script and no chart library in the browser.

Each bar has its label on its own line(s) above it, so long Vietnamese names
(a group is 60 letters long) wrap instead of squeezing the bars on a phone.
The drawing is 400 units wide and scales to the width of the page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from . import i18n
from .statistics import Row

WIDTH = 400
FONT_SIZE = 16
LINE_HEIGHT = 20
BAR_HEIGHT = 24
BAR_GAP = 12
LEGEND_HEIGHT = 32
LABEL_CHARACTERS = 48  # what fits in one line of WIDTH at FONT_SIZE (about 0.5 em a letter)
TOTAL_SPACE = 48  # room right of the longest bar for its total
DIGIT_WIDTH = 9
# Light to dark amber, as the stars are drawn; each with a text colour that reads on it.
FILLS = ("#f2d19b", "#d08c1f", "#7a4c0c")
INKS = ("#1d2320", "#1d2320", "#ffffff")


@dataclass
class Segment:
    series: int
    count: int
    x: float
    width: float
    labelled: bool  # wide enough to print its count inside

    @property
    def fill(self) -> str:
        return FILLS[self.series]

    @property
    def ink(self) -> str:
        return INKS[self.series]

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


@dataclass
class Bar:
    label: str
    label_lines: list[tuple[float, str]]  # baseline and text of each line
    y: float
    counts: Sequence[int]
    total: int
    total_x: float
    segments: list[Segment] = field(default_factory=list)

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35


@dataclass
class Chart:
    bars: list[Bar]
    legend: list[tuple[float, str, str]]  # x, fill and text of each series
    height: float
    width: int = WIDTH
    font_size: int = FONT_SIZE
    bar_height: int = BAR_HEIGHT


def stacked_bars(rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[str]) -> Chart:
    """Lay out one bar per ``(label, counts per series)`` row."""
    largest = max((sum(counts) for _, counts in rows), default=0)
    scale = (WIDTH - TOTAL_SPACE) / largest if largest else 0
    y = float(LEGEND_HEIGHT)
    bars = []
    for label, counts in rows:
        lines = textwrap.wrap(label, LABEL_CHARACTERS) or [""]
        baselines = [(y + (i + 1) * LINE_HEIGHT - 4, line) for i, line in enumerate(lines)]
        y += len(lines) * LINE_HEIGHT
        bar = Bar(label, baselines, y, counts, sum(counts), 0.0)
        x = 0.0
        for index, count in enumerate(counts):
            width = count * scale
            if count:
                bar.segments.append(Segment(index, count, x, width, width >= 8 + DIGIT_WIDTH * len(str(count))))
            x += width
        bar.total_x = x + 6
        bars.append(bar)
        y += BAR_HEIGHT + BAR_GAP
    legend = [(i * WIDTH / len(series), FILLS[i], name) for i, name in enumerate(series)]
    return Chart(bars, legend, y)


def label(key: object, lang: str) -> str:
    """A district or group by its name in ``lang``; a year as it is."""
    name = getattr(key, "name", None)
    return name.get(lang)[0] if name is not None else str(key)


@pass_context
def bar_chart(context: Context, rows: Sequence[Row], series: Sequence[str]) -> Chart:
    """The Jinja global: rows of ``statistics`` laid out for the page's language."""
    lang = i18n.page_lang(context)
    return stacked_bars([(label(row.key, lang), row.counts) for row in rows], series)


def install(env: Environment) -> None:
    env.globals["bar_chart"] = bar_chart
