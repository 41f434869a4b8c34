"""The petitions within reach as an .xlsx workbook (the list page's columns, newest first, at
most ``EXPORT_ROWS``): a denouncer the officer may not see is written "Protected", as on the
list, never the name (Law on Denunciations 2018 art 8.3)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.common.tables import Sheet, table_response, xlsx_write
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
