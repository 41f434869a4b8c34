"""Builders shared by the tests of online dossiers, uploads, the public status and ratings:
file bytes of each kind, an online procedure, drafts and submitted dossiers built through the
services, and a fake SMS backend."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal
from typing import Any, ClassVar

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from egov.accounts.models import User
from egov.accounts.services import public_account_register
from egov.common.testing import files as samples
from egov.onestop.models import Dossier, Procedure
from egov.onestop.services.online import dossier_draft_save, dossier_submit
from egov.onestop.services.uploads import dossier_file_upload
from egov.onestop.tests.factories import (
    ProcedureFactory,
    ProcedureFeeFactory,
    RequiredDocumentFactory,
)
from egov.orgs.models import OrgUnit
from egov.workflow.services import (
    StepSpec,
    process_definition_create,
    process_definition_publish,
)

AGENCY = "000.00.00.H26"
PDF = samples.pdf()
PDF_WITH_SCRIPT = samples.pdf_javascript()
JPEG = samples.jpeg()
PNG = samples.png()
EXE = samples.renamed_executable()
FORM_FIELDS = [
    {
        "name": "purpose",
        "label": "Mục đích",
        "type": "choice",
        "required": True,
        "choices": ["Xây mới", "Sửa chữa"],
    },
    {"name": "area_m2", "label": "Diện tích (m²)", "type": "number", "required": True},
    {"name": "start_on", "label": "Ngày khởi công", "type": "date", "required": False},
    {"name": "contact_phone", "label": "Điện thoại liên hệ", "type": "phone", "required": False},
    {"name": "note", "label": "Ghi chú", "type": "textarea", "required": False},
    {"name": "agree", "label": "Tôi cam đoan", "type": "boolean", "required": True},
]
FORM_DATA = {"purpose": "Xây mới", "area_m2": "120,5", "start_on": "15/01/2026", "agree": "on"}
KEY = "k" * 32
KEY_2 = "z" * 32


class FakeSmsBackend:
    """Collects texts instead of sending them (``EGOV_SMS_BACKEND`` in tests)."""

    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> None:
        FakeSmsBackend.sent.append((phone, text))


FAKE_SMS = "egov.onestop.tests.online_helpers.FakeSmsBackend"


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


def agency_code_set(world: Any) -> None:
    """The city's electronic identifier code, inherited by its desks and communes."""
    OrgUnit.objects.filter(pk=world.city.pk).update(agency_code=AGENCY)


def online_procedure(level: str = "district", **kwargs: Any) -> Procedure:
    """A procedure in force, offered online, with a form, three documents (required, present
    only, conditional) and a fee of 75,000 VND; its time limit, 2 working days, is the one of
    :func:`online_definition` (and the default internal procedure applies)."""
    kwargs = {"working_days": Decimal("2"), "calendar_days": None, **kwargs}
    procedure = ProcedureFactory(
        level=level,
        effective_from=datetime.date(2025, 7, 1),
        form_fields=FORM_FIELDS,
        **kwargs,
    )
    RequiredDocumentFactory(procedure=procedure, order=1, name="Đơn đề nghị")
    RequiredDocumentFactory(procedure=procedure, order=2, name="CCCD", submit_mode="present")
    RequiredDocumentFactory(
        procedure=procedure, order=3, name="Giấy ủy quyền", condition="khi ủy quyền"
    )
    ProcedureFeeFactory(procedure=procedure)
    return procedure


def first_document(procedure: Procedure) -> Any:
    return procedure.documents.order_by("order").first()


def draft_for(user: User, procedure: Procedure, *, with_file: bool = True) -> Dossier:
    dossier = dossier_draft_save(actor=user, procedure=procedure, form_data=FORM_DATA)
    if with_file:
        dossier_file_upload(
            actor=user,
            dossier=dossier,
            upload=upload("don.pdf", PDF),
            required_document=first_document(procedure),
        )
    return dossier


def submitted_for(user: User, procedure: Procedure, unit: OrgUnit, key: str = KEY) -> Dossier:
    return dossier_submit(
        declared=True,
        actor=user,
        dossier=draft_for(user, procedure),
        idempotency_key=key,
        unit=unit,
    )


