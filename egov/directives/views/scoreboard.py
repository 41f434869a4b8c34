"""The task scoreboard of the officer workspace: the table per unit (sortable), its bar chart,
the list behind each number (HTMX panel or full page) and the xlsx export, all from the same
filters (period, documents or document type, unit subtree)."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from egov.common.periods import PeriodKind, period_start
from egov.directives.scoreboard.export import (
    COLUMNS,
    MEASURE_LABELS,
    scoreboard_chart,
)
from egov.directives.scoreboard.lists import (
    ScoreboardStatus,
    scoreboard_documents,
    scoreboard_items,
    scoreboard_status,
)
from egov.directives.scoreboard.selectors import (
    MEASURES,
    TASK_MEASURES,
    Scoreboard,
    ScoreFilters,
    ScoreRow,
    scoreboard_for,
    scoreboard_reach,
    scoreboard_sort,
    scoreboard_units_for,
    unit_label,
)
from egov.directives.services.jobs import scoreboard_export_start
from egov.documents.models import Document, DocumentType
from egov.orgs.access import Reach
from egov.orgs.decorators import officer_required
from egov.orgs.forms import OnePassSelectMultiple, UnitChoiceField
from egov.orgs.models import OrgUnit

SORT_KEYS = ("unit", *MEASURES)
PAGE_SIZE = 50
ROWS_PER_PAGE = 50


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    widget = OnePassSelectMultiple  # up to MAX_DOCUMENTS options

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number_notation} — {obj.subject[:90]}"


def _date_input() -> forms.DateInput:
    # An <input type="date"> takes ISO dates whatever the language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScoreboardFilterForm(forms.Form):
    """Period (both days included), documents or one document type, unit; sort order."""

    period_from = forms.DateField(
        label=gettext_lazy("Assigned from"), required=False, widget=_date_input()
    )
    period_to = forms.DateField(label=gettext_lazy("to"), required=False, widget=_date_input())
    unit = UnitChoiceField(
        label=gettext_lazy("Unit"),
        required=False,
        queryset=OrgUnit.objects.none(),
        empty_label=gettext_lazy("All my units"),
    )
    doc_type = forms.ModelChoiceField(
        label=gettext_lazy("Document type"),
        required=False,
        queryset=DocumentType.objects.filter(assigns_tasks=True),
        empty_label=gettext_lazy("All types"),
    )
    documents = DocumentChoiceField(
        label=gettext_lazy("Documents"), required=False, queryset=Document.objects.none()
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in SORT_KEYS], widget=forms.HiddenInput
    )
    order = forms.ChoiceField(
        required=False, choices=[("asc", "asc"), ("desc", "desc")], widget=forms.HiddenInput
    )

    documents_deferred = False

    def __init__(self, *args: Any, user: Any, reach: Reach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.defaults = {"period_from": period_start(PeriodKind.YEAR, today), "period_to": today}
        for name, value in self.defaults.items():
            self.fields[name].initial = value
        self.fields["unit"].queryset = scoreboard_units_for(user, reach)
        start, end = self._raw_period()
        self.fields["documents"].queryset = scoreboard_documents(
            user=user,
            period_from=start,
            period_to=end,
            reach=reach,
        ).only("pk", "number_notation", "subject")

    def show_selected_documents_only(self) -> None:
        """Offer only the documents chosen (their choices are read when the user asks for
        them, ``all_documents``): finding the latest documents of the period within reach
        read every task of the period, most of the page's time over five years (issue 24)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        chosen = [document.pk for document in data.get("documents") or ()]
        field = self.fields["documents"]
        field.queryset = (
            Document.objects.filter(pk__in=chosen)
            .order_by("-issued_on", "-pk")
            .only("pk", "number_notation", "subject")
            if chosen
            else Document.objects.none()
        )
        self.documents_deferred = True

    def _raw_period(self) -> tuple[datetime.date, datetime.date]:
        """The period as typed (before validation), for the choice of documents."""
        bounds = []
        for name in ("period_from", "period_to"):
            try:
                bounds.append(datetime.date.fromisoformat(self.data.get(name, "")))
            except ValueError:
                bounds.append(self.defaults[name])
        return bounds[0], bounds[1]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period comes after its end."))
        if start and end and (end - start).days > 366 * 10:
            raise forms.ValidationError(_("Choose a period of ten years at most."))
        return data

    def filters(self) -> ScoreFilters:
        """The filters to apply: the valid input, or this year up to today."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return ScoreFilters(
            period_from=data.get("period_from") or self.defaults["period_from"],
            period_to=data.get("period_to") or self.defaults["period_to"],
            today=timezone.localdate(),
            documents=tuple(document.pk for document in data.get("documents") or ()),
            doc_type=data["doc_type"].pk if data.get("doc_type") else None,
            unit=data.get("unit"),
        )

    def sorting(self) -> tuple[str, bool]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("sort") or "", data.get("order") == "desc"


def query_of(filters: ScoreFilters, **extra: Any) -> str:
    """The filters as a query string (links to the lists, the sort links, the workbook)."""
    params: list[tuple[str, Any]] = [
        ("period_from", filters.period_from.isoformat()),
        ("period_to", filters.period_to.isoformat()),
    ]
    if filters.unit is not None:
        params.append(("unit", filters.unit.pk))
    if filters.doc_type is not None:
        params.append(("doc_type", filters.doc_type))
    params += [("documents", pk) for pk in filters.documents]
    params += [(key, value) for key, value in extra.items() if value not in (None, "")]
    return urlencode(params)


def _form(request: HttpRequest) -> tuple[ScoreboardFilterForm, Reach]:
    reach = scoreboard_reach(request.user)
    if reach.is_empty:
        raise PermissionDenied
    return ScoreboardFilterForm(request.GET or None, user=request.user, reach=reach), reach


def _board(
    request: HttpRequest, status: ScoreboardStatus | None = None
) -> tuple[ScoreboardFilterForm, Scoreboard]:
    """The filters and the rows in the order asked for."""
    form, reach = _form(request)
    extra = {"settled_on": status.settled_on} if status is not None else {}
    board = scoreboard_for(user=request.user, filters=form.filters(), reach=reach, **extra)
    sort, descending = form.sorting()
    rows = scoreboard_sort(board.rows, key=sort, descending=descending)
    return form, Scoreboard(rows=rows, total=board.total, filters=board.filters)


def _table(rows: list[ScoreRow], total: ScoreRow, base: str) -> list[dict[str, Any]]:
    """Each row with its cells: value and the address of the list behind it (built here:
    reversing the URL in the template for each of ~500 cells cost more than the rest)."""
    address = f"{reverse('directives:scoreboard-list')}?{base}"
    lines = []
    for row in [*rows, total]:
        row_key = row.unit.pk if row.unit is not None else "total"
        cells = [
            (getattr(row, name), f"{address}&measure={name}&row={row_key}")
            for name, _label in COLUMNS
        ]
        lines.append({"row": row, "cells": cells})
    return lines


def _headers(filters: ScoreFilters, sort: str, descending: bool) -> list[dict[str, Any]]:
    headers = []
    for name, label in (("unit", _("Unit")), *COLUMNS):
        current = name == sort
        order = "asc" if current and descending else "desc"
        if name == "unit" and not current:
            order = "asc"
        headers.append(
            {
                "label": label,
                "query": query_of(filters, sort=name, order=order),
                "sorted": ("descending" if descending else "ascending") if current else "",
            }
        )
    return headers


@require_GET
@officer_required
def scoreboard_page(request: HttpRequest) -> HttpResponse:
    """Tasks and reports per unit for a period: table (the accessible version) and chart."""
    status = scoreboard_status()
    form, board = _board(request, status)
    if not request.GET.get("all_documents"):
        form.show_selected_documents_only()
    base = query_of(board.filters)
    sort, descending = form.sorting()
    # City-wide there are hundreds of units: one page of them (in the order asked for), the
    # total still over them all; the workbook has every unit.
    page = Paginator(board.rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    chart = scoreboard_chart(rows)
    context = {
        "form": form,
        "board": board,
        "page": page,
        "headers": _headers(board.filters, sort, descending),
        "lines": _table(rows, board.total, base),
        "chart": chart,
        "status": status,
        "query": base,
        "page_query": query_of(
            board.filters, sort=sort, order=("desc" if descending else "asc") if sort else None
        ),
    }
    return render(request, "directives/scoreboard.html", context)


@require_GET
@officer_required
def scoreboard_list(request: HttpRequest) -> HttpResponse:
    """The tasks or reports behind one number of the table; an HTMX request gets the panel."""
    form, reach = _form(request)
    filters = form.filters()
    measure = request.GET.get("measure") or "assigned"
    row = request.GET.get("row") or "total"
    if measure not in MEASURES or not (row == "total" or row.isdigit()):
        raise Http404
    unit = (
        None
        if row == "total"
        else (OrgUnit.objects.select_related("parent").filter(pk=int(row)).first())
    )
    if row != "total" and unit is None:
        raise Http404
    items = scoreboard_items(
        user=request.user, filters=filters, measure=measure, unit=unit, reach=reach
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "measure": measure,
        "measure_label": MEASURE_LABELS[measure],
        "is_task": measure in TASK_MEASURES,
        "unit": unit,
        "unit_label": unit_label(unit) if unit else "",
        "page": page,
        "query": query_of(filters, measure=measure, row=row),
        "board_query": query_of(filters),
    }
    if request.headers.get("HX-Request"):
        return render(request, "directives/_scoreboard_items.html", context)
    return render(request, "directives/scoreboard_items.html", context)


@require_POST
@officer_required
def scoreboard_xlsx(request: HttpRequest) -> HttpResponse:
    """The same rows as the page (filters in the query string), as an Excel workbook built in
    the background: the answer is the job's page, which offers the file when it is ready."""
    form, _reach = _form(request)
    sort, descending = form.sorting()
    job = scoreboard_export_start(
        actor=request.user, filters=form.filters(), sort=sort, descending=descending
    )
    return redirect("jobs:job-detail", pk=job.pk)
