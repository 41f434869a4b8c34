"""The public status of a dossier, found by its code without login (Circular 01/2018/TT-VPCP
art. 16: lookup without login shows only the code and how far the dossier has gone).

Only these are shown: code, procedure, status, the current step's name, the dates of receipt,
appointment, result and return, and timeliness. Never the applicant, the officers, the files
or the reasons written on forms.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from urllib.parse import quote

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from egov.onestop.choices import OPEN_STATUSES, DossierStatus
from egov.onestop.models import Dossier
from egov.workflow.choices import Timeliness

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


def _step_name(dossier: Dossier) -> str:
    """The name of the step an open dossier is at (never who handles it)."""
    process = dossier.process
    if dossier.status not in OPEN_STATUSES or process is None or not process.is_active:
        return ""
    if process.current_step is None:
        return ""
    return process.current_step.step_definition.name


def _timeliness(dossier: Dossier, now: datetime.datetime) -> str:
    if dossier.timeliness:
        return dossier.timeliness
    is_open = dossier.status in OPEN_STATUSES
    overdue = is_open and dossier.due_at is not None and dossier.due_at < now
    return Timeliness.LATE if overdue else ""


def dossier_track_get(code: str, *, now: datetime.datetime | None = None) -> DossierTrack | None:
    """The public status of the dossier with ``code`` (already normalised), or ``None``."""
    dossier = (
        Dossier.objects.exclude(status=DossierStatus.DRAFT)
        .select_related("procedure", "process__current_step__step_definition")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        return None
    timeliness = _timeliness(dossier, now or timezone.now())
    return DossierTrack(
        code=dossier.code,
        procedure_name=dossier.procedure.name,
        status=dossier.status,
        status_label=str(dossier.get_status_display()),
        step_name=_step_name(dossier),
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
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
    buffer = io.BytesIO()
    segno.make(dossier_track_url(code), error="m").save(buffer, kind="svg", scale=4, border=2)
    return buffer.getvalue()
