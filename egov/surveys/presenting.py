"""The figures of a survey as pictures and as a workbook: the bar charts of the index page and
the public page (``egov.common.charts``, drawn on the server) and their xlsx download
(``egov.common.tables``). Both take an :class:`~egov.surveys.selectors.IndexReport`, so the
screen, the charts and the workbook show the same numbers."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from egov.common.charts import BarChart, BarInput, bar_chart
from egov.common.tables import Sheet, xlsx_write
from egov.orgs.models import OrgUnit
from egov.surveys.models import Survey
from egov.surveys.selectors import IndexReport

INDEX_COLOUR = "#1f5fa8"
# The five levels of a rating, as SIPAS questionnaires name them, and their colours.
LEVELS = (
    (1, gettext_lazy("Very dissatisfied"), "#b3261e"),
    (2, gettext_lazy("Dissatisfied"), "#e07a5f"),
    (3, gettext_lazy("Neutral"), "#9aa3ad"),
    (4, gettext_lazy("Satisfied"), "#6aa84f"),
    (5, gettext_lazy("Very satisfied"), "#1e7b34"),
)


@dataclass(frozen=True)
class ReportCharts:
    """The index per factor (with the overall index first) and the ratings per question."""

    factors: BarChart | None
    ratings: BarChart | None


def _factor_chart(report: IndexReport) -> BarChart | None:
    bars = []
    if report.overall is not None:
        bars.append(
            BarInput(
                _("Overall satisfaction index"),
                [("index", INDEX_COLOUR, report.overall)],
                report.overall,
                " / 100",
            )
        )
    bars += [
        BarInput(section.title_vi, [("index", INDEX_COLOUR, share.value)], share.value, " %")
        for section, share in report.factors
        if share.value is not None
    ]
    return bar_chart(bars, scale=100, label_chars=34) if bars else None


def _ratings_chart(report: IndexReport) -> BarChart | None:
    bars = []
    for question, counts in report.distributions:
        if question.kind not in ("likert", "matrix"):
            continue
        given = dict(counts)
        total = sum(given.values())
        if not total:
            continue
        parts = [
            (f"level-{level}", colour, given.get(str(level), 0)) for level, _l, colour in LEVELS
        ]
        bars.append(BarInput(question.text_vi, parts, total))
    if not bars:
        return None
    legend = [(str(label), colour) for _level, label, colour in LEVELS]
    return bar_chart(bars, legend=legend, per_line=3, label_chars=34)


def report_charts(report: IndexReport) -> ReportCharts:
    return ReportCharts(factors=_factor_chart(report), ratings=_ratings_chart(report))


def report_rows(survey: Survey, report: IndexReport) -> list[list[Any]]:
    """The indices, each factor and each question's answers, as rows of a worksheet."""
    rows: list[list[Any]] = [
        [
            _("Indicator"),
            _("Value"),
            _("Out of"),
            _("Lower bound (95 percent)"),
            _("Upper bound (95 percent)"),
        ],
        [_("Answers"), report.responses, None, None, None],
        [_("Response rate (%)"), report.response_rate, report.invitations, None, None],
        [_("Overall satisfaction index"), report.overall, None, None, None],
        [
            _("Share of satisfied respondents (%)"),
            report.satisfied.value,
            report.satisfied.total,
            report.satisfied.low,
            report.satisfied.high,
        ],
        [
            _("Decision 766: satisfaction in handling procedures"),
            report.ratio_766,
            None,
            None,
            None,
        ],
    ]
    rows += [
        [section.title_vi, share.value, share.total, share.low, share.high]
        for section, share in report.factors
    ]
    if report.too_few:
        rows.append([_("Too few answers: the figures are indicative only."), None, None, None])
    rows += [[], [_("Question"), _("Answer"), _("Count")]]
    rows += [
        [question.text_vi, label, count]
        for question, counts in report.distributions
        for label, count in counts
    ]
    return rows


def index_workbook(survey: Survey, report: IndexReport) -> bytes:
    """The officer's index page as a workbook (one sheet)."""
    return xlsx_write([Sheet(title=_("Indices"), rows=report_rows(survey, report), widths=WIDTHS)])


WIDTHS = {"A": 60, "B": 22}


def public_workbook(
    unit: OrgUnit,
    reports: Sequence[tuple[Survey, IndexReport]],
    combined_rows: Sequence[tuple[str, Any]],
    *,
    first: datetime.date,
    last: datetime.date,
) -> bytes:
    """A unit's published figures: the series of surveys and one-stop ratings, then one sheet
    per published survey."""
    summary: list[list[Any]] = [
        [unit.name],
        [_("From"), first, _("To"), last],
        [],
        [_("Series"), _("Answers or ratings"), _("Satisfied (%)"), _("Dissatisfied")],
    ]
    summary += [
        [label, series.rated, series.share.value, series.dissatisfied]
        if series
        else [label, None, None, None]
        for label, series in combined_rows
    ]
    sheets = [Sheet(title=pgettext("workbook sheet", "Summary"), rows=summary, widths=WIDTHS)]
    sheets += [
        Sheet(
            title=f"{number}. {survey.title_vi}"[:31],
            rows=[
                [survey.title_vi, _("version %(n)s") % {"n": survey.version}],
                [],
                *report_rows(survey, report),
            ],
            widths=WIDTHS,
        )
        for number, (survey, report) in enumerate(reports, start=1)
    ]
    return xlsx_write(sheets)
