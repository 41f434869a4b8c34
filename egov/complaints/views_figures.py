"""The complaints figures page and its xlsx export (issue 18 §3): both read the same selector
with the same filters (a unit within reach, a period), so the screen, its charts and the
workbook show the same numbers. Bad filters: 400 with the reason; a unit out of reach: 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.common.tables import table_response
from egov.complaints.forms import FiguresForm
from egov.complaints.presenting import figures_workbook, late_units_chart, settled_chart
from egov.complaints.selectors_figures import (
    complaints_figures,
    figure_unit_get,
    figure_units_for,
    period_asked,
)
from egov.orgs.decorators import officer_required


def _context(request: HttpRequest) -> tuple[dict[str, Any], int]:
    form = FiguresForm(request.GET or None)
    if request.GET and not form.is_valid():
        units = figure_units_for(request.user)
        return {"form": form, "units": units, "figures": None}, 400
    data = form.cleaned_data if request.GET else {}
    unit = figure_unit_get(request.user, data.get("unit"))
    period = period_asked(data.get("kind"), data.get("on") or timezone.localdate())
    figures = complaints_figures(unit=unit, period=period)
    context = {
        "form": form,
        "units": figure_units_for(request.user),
        "unit": unit,
        "kind": period.kind,
        "on": data.get("on") or period.first,
        "figures": figures,
    }
    return context, 200


@require_GET
@officer_required
def figures_page(request: HttpRequest) -> HttpResponse:
    """Petitions received, accepted and settled on time or late per period and per unit, the
    findings, the named late units linking to their cases, with charts."""
    context, status = _context(request)
    if context["figures"] is not None:
        context["settled_chart"] = settled_chart(context["figures"])
        context["late_chart"] = late_units_chart(context["figures"])
        context["settled_desc"] = _("Cases settled on time and late in each period.")
        context["late_desc"] = _("Open cases past their time limit and within it, per unit.")
    return render(request, "complaints/figures.html", context, status=status)


@require_GET
@officer_required
def figures_xlsx(request: HttpRequest) -> HttpResponse:
    """The figures page's numbers as an Excel workbook (the same filters)."""
    context, status = _context(request)
    if status != 200:
        return render(request, "complaints/figures.html", context, status=status)
    figures = context["figures"]
    period = figures.period
    return table_response(
        figures_workbook(figures),
        filename=f"khieu-nai-to-cao-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx",
    )
