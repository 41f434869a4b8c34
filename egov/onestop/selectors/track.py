"""The public status of a dossier, found by its code without login (Circular 01/2018/TT-VPCP
art. 16: lookup without login shows only the code and how far the dossier has gone).

Only these are shown: code, procedure, status, the current step's name, the dates of receipt,
appointment, result and return, and timeliness. Never the applicant, the officers, the files
or the reasons written on forms.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from egov.common.qr import qr_file
from egov.onestop.choices import OPEN_STATUSES, DossierStatus
from egov.onestop.models import Dossier, DossierNotice
from egov.onestop.printing.context import PrintableForm, forms_printable
from egov.onestop.selectors.dossier_access import dossier_get_for_printing
from egov.workflow.choices import InstanceStatus, Timeliness

# Codes are ``<agency>-<yymmdd>-<seq>`` today; other formats are pluggable, so only the
# alphabet and the length are checked before a lookup.
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{5,39}$")


@dataclass(frozen=True)
class DossierTrack:
    code: str
    procedure_name: str
    status: str
    status_label: str
    step_name: str
    received_at: datetime.datetime | None
    due_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    timeliness: str
    timeliness_label: str


def track_code_normalize(raw: str | None) -> str | None:
    """The code as stored (trimmed, upper case), or ``None`` if it cannot be a code."""
    code = (raw or "").strip().upper()
    return code if CODE_RE.match(code) else None


# Only the columns the public page shows: the look-up is the busiest request on a deadline
# day, and loading whole rows (a procedure version carries large JSON columns) and building
# the ORM's full select cost more than the query itself (bench/NOTES.md).
_TRACK_COLUMNS = (
    "code",
    "status",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "timeliness",
    "procedure__name",
    "process__status",
    "process__current_step__step_definition__name",
)


def _step_name(row: dict) -> str:
    """The name of the step an open dossier is at (never who handles it)."""
    if row["status"] not in OPEN_STATUSES:
        return ""
    if row["process__status"] not in (InstanceStatus.RUNNING, InstanceStatus.PAUSED):
        return ""
    return row["process__current_step__step_definition__name"] or ""


def _timeliness(row: dict, now: datetime.datetime) -> str:
    if row["timeliness"]:
        return row["timeliness"]
    is_open = row["status"] in OPEN_STATUSES
    overdue = is_open and row["due_at"] is not None and row["due_at"] < now
    return Timeliness.LATE if overdue else ""


def dossier_track_get(code: str, *, now: datetime.datetime | None = None) -> DossierTrack | None:
    """The public status of the dossier with ``code`` (already normalised), or ``None``.
    One query on the unique code index."""
    rows = (
        Dossier.objects.exclude(status=DossierStatus.DRAFT)
        .filter(code=code)
        .order_by()
        .values(*_TRACK_COLUMNS)[:1]
    )
    row = next(iter(rows), None)
    if row is None:
        return None
    timeliness = _timeliness(row, now or timezone.now())
    return DossierTrack(
        code=row["code"],
        procedure_name=row["procedure__name"],
        status=row["status"],
        status_label=str(DossierStatus(row["status"]).label),
        step_name=_step_name(row),
        received_at=row["received_at"],
        due_at=row["due_at"],
        finished_at=row["finished_at"],
        returned_at=row["returned_at"],
        timeliness=timeliness,
        timeliness_label=str(Timeliness(timeliness).label) if timeliness else "",
    )


def dossier_track_url(code: str) -> str:
    """The absolute address of the public status page of ``code`` (for QR codes, e-mails)."""
    path = reverse("onestop:dossier-status")
    return f"{settings.SITE_URL.rstrip('/')}{path}?code={quote(code, safe='')}"


def dossier_track_qr_svg(code: str) -> bytes:
    """An SVG QR code of :func:`dossier_track_url` (printed on the receipt, Mẫu 01: TT 01/2018
    art. 19.2 allows a barcode or QR code)."""
    return qr_file(dossier_track_url(code), kind="svg", scale=4)


def dossier_track_forms(user: object, code: str) -> list[PrintableForm]:
    """The forms of the dossier ``code`` that ``user`` may print from its status page: none for
    visitors (the page stays public and shows nothing more), the applicant's receipt and
    notices for the applicant, every form issued for an officer who may open the dossier."""
    if not getattr(user, "is_authenticated", False):
        return []
    pk = Dossier.objects.filter(code=code).values_list("pk", flat=True).first()
    if pk is None:
        return []
    try:
        dossier, as_officer = dossier_get_for_printing(user, pk)
    except Http404:
        return []
    kinds = DossierNotice.objects.filter(dossier=dossier).values_list("kind", flat=True)
    return forms_printable(dossier, kinds, as_officer=as_officer)