def status_force(dossier: Dossier, status: str, **fields: Any) -> Dossier:
    """Put a dossier in a state reached through the desk or processing services (written by
    other modules): only the columns those services set."""
    Dossier.objects.filter(pk=dossier.pk).update(status=status, **fields)
    return Dossier.objects.get(pk=dossier.pk)


def result_ready(dossier: Dossier) -> Dossier:
    now = timezone.now()
    return status_force(
        dossier,
        "result_ready",
        received_at=now,
        finished_at=now,
        due_at=now + datetime.timedelta(days=3),
        timeliness="early",
    )


def other_citizen() -> User:
    return public_account_register(
        full_name="Trần Thị Bình",
        password="Mật-khẩu-thử-2026",
        phone="0987654321",
        citizen_id="001190054321",
    )


def online_definition(world: Any, procedure: Procedure) -> Any:
    """The internal procedure the desk starts: receipt at the desk, appraisal in division A."""
    definition = process_definition_create(
        actor=None,
        code=f"onestop:{procedure.code}",
        name=procedure.name,
        version=1,
        effective_from=datetime.date(2025, 1, 1),
        total_days=Decimal("2"),
        steps=[
            StepSpec(
                1, "receive", "Tiếp nhận hồ sơ", "front_desk_officer", Decimal("0.5"), world.desk_a
            ),
            StepSpec(
                2, "appraise", "Thẩm định hồ sơ", "specialist", Decimal("1.5"), world.division_a
            ),
        ],
        source="Quy trình thử nghiệm (test data)",
    )
    return process_definition_publish(actor=None, definition=definition)


def received_online(user: User, procedure: Procedure, world: Any, officer: User) -> Dossier:
    """Submitted online, then received at the district A desk through the desk's service."""
    from egov.onestop.services.desk import dossier_receive

    dossier = submitted_for(user, procedure, world.district_a)
    online_definition(world, procedure)
    return dossier_receive(actor=officer, dossier=dossier)


def citizen_route_kwargs(route: str, user: User | None, world: Any) -> dict[str, object]:
    """URL arguments of the citizen and public-status routes, for the permission matrix.

    The dossier belongs to ``user`` when it is a public account (so the applicant is allowed),
    otherwise to another citizen (so everyone else is refused). Public routes get the code of a
    submitted dossier."""
    agency_code_set(world)
    procedure = online_procedure()
    if route == "onestop:my-dossier-start":
        return {"code": procedure.code}
    owner = user if user is not None and user.is_public else other_citizen()
    dossier = draft_for(owner, procedure)
    if route in ("onestop:dossier-status-qr", "api:dossier_track"):
        submitted = dossier_submit(
            declared=True, actor=owner, dossier=dossier, idempotency_key=KEY, unit=world.district_a
        )
        return {"code": submitted.code}
    kwargs: dict[str, object] = {"pk": dossier.pk}
    if route in ("onestop:my-dossier-file", "onestop:my-dossier-file-remove"):
        kwargs["file_id"] = dossier.files.get().pk
    return kwargs


# Routes with scope "-" in docs/permissions.csv whose URL names a dossier, a procedure or a
# code: route -> (persona's user, world) -> URL kwargs (used by the permission matrix).
CITIZEN_ROUTE_KWARGS = {
    route: functools.partial(citizen_route_kwargs, route)
    for route in (
        "onestop:dossier-status-qr",
        "api:dossier_track",
        "onestop:my-dossier-start",
        "onestop:my-dossier-detail",
        "onestop:my-dossier-edit",
        "onestop:my-dossier-file",
        "onestop:my-dossier-upload",
        "onestop:my-dossier-file-remove",
        "onestop:my-dossier-submit",
        "onestop:my-dossier-pay",
        "onestop:my-dossier-pay-online",
        "onestop:my-dossier-pay-return",
        "onestop:my-dossier-pay-check",
        "onestop:my-dossier-supplement",
        "onestop:my-dossier-withdraw",
        "onestop:my-dossier-rate",
        "onestop:my-dossier-sign",
        "onestop:my-dossier-personal-store",
    )
}
