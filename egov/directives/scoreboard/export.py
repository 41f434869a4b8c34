"""The scoreboard as an xlsx workbook and as the geometry of its bar chart. Both take rows of the
same scoreboard in the page's order, so the screen, the chart and the workbook agree: the
workbook every unit, the chart the first rows of the page shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.tables import Sheet, xlsx_write
from egov.directives.scoreboard.selectors import Scoreboard, ScoreRow

# (measure, column header): the table, the workbook and the lists share them.
COLUMNS = (
    ("assigned", gettext_lazy("Tasks assigned")),
    ("done_on_time", gettext_lazy("Done on time")),
    ("done_late", gettext_lazy("Done late")),
    ("overdue", gettext_lazy("Overdue")),
    ("not_reported", gettext_lazy("Recurring, report missing")),
    ("in_progress_on_time", gettext_lazy("In progress, on time")),
    ("not_yet_due", gettext_lazy("Not yet due")),
    ("reports_not_sent", gettext_lazy("Reports not sent")),
    ("reports_late", gettext_lazy("Reports sent late")),
)
HIDDEN_MEASURES = (
    ("reports_due", gettext_lazy("Reports due")),
    ("reports_on_time", gettext_lazy("Reports sent on time")),
    ("reports_pending", gettext_lazy("Reports not yet due")),
)
MEASURE_LABELS = dict(COLUMNS + HIDDEN_MEASURES)
# (measure, colour) of the chart's stacked segments, in order; colours are SVG attributes.
SEGMENTS = (
    ("done_on_time", "#1e7b34"),
    ("done_late", "#d08a00"),
    ("overdue", "#b3261e"),
    ("not_reported", "#7b3fa0"),
    ("in_progress_on_time", "#1f5fa8"),
    ("not_yet_due", "#9aa3ad"),
)
CHART_LEFT, CHART_WIDTH, CHART_ROW, CHART_MAX_ROWS = 230, 400, 28, 20


def row_label(row: ScoreRow) -> str:
    return row.label if row.unit is not None else _("Total")


@dataclass(frozen=True)
class Segment:
    measure: str
    colour: str
    x: int
    width: int
    value: int


@dataclass(frozen=True)
class ChartBar:
    """One unit's bar: integer geometry only (no locale formatting inside SVG attributes)."""

    label: str
    y: int
    segments: tuple[Segment, ...]
    total: int
    end: int


def scoreboard_chart(rows: list[ScoreRow]) -> list[ChartBar]:
    """Stacked bars of each unit's tasks by state, for the first rows in the page's order."""
    shown = rows[:CHART_MAX_ROWS]
    scale = max([row.assigned for row in shown] + [1])
    bars = []
    for index, row in enumerate(shown):
        x, segments = CHART_LEFT, []
        for measure, colour in SEGMENTS:
            value = getattr(row, measure)
            width = round(CHART_WIDTH * value / scale)
            segments.append(Segment(measure, colour, x, width, value))
            x += width
        bars.append(ChartBar(row_label(row), index * CHART_ROW, tuple(segments), row.assigned, x))
    return bars


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    x: int
    y: int


def chart_legend(top: int) -> list[LegendEntry]:
    """The colours of the segments, three per line below the bars (inside the SVG, so the
    colours need no style attribute)."""
    return [
        LegendEntry(
            str(MEASURE_LABELS[measure]), colour, (index % 3) * 230, top + (index // 3) * 20
        )
        for index, (measure, colour) in enumerate(SEGMENTS)
    ]


def scoreboard_workbook(board: Scoreboard) -> bytes:
    """One header line, one line per unit, the total, then the filters applied."""
    filters = board.filters
    rows = [
        [_("Unit"), *[str(label) for _name, label in COLUMNS]],
        *(
            [row_label(row), *[getattr(row, name) for name, _label in COLUMNS]]
            for row in [*board.rows, board.total]
        ),
        [],
        [_("Tasks assigned from"), filters.period_from, filters.period_to],
        [_("States as of"), filters.today],
    ]
    return xlsx_write([Sheet(_("Scoreboard"), rows, widths={"A": 45})])
