"""The scoreboard as an xlsx workbook and as the geometry of its bar chart. Both take rows of the
same scoreboard in the page's order, so the screen, the chart and the workbook agree: the
workbook every unit, the chart the first rows of the page shown."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.charts import BarChart, BarInput, bar_chart
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


def scoreboard_chart(rows: list[ScoreRow]) -> BarChart:
    """Stacked bars of each unit's tasks by state, for the first rows in the page's order, with
    the colours of the states below them (:mod:`egov.common.charts`)."""
    shown = rows[:CHART_MAX_ROWS]
    return bar_chart(
        [
            BarInput(
                row_label(row),
                [(measure, colour, getattr(row, measure)) for measure, colour in SEGMENTS],
                row.assigned,
            )
            for row in shown
        ],
        legend=[(str(MEASURE_LABELS[measure]), colour) for measure, colour in SEGMENTS],
        left=CHART_LEFT,
        width=CHART_WIDTH,
        row=CHART_ROW,
        scale=max([row.assigned for row in shown] + [1]),
    )


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
