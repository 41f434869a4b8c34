"""The public calendar page: a deadline calculator (HTMX) and the year's days off."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.workdays.forms import DeadlineForm, YearForm
from egov.workdays.selectors import Deadline, calendar_day_list, deadline_compute


def _deadline(form: DeadlineForm) -> Deadline | None:
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return deadline_compute(
            form.start(), form.cleaned_data["days"], apply_cutoff=form.cleaned_data["apply_cutoff"]
        )
    except DomainError as exc:
        form_add_domain_error(form, exc, field="start_on")
        return None


def _year(request: HttpRequest) -> tuple[YearForm, int]:
    form = YearForm(request.GET if "year" in request.GET else None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"]
    return form, timezone.localdate().year


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """Public, no login. An HTMX request gets only the calculator partial back."""
    form = DeadlineForm(request.GET if "days" in request.GET else None)
    context: dict[str, object] = {"form": form, "deadline": _deadline(form)}
    if request.headers.get("HX-Request"):
        return render(request, "workdays/_deadline_result.html", context)
    year_form, year = _year(request)
    listing = calendar_day_list(first=datetime.date(year, 1, 1), last=datetime.date(year, 12, 31))
    context.update(
        year_form=year_form, year=year, days=listing.days, calendar_version=listing.calendar_version
    )
    return render(request, "workdays/calendar.html", context)
