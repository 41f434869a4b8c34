"""The registry's figures page per unit and period, and the same rows as an .xlsx workbook."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET

from egov.common.periods import month_start
from egov.common.tables import Sheet, table_response, xlsx_write
from egov.documents.forms import UnitChoiceField
from egov.documents.selectors import FigureRow, document_figures, figures_units_for
from egov.documents.selectors.figures import may_see_figures
from egov.documents.selectors.workfile_figures import work_file_figures
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit

# (attribute of FigureRow, column header): the table and the workbook share them.
COLUMNS = (
    ("outgoing_issued", gettext_lazy("Issued")),
    ("outgoing_sent", gettext_lazy("Sent")),
    ("outgoing_electronic", gettext_lazy("of which electronically")),
    ("incoming_received", gettext_lazy("Received")),
    ("incoming_electronic", gettext_lazy("of which electronically")),
    ("electronic_share", gettext_lazy("Exchanged electronically (%)")),
    ("handled_on_time", gettext_lazy("Handled on time")),
    ("handled_late", gettext_lazy("Handled late")),
    ("open_on_time", gettext_lazy("Open, within the deadline (now)")),
    ("open_overdue", gettext_lazy("Open, overdue (now)")),
)
ISO_DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class FiguresForm(forms.Form):
    period_from = forms.DateField(label=gettext_lazy("From"), required=False, **ISO_DATE)
    period_to = forms.DateField(label=gettext_lazy("To"), required=False, **ISO_DATE)
    unit = UnitChoiceField(
        label=gettext_lazy("Unit"),
        required=False,
        queryset=OrgUnit.objects.none(),
        empty_label=gettext_lazy("My units"),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period comes after its end."))
        return data

    def filters(self) -> dict[str, Any]:
        """The valid input, or this month up to today."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "first": data.get("period_from") or month_start(today),
            "last": data.get("period_to") or today,
            "unit": data.get("unit"),
        }


def _figures(
    request: HttpRequest,
) -> tuple[FiguresForm, dict[str, Any], list[FigureRow], FigureRow]:
    if not may_see_figures(request.user):
        raise PermissionDenied
    form = FiguresForm(request.GET or None, units=figures_units_for(request.user))
    filters = form.filters()
    rows, total = document_figures(user=request.user, now=timezone.now(), **filters)
    return form, filters, rows, total


@require_GET
@officer_required
def figures_page(request: HttpRequest) -> HttpResponse:
    """Documents exchanged electronically and incoming documents handled on time, per unit."""
    form, filters, rows, total = _figures(request)
    context = {
        "form": form,
        "filters": filters,
        "query": request.GET.urlencode(),
        "headers": [label for _name, label in COLUMNS],
        "rows": [(row.unit, [getattr(row, name) for name, _label in COLUMNS]) for row in rows],
        "total": [getattr(total, name) for name, _label in COLUMNS],
    }
    file_rows, file_total = work_file_figures(user=request.user, **filters)
    context |= {"file_rows": file_rows, "file_total": file_total}
    return render(request, "documents/figures.html", context)


def _cell(value: Any) -> Any:
    return float(value) if value is not None and not isinstance(value, int) else value


def figures_workbook(rows: list[FigureRow], total: FigureRow, filters: dict[str, Any]) -> bytes:
    """One header line, one line per unit, the totals, the period."""
    lines = [
        [_("Unit"), *[str(label) for _name, label in COLUMNS]],
        *([row.unit.name, *[_cell(getattr(row, name)) for name, _l in COLUMNS]] for row in rows),
        [_("Total"), *[_cell(getattr(total, name)) for name, _l in COLUMNS]],
        [],
        [_("Period"), filters["first"], filters["last"]],
    ]
    return xlsx_write([Sheet(pgettext("official documents", "Documents"), lines)])


@require_GET
@officer_required
def figures_xlsx(request: HttpRequest) -> HttpResponse:
    """The same rows as the page, as an Excel workbook."""
    _form, filters, rows, total = _figures(request)
    start: datetime.date = filters["first"]
    end: datetime.date = filters["last"]
    return table_response(
        figures_workbook(rows, total, filters),
        filename=f"documents-{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
    )
