"""Server-drawn horizontal bar charts (SVG, no script, no library): the geometry of stacked bars
and their legend, drawn by ``components/_bar_chart.html``. Each page keeps its table as the
accessible version of the same numbers; the chart only adds a picture of them.

The geometry is integers only, so no locale formatting ever enters an SVG attribute (a
Vietnamese decimal comma would break ``width="12,5"``); the text at the end of each bar
(``total``) is rendered by the template with the page's locale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Number = int | Decimal | float


@dataclass(frozen=True)
class Segment:
    """One coloured part of a bar; ``measure`` names it (a CSS class ``bar-<measure>``)."""

    measure: str
    colour: str
    x: int
    width: int
    value: Any


@dataclass(frozen=True)
class ChartBar:
    """One line of the chart: its label, its top, its segments, the text after it and where
    that text starts."""

    label: str
    y: int
    segments: tuple[Segment, ...]
    total: Any
    end: int
    suffix: str = ""


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    x: int
    y: int


@dataclass(frozen=True)
class BarInput:
    """What one bar shows: ``parts`` are ``(measure, colour, value)`` in drawing order."""

    label: str
    parts: Sequence[tuple[str, str, Number]]
    total: Any
    suffix: str = ""


@dataclass(frozen=True)
class BarChart:
    """Bars, legend and the size of the drawing (``viewBox`` width and height)."""

    bars: tuple[ChartBar, ...]
    legend: tuple[LegendEntry, ...]
    width: int
    height: int
    label_chars: int


def stacked_bars(
    bars: Sequence[BarInput],
    *,
    left: int,
    width: int,
    row: int,
    scale: Number | None = None,
) -> list[ChartBar]:
    """The geometry of ``bars``, one per ``row`` pixels from the top, segments drawn from
    ``left`` and ``width`` pixels long at ``scale`` (by default the largest bar's sum)."""
    largest = max([sum(value for _m, _c, value in bar.parts) for bar in bars] + [0])
    scale = scale or largest or 1
    out = []
    for index, bar in enumerate(bars):
        x, segments = left, []
        for measure, colour, value in bar.parts:
            length = round(width * value / scale) if value else 0
            segments.append(Segment(measure, colour, x, int(length), value))
            x += int(length)
        out.append(ChartBar(bar.label, index * row, tuple(segments), bar.total, x, bar.suffix))
    return out


def chart_legend(
    entries: Sequence[tuple[str, str]], *, top: int, per_line: int = 3, column: int = 230
) -> list[LegendEntry]:
    """The colours of the segments, ``per_line`` per line from ``top`` (inside the SVG, so the
    colours need no style attribute)."""
    return [
        LegendEntry(str(label), colour, (index % per_line) * column, top + (index // per_line) * 20)
        for index, (label, colour) in enumerate(entries)
    ]


def bar_chart(
    bars: Sequence[BarInput],
    *,
    legend: Sequence[tuple[str, str]] = (),
    left: int = 230,
    width: int = 400,
    row: int = 28,
    scale: Number | None = None,
    per_line: int = 3,
    label_chars: int = 34,
) -> BarChart:
    """A whole chart: the bars, then the legend below them."""
    drawn = stacked_bars(bars, left=left, width=width, row=row, scale=scale)
    top = len(drawn) * row + 12
    lines = (len(legend) + per_line - 1) // per_line
    return BarChart(
        bars=tuple(drawn),
        legend=tuple(chart_legend(legend, top=top, per_line=per_line)),
        width=left + width + 70,
        height=top + lines * 20 + (0 if legend else -4),
        label_chars=label_chars,
    )
