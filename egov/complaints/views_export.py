"""The petitions within reach as an .xlsx workbook (the list page's columns, newest first, at
most ``EXPORT_ROWS``): a denouncer the officer may not see is written "Protected", as on the
list, never the name (Law on Denunciations 2018 art 8.3)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.common.exceptions import DomainError
from egov.common.tables import Sheet, csv_write, table_response, xlsx_write
from egov.complaints.national import national_from, national_period, national_rows
from egov.complaints.selectors import petition_list_for_user, protected_ids
from egov.orgs.decorators import officer_required
from egov.workdays.rules import VN_TZ

EXPORT_ROWS = 5000


def _petitioner(petition, hidden: set[int]) -> str:
    if petition.pk in hidden:
        return str(_("Protected"))
    if petition.is_anonymous:
        return str(_("Anonymous"))
    return petition.petitioner_name


@require_GET
@officer_required
def petition_export(request: HttpRequest) -> HttpResponse:
    petitions = list(petition_list_for_user(request.user)[:EXPORT_ROWS])
    hidden = protected_ids(request.user, petitions)
    header = [
        _("Number"),
        _("Unit"),
        _("Received at"),
        _("Channel"),
        _("Petitioner"),
        _("Summary"),
        _("Kind"),
        _("Status"),
        _("Acceptance due on"),
        _("Settlement due on"),
        _("Settled on"),
        _("Finding"),
    ]
    rows = [[str(title) for title in header]]
    for petition in petitions:
        rows.append(
            [
                petition.number,
                petition.unit.name,
                timezone.localtime(petition.received_at, VN_TZ).strftime("%d/%m/%Y %H:%M"),
                petition.get_channel_display(),
                _petitioner(petition, hidden),
                petition.subject,
                petition.get_kind_display(),
                petition.get_status_display(),
                petition.acceptance_due_on,
                petition.settlement_due_on,
                petition.settled_on,
                petition.get_verdict_display(),
            ]
        )
    content = xlsx_write([Sheet(str(_("Petitions")), rows, {"E": 28, "F": 50})])
    return table_response(content, filename="don-thu.xlsx")


class NationalForm(forms.Form):
    first = forms.DateField(required=False)
    last = forms.DateField(required=False)
    format = forms.ChoiceField(required=False, choices=[("xlsx", "xlsx"), ("csv", "csv")])


@require_GET
@officer_required
def national_export(request: HttpRequest) -> HttpResponse:
    """The denunciations within reach handled in a period, as the national database takes
    them (``national.py``: configured fields, never the denouncer's identity); .xlsx, or .csv
    with ``?format=csv``. A bad period: 400 with the reason."""
    form = NationalForm(request.GET)
    try:
        if not form.is_valid():
            raise DomainError(_("Give the days as YYYY-MM-DD and the format as xlsx or csv."))
        first, last = national_period(form.cleaned_data["first"], form.cleaned_data["last"])
    except DomainError as error:
        context = {"message": error.message, "owed": national_from()}
        return render(request, "complaints/national_refused.html", context, status=400)
    rows = national_rows(request.user, first=first, last=last)
    name = f"to-cao-csdl-quoc-gia-{first:%Y%m%d}-{last:%Y%m%d}"
    if form.cleaned_data["format"] == "csv":
        return table_response(csv_write(rows), filename=f"{name}.csv")
    sheet = Sheet(str(_("Denunciations")), rows, {"A": 16, "C": 40})
    return table_response(xlsx_write([sheet]), filename=f"{name}.xlsx")
