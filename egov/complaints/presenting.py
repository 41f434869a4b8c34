"""The complaints figures as pictures and as a workbook: the bar charts of the figures page
(``egov.common.charts``, drawn on the server) and its xlsx download (``egov.common.tables``).
Both take the same :class:`~egov.complaints.selectors_figures.ComplaintsFigures`, so the screen,
the charts and the workbook show the same numbers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.charts import BarChart, BarInput, bar_chart
from egov.common.tables import Sheet, xlsx_write
from egov.complaints.selectors_figures import ComplaintsFigures, Numbers

ON_TIME_COLOUR = "#6aa84f"
LATE_COLOUR = "#b3261e"
OPEN_COLOUR = "#1f5fa8"
SETTLED_PARTS = (
    ("on-time", gettext_lazy("Settled on time"), ON_TIME_COLOUR),
    ("late", gettext_lazy("Settled late"), LATE_COLOUR),
)
LATE_UNITS_CHARTED = 15


def settled_chart(figures: ComplaintsFigures) -> BarChart | None:
    """Per period: the cases settled, on time and late (nothing settled in any: no chart)."""
    if not any(row.numbers.settled for row in figures.series):
        return None
    bars = [
        BarInput(
            row.label,
            [
                ("on-time", ON_TIME_COLOUR, row.numbers.settled_on_time),
                ("late", LATE_COLOUR, row.numbers.settled_late),
            ],
            row.numbers.settled,
        )
        for row in figures.series
    ]
    legend = [(str(label), colour) for _measure, label, colour in SETTLED_PARTS]
    return bar_chart(bars, legend=legend, per_line=2, left=160, label_chars=22)


def late_units_chart(figures: ComplaintsFigures) -> BarChart | None:
    """The units with the most open cases past their time limit, the rest of their open
    cases beside them."""
    if not figures.late_units:
        return None
    bars = [
        BarInput(
            row.unit.name,
            [("late", LATE_COLOUR, row.overdue), ("open", OPEN_COLOUR, row.open - row.overdue)],
            row.overdue,
            f" / {row.open}",
        )
        for row in figures.late_units[:LATE_UNITS_CHARTED]
    ]
    legend = [(_("Past the time limit"), LATE_COLOUR), (_("Open within the limit"), OPEN_COLOUR)]
    return bar_chart(bars, legend=legend, per_line=2, label_chars=34)


def _numbers_header() -> list[str]:
    return [
        _("Petitions received"),
        _("Cases accepted"),
        _("Cases settled"),
        _("Settled on time"),
        _("Settled late"),
        _("Found right or true"),
        _("Found partly right or true"),
        _("Found wrong or untrue"),
        _("Citizen visits received"),
    ]


def _numbers_row(numbers: Numbers) -> list[int]:
    return [
        numbers.received,
        numbers.accepted,
        numbers.settled,
        numbers.settled_on_time,
        numbers.settled_late,
        numbers.found_right,
        numbers.found_partly,
        numbers.found_wrong,
        numbers.receptions,
    ]


def figures_workbook(figures: ComplaintsFigures) -> bytes:
    """The page's tables as one workbook: the period, each period of the series, each unit,
    the late units."""
    heading: list[Any] = [
        _("Unit"),
        figures.unit.name,
        _("Period"),
        figures.label,
        figures.period.first,
        figures.period.last,
    ]
    summary = [
        heading,
        [],
        [*_numbers_header(), _("Open cases now"), _("Past the time limit now")],
        [*_numbers_row(figures.total), figures.open, figures.overdue],
    ]
    series = [
        [_("Period"), _("From"), _("To"), *_numbers_header()],
        *(
            [row.label, row.period.first, row.period.last, *_numbers_row(row.numbers)]
            for row in figures.series
        ),
    ]
    units = [
        [_("Unit"), *_numbers_header(), _("Open cases now"), _("Past the time limit now")],
        *(
            [row.unit.name, *_numbers_row(row.numbers), row.open, row.overdue]
            for row in figures.units
        ),
    ]
    late = [
        [_("Unit"), _("Past the time limit now"), _("Open cases now")],
        *([row.unit.name, row.overdue, row.open] for row in figures.late_units),
    ]
    return xlsx_write(
        [
            Sheet(_("Figures"), summary, {"A": 24, "B": 40}),
            Sheet(_("By period"), series, {"A": 24, "B": 14, "C": 14}),
            Sheet(_("By unit"), units, {"A": 50}),
            Sheet(_("Late units"), late, {"A": 50}),
        ]
    )
