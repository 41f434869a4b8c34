"""Reports to the national reporting system (Hệ thống thông tin báo cáo quốc gia, Decree
09/2019/NĐ-CP art. 12): one accepted report, as one JSON message, through the connector client.

The system's interface specification is not published, so the message is our documented
shape (ADR "reports to the national reporting system"), Vietnamese field names as the other
national adapters use:

``{"MaBaoCao", "PhienBan", "CheDoBaoCao": {"Ma", "Ten", "TanSuat", "CanCuPhapLy"},
"KyBaoCao": {"TuNgay", "DenNgay", "ChotSoLieuTu", "ChotSoLieuDen"}, "DonViBaoCao": {"Ma",
"Ten"}, "DonViNhan": {"Ma", "Ten"}, "NgayGui", "NgayChapNhan", "VanBan": {"SoKyHieu",
"DaKySo"}, "ChiTieu": [{"Ma", "Ten", "DonViTinh", "GiaTri" (a decimal as text, or null),
"NoiDung" (text), "ChiTieuTong", "PhanTo"}], "ThuyetMinh", "HieuChinh"}``

``HieuChinh`` is null for a report's first sending; a corrected version of a report the
system already took (reopened after acceptance, corrected, accepted again: a higher
``PhienBan`` under the same ``MaBaoCao``) carries ``{"MaTiepNhanTruoc": the receipt number
of the version it replaces, "LyDo": why it was corrected}``.

The domain app builds the message with :func:`national_report_message` from plain values and
keeps it; :func:`national_report_send` makes one try. The system answers
``{"error_code": "0", "MaTiepNhan": ...}`` when it took the report (its receipt number), or a
4xx with ``error_code`` and ``message`` when it refuses it (the reason is shown on the report;
a refused message is not tried again unchanged). Every try of one sending carries the same
``Idempotency-Key``, so a report whose answer was lost is recorded there once.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from egov.integration.choices import ConnectorCode
from egov.integration.exceptions import NationalRefusal
from egov.integration.services.client import CallContext, connector_base_url, connector_call

SERVICE = "reports"


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    name: str
    unit_of_measure: str
    number: Decimal | None
    text: str = ""
    total_code: str = ""
    option: str = ""


@dataclass(frozen=True)
class NationalReport:
    """What the national system is told about one report: plain values, no domain rows."""

    report_code: str
    version: int
    regime_code: str
    regime_name: str
    frequency: str
    legal_basis: str
    period_first: datetime.date
    period_last: datetime.date
    cutoff_first: datetime.date
    cutoff_last: datetime.date
    unit_code: str
    unit_name: str
    receiver_code: str
    receiver_name: str
    submitted_at: datetime.datetime | None
    accepted_at: datetime.datetime | None
    document_number: str
    is_signed: bool
    lines: Sequence[IndicatorLine]
    narrative: str = ""
    corrects_receipt: str = ""  # the receipt of the version this one corrects, if any
    correction_reason: str = ""


def _moment(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def national_report_message(report: NationalReport) -> dict[str, Any]:
    """The JSON message of one report in the documented shape (module docstring)."""
    return {
        "MaBaoCao": report.report_code,
        "PhienBan": report.version,
        "CheDoBaoCao": {
            "Ma": report.regime_code,
            "Ten": report.regime_name,
            "TanSuat": report.frequency,
            "CanCuPhapLy": report.legal_basis,
        },
        "KyBaoCao": {
            "TuNgay": report.period_first.isoformat(),
            "DenNgay": report.period_last.isoformat(),
            "ChotSoLieuTu": report.cutoff_first.isoformat(),
            "ChotSoLieuDen": report.cutoff_last.isoformat(),
        },
        "DonViBaoCao": {"Ma": report.unit_code, "Ten": report.unit_name},
        "DonViNhan": {"Ma": report.receiver_code, "Ten": report.receiver_name},
        "NgayGui": _moment(report.submitted_at),
        "NgayChapNhan": _moment(report.accepted_at),
        "VanBan": {"SoKyHieu": report.document_number, "DaKySo": report.is_signed},
        "ChiTieu": [
            {
                "Ma": line.code,
                "Ten": line.name,
                "DonViTinh": line.unit_of_measure,
                "GiaTri": None if line.number is None else format(line.number.normalize(), "f"),
                "NoiDung": line.text,
                "ChiTieuTong": line.total_code,
                "PhanTo": line.option,
            }
            for line in report.lines
        ],
        "ThuyetMinh": report.narrative,
        "HieuChinh": (
            {"MaTiepNhanTruoc": report.corrects_receipt, "LyDo": report.correction_reason}
            if report.corrects_receipt
            else None
        ),
    }


def national_reporting_connected() -> bool:
    """Whether reports are sent at all: a URL is configured or the simulator is on. Its
    absence disables the sending, never the report."""
    return bool(connector_base_url(ConnectorCode.NATIONAL_REPORTING))


def national_report_send(
    *, message: dict[str, Any], idempotency_key: str, actor: Any = None, unit_id: int | None = None
) -> str:
    """One try of sending ``message``; returns the national system's receipt number.

    Raises :class:`~egov.integration.exceptions.ConnectorUnavailable` when the system cannot
    be reached (worth another try later) and :class:`NationalRefusal` with the system's
    reason when it refuses the report."""
    reply = connector_call(
        connector=ConnectorCode.NATIONAL_REPORTING,
        method="POST",
        service=SERVICE,
        context=CallContext(
            actor=actor, unit_id=unit_id, issue=str(message.get("MaBaoCao", ""))[:60]
        ),
        payload=message,
        idempotency_key=idempotency_key,
    )
    receipt = str(reply.data.get("MaTiepNhan", ""))
    if reply.status_code >= 400 or str(reply.data.get("error_code")) != "0" or not receipt:
        reason = str(reply.data.get("message", ""))[:250] or f"HTTP {reply.status_code}"
        raise NationalRefusal(
            _("The national reporting system refused the report: %(reason)s") % {"reason": reason}
        )
    return receipt[:60]
