"""Dossiers submitted on the national public-service portal (DVCQG) for the city: the adapter
that fetches them (``dossiers/submitted``, the portal's submitted dossiers of the city's
agencies since a moment). It only reads and checks the answer; onestop maps each to the city's
procedure and registers it (``onestop.services.national_intake``). The field names follow the
portal's published dossier message (MaHoSo, MaTTHC, ChuHoSo, ...), a secondary source:
verify them against the portal's integration guide."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from egov.integration.choices import ConnectorCode, Purpose
from egov.integration.exceptions import ConnectorUnavailable
from egov.integration.services.client import CallContext, connector_call

MAX_TEXT = 300


@dataclass(frozen=True)
class PortalDossier:
    """One dossier as the national portal sent it."""

    national_code: str
    procedure_code: str
    agency_code: str
    applicant_name: str
    applicant_id_number: str
    submitted_at: datetime.datetime
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    form_data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PortalBatch:
    dossiers: list[PortalDossier]
    malformed: list[str]  # what could not be read, one line each (no personal data)


def _text(record: dict, name: str, limit: int = MAX_TEXT) -> str:
    value = record.get(name, "")
    return str(value).strip()[:limit] if value is not None else ""


def portal_dossier_parse(record: Any) -> PortalDossier:
    """One record of the portal's answer, or ValueError saying what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError("not an object")
    code = _text(record, "MaHoSo", 40)
    procedure = _text(record, "MaTTHC", 40)
    agency = _text(record, "MaCoQuan", 40)
    name = _text(record, "ChuHoSo", 200)
    id_number = _text(record, "SoGiayToChuHoSo", 14)
    submitted = parse_datetime(_text(record, "NgayNopHoSo", 40))
    missing = [
        label
        for label, value in (
            ("MaHoSo", code),
            ("MaTTHC", procedure),
            ("MaCoQuan", agency),
            ("ChuHoSo", name),
            ("SoGiayToChuHoSo", id_number),
            ("NgayNopHoSo", submitted),
        )
        if not value
    ]
    if missing:
        raise ValueError(f"{code or '?'}: missing or unreadable {', '.join(missing)}")
    if submitted.tzinfo is None:
        raise ValueError(f"{code}: NgayNopHoSo without a time zone")
    form = record.get("DuLieuBieuMau") or {}
    return PortalDossier(
        national_code=code,
        procedure_code=procedure,
        agency_code=agency,
        applicant_name=name,
        applicant_id_number=id_number,
        submitted_at=submitted,
        applicant_phone=_text(record, "SoDienThoai", 15),
        applicant_email=_text(record, "Email", 254),
        applicant_address=_text(record, "DiaChi"),
        form_data=form if isinstance(form, dict) else {},
    )


def portal_dossiers_fetch(*, since: datetime.datetime, actor: Any = None) -> PortalBatch:
    """The dossiers submitted on the national portal since ``since`` (their applicants'
    details are personal data: the call is logged as such, for processing the dossiers).
    :class:`ConnectorUnavailable` when the portal cannot be reached or answers something
    unusable; a record that cannot be read is listed in ``malformed`` and the rest go on."""
    reply = connector_call(
        connector=ConnectorCode.NATIONAL_PORTAL,
        method="GET",
        service="dossiers/submitted?" + urlencode({"tuNgay": since.isoformat()}),
        context=CallContext(actor=actor, purpose=Purpose.DOSSIER_PROCESSING, is_personal_data=True),
    )
    items = reply.data.get("HoSo")
    if reply.status_code >= 400 or not isinstance(items, list):
        raise ConnectorUnavailable(
            _("%(system)s answered something that cannot be used; try again later.")
            % {"system": ConnectorCode.NATIONAL_PORTAL.label}
        )
    dossiers, malformed = [], []
    for record in items:
        try:
            dossiers.append(portal_dossier_parse(record))
        except ValueError as exc:
            malformed.append(str(exc)[:200])
    return PortalBatch(dossiers=dossiers, malformed=malformed)
