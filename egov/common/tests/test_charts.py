"""The bar chart geometry: integer widths at the chart's scale, segments end to end, the text
after each bar where its last segment ends, and the legend laid out below the bars."""

from __future__ import annotations

from decimal import Decimal

from egov.common.charts import BarInput, bar_chart, chart_legend, stacked_bars


def test_segments_are_laid_end_to_end_at_the_largest_bars_scale():
    bars = stacked_bars(
        [
            BarInput("A", [("done", "#0a0", 3), ("late", "#a00", 1)], 4),
            BarInput("B", [("done", "#0a0", 0), ("late", "#a00", 2)], 2),
        ],
        left=100,
        width=400,
        row=28,
    )

    assert [(s.x, s.width) for s in bars[0].segments] == [(100, 300), (400, 100)]
    assert bars[0].end == 500
    assert [(s.x, s.width) for s in bars[1].segments] == [(100, 0), (100, 200)]
    assert (bars[1].y, bars[1].end, bars[1].total) == (28, 300, 2)


def test_a_fixed_scale_draws_percentages_and_decimals_round_to_integers():
    (bar,) = stacked_bars(
        [BarInput("Index", [("index", "#00f", Decimal("66.67"))], Decimal("66.67"), " %")],
        left=230,
        width=400,
        row=28,
        scale=100,
    )

    assert bar.segments[0].width == 267
    assert isinstance(bar.segments[0].width, int)
    assert (bar.end, bar.suffix) == (497, " %")


def test_nothing_to_draw_gives_empty_bars_without_dividing_by_zero():
    (bar,) = stacked_bars([BarInput("Empty", [("x", "#000", 0)], 0)], left=0, width=100, row=20)

    assert bar.segments[0].width == 0
    assert bar.end == 0


def test_the_legend_goes_below_the_bars_three_per_line():
    chart = bar_chart(
        [BarInput("A", [("a", "#111", 1)], 1), BarInput("B", [("a", "#111", 2)], 2)],
        legend=[("one", "#111"), ("two", "#222"), ("three", "#333"), ("four", "#444")],
    )

    assert [(e.label, e.x, e.y) for e in chart.legend] == [
        ("one", 0, 68),
        ("two", 230, 68),
        ("three", 460, 68),
        ("four", 0, 88),
    ]
    assert (chart.width, chart.height) == (700, 108)
    assert chart_legend([("x", "#000")], top=5, per_line=2, column=100)[0].y == 5
