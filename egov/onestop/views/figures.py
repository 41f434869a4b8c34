"""The figures page of the officer workspace (table, server-drawn SVG chart) and its xlsx export.

Both read :func:`egov.onestop.selectors.figures.figures_for` with the same filters (period,
procedure level, unit), so the screen and the workbook always show the same numbers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET

from egov.common.periods import month_start
from egov.common.replica import replica_reads
from egov.common.tables import Sheet, table_response, xlsx_write
from egov.onestop.choices import Level
from egov.onestop.selectors.figures import (
    FigureRow,
    figures_for,
    figures_reach,
    figures_refreshed_at,
    figures_units_for,
    procedures_online_offer,
)
from egov.orgs.decorators import officer_required
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit

# (attribute of FigureRow, column header): the table and the workbook share them.
COLUMNS = (
    ("received", pgettext_lazy("figures", "Received")),
    ("received_online", gettext_lazy("of which online")),
    ("received_other", gettext_lazy("of which at the desk or by post")),
    ("carried_over", gettext_lazy("Carried over")),
    ("finished_early", gettext_lazy("Finished early")),
    ("finished_on_time", gettext_lazy("Finished on time")),
    ("finished_late", gettext_lazy("Finished late")),
    ("in_progress_on_time", gettext_lazy("In progress, on time (now)")),
    ("in_progress_overdue", gettext_lazy("In progress, overdue (now)")),
    ("waiting_completion", gettext_lazy("Waiting for completion (now)")),
    ("refused", pgettext_lazy("figures", "Refused")),
    ("returned", gettext_lazy("Results returned")),
    ("online_share", gettext_lazy("Submitted online (%)")),
    ("average_rating", gettext_lazy("Average satisfaction (1–5)")),
)


class FiguresFilterForm(forms.Form):
    """Period (both days included), procedure level and unit; empty means the defaults."""

    period_from = forms.DateField(label=gettext_lazy("From"), required=False)
    period_to = forms.DateField(label=gettext_lazy("To"), required=False)
    level = forms.ChoiceField(
        label=gettext_lazy("Level"),
        required=False,
        choices=[("", gettext_lazy("All levels")), *Level.choices],
    )
    unit = UnitChoiceField(
        label=gettext_lazy("Unit"),
        required=False,
        queryset=OrgUnit.objects.none(),
        empty_label=gettext_lazy("My units"),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        today = timezone.localdate()
        for name, initial in (("period_from", month_start(today)), ("period_to", today)):
            self.fields[name].initial = initial
            # An <input type="date"> takes ISO dates whatever the language.
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period comes after its end."))
        return data

    def filters(self) -> dict[str, Any]:
        """The filters to apply: the valid input, or this month up to today."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "period_from": data.get("period_from") or month_start(today),
            "period_to": data.get("period_to") or today,
            "level": data.get("level") or None,
            "unit": data.get("unit"),
        }


@dataclass(frozen=True)
class ChartBar:
    """One unit of the chart: integer geometry (no locale formatting inside SVG attributes)."""

    label: str
    y: int
    received: int
    received_width: int
    early_width: int
    on_time_width: int
    late_width: int
    finished: int

    @property
    def on_time_x(self) -> int:
        return CHART_LEFT + self.early_width

    @property
    def late_x(self) -> int:
        return CHART_LEFT + self.early_width + self.on_time_width


CHART_LEFT, CHART_WIDTH, CHART_ROW = 220, 400, 48


def row_label(row: FigureRow) -> str:
    """The unit's name; its own dossiers (without the units below) are named as such."""
    if row.kind == "own":
        return _("%(unit)s (own dossiers)") % {"unit": row.unit.name}
    return row.unit.name


def figures_chart(rows: list[FigureRow]) -> list[ChartBar]:
    """Bars of received and finished (early / on time / late) per unit shown below the chosen
    one, or for the chosen unit alone when it has none."""
    shown = [
        row
        for row in rows
        if row.kind == "child" or (row.kind == "own" and (row.received or row.finished))
    ] or rows[:1]
    scale = max([max(row.received, row.finished) for row in shown] + [1])

    def width(value: int) -> int:
        return round(CHART_WIDTH * value / scale)

    return [
        ChartBar(
            label=row_label(row),
            y=index * CHART_ROW,
            received=row.received,
            received_width=width(row.received),
            early_width=width(row.finished_early),
            on_time_width=width(row.finished_on_time),
            late_width=width(row.finished_late),
            finished=row.finished,
        )
        for index, row in enumerate(shown)
    ]


def _figures(request: HttpRequest) -> tuple[FiguresFilterForm, dict[str, Any], list[FigureRow]]:
    if figures_reach(request.user).is_empty:
        raise PermissionDenied
    form = FiguresFilterForm(request.GET or None, units=figures_units_for(request.user))
    filters = form.filters()
    return form, filters, figures_for(user=request.user, **filters)


@require_GET
@officer_required
@replica_reads
def figures_page(request: HttpRequest) -> HttpResponse:
    """Figures per unit for a period: a table (the accessible version) and a bar chart."""
    form, filters, rows = _figures(request)
    chart = figures_chart(rows)
    context = {
        "form": form,
        "filters": filters,
        "rows": [(row, [getattr(row, name) for name, _label in COLUMNS]) for row in rows],
        "headers": [label for _name, label in COLUMNS],
        "chart": chart,
        "chart_height": max(len(chart), 1) * CHART_ROW + 8,
        "chart_left": CHART_LEFT,
        "offer": procedures_online_offer(level=filters["level"]),
        "refreshed_at": figures_refreshed_at(),
        "query": request.GET.urlencode(),
    }
    return render(request, "onestop/figures.html", context)


def _xlsx_value(value: Any) -> Any:
    return float(value) if value is not None and not isinstance(value, int) else value


def figures_workbook(rows: list[FigureRow], filters: dict[str, Any]) -> bytes:
    """The rows as an .xlsx workbook: one header line, one line per unit."""
    lines = [
        [_("Unit"), *[str(label) for _name, label in COLUMNS]],
        *(
            [row_label(row), *[_xlsx_value(getattr(row, attr)) for attr, _label in COLUMNS]]
            for row in rows
        ),
        [],
        [_("Period"), filters["period_from"], filters["period_to"]],
    ]
    return xlsx_write([Sheet(_("Figures"), lines)])


@require_GET
@officer_required
@replica_reads
def figures_xlsx(request: HttpRequest) -> HttpResponse:
    """The same rows as the page, as an Excel workbook."""
    _form, filters, rows = _figures(request)
    start: datetime.date = filters["period_from"]
    end: datetime.date = filters["period_to"]
    return table_response(
        figures_workbook(rows, filters), filename=f"figures-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    )
