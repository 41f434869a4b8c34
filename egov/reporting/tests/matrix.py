"""URL arguments of the reporting routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a report of the scoped unit (sent to a unit
outside every persona's reach), and a regime received by the scoped unit."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from egov.documents.choices import FileKind
from egov.documents.models import DocumentFile
from egov.documents.tests.matrix import PDF, document_of
from egov.orgs.models import OrgUnit
from egov.orgs.services import orgunit_create
from egov.reporting.models import Regime, Submission

_numbers = itertools.count(1)


def _regime(reporter: OrgUnit, receiver: OrgUnit) -> Regime:
    number = next(_numbers)
    regime = Regime.objects.create(
        code=f"matrix-{number}",
        name="Báo cáo tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency="month",
        reporter_kind=reporter.kind,
        reporter_root=reporter,
        receiving_unit=receiver,
        deadline_days=2,
    )
    regime.indicators.create(order=1, code="01", name="Thu ngân sách", unit_of_measure="tỷ đồng")
    return regime


def _outside() -> OrgUnit:
    return orgunit_create(actor=None, name=f"Cục Thống kê {next(_numbers)}", kind="province")


def _submission(unit: OrgUnit) -> dict[str, object]:
    day = datetime.date(2026, 5, 1)
    regime = _regime(unit, _outside())
    submission = Submission.objects.create(
        regime=regime,
        unit=unit,
        receiver=regime.receiving_unit,
        period_first=day,
        period_last=datetime.date(2026, 5, 31),
        cutoff_first=datetime.date(2026, 4, 15),
        cutoff_last=datetime.date(2026, 5, 14),
        due_on=datetime.date(2026, 5, 18),
    )
    return {"pk": submission.pk}


def _signed(unit: OrgUnit) -> dict[str, object]:
    """A report of ``unit`` signed: its document with a signed PDF."""
    found = _submission(unit)
    document = document_of(unit)
    stored = DocumentFile(
        document=document,
        kind=FileKind.SIGNED,
        name="bao-cao.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    stored.file.save("bao-cao.pdf", ContentFile(PDF), save=True)
    Submission.objects.filter(pk=found["pk"]).update(
        status="submitted", document=document, signed_at=timezone.now()
    )
    return found


def _received(unit: OrgUnit) -> dict[str, object]:
    return {"pk": _regime(_outside(), unit).pk}


REPORTING_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "reporting:submission-detail": _submission,
    "reporting:submission-values": _submission,
    "reporting:submission-upload": _submission,
    "reporting:submission-prefill": _submission,
    "reporting:submission-workbook": _submission,
    "reporting:submission-accept": _submission,
    "reporting:submission-return": _submission,
    "reporting:submission-sign": _submission,
    "reporting:submission-national-send": _submission,
    "reporting:submission-correct": _submission,
    "reporting:submission-reconsolidate": _submission,
    "reporting:submission-signed": _signed,
    "reporting:regime-completeness": _received,
    "reporting:regime-form": _received,
    "api:reporting_report_get": lambda unit: {"report_id": _submission(unit)["pk"]},
    "api:reporting_report_values": lambda unit: {"report_id": _submission(unit)["pk"]},
    "api:reporting_report_submit": lambda unit: {"report_id": _submission(unit)["pk"]},
    "api:reporting_report_correct": lambda unit: {"report_id": _submission(unit)["pk"]},
    "api:reporting_report_national": lambda unit: {"report_id": _submission(unit)["pk"]},
    "reporting:indicator-add": _received,
    "reporting:indicator-up": _received,
    "reporting:indicator-down": _received,
    "reporting:indicator-remove": _received,
    "reporting:regime-publish": _received,
    "reporting:regime-revise": _received,
}
