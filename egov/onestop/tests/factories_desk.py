"""Building blocks of the desk and processing tests: agency codes on the test world, a
district procedure with its internal procedure (desk → division → city department → back to
the district), and dossiers built through the desk services (or created directly with status
``submitted`` for the online channel)."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

from django.apps import apps as django_apps
from django.db import transaction

from conftest import World, make_officer
from egov.accounts.models import User
from egov.onestop.choices import Channel, DossierStatus
from egov.onestop.models import Dossier, Procedure
from egov.onestop.services.desk import dossier_receive, dossier_register_at_desk
from egov.onestop.tests.factories import ProcedureFactory, RequiredDocumentFactory
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessDefinition
from egov.workflow.services import (
    StepSpec,
    process_definition_create,
    process_definition_publish,
)

D = Decimal
DISTRICT_A_CODE = "000.00.20.H26"


def agency_codes(world: World) -> None:
    """The illustrative identifier codes of the Hà Nội dataset, on the test world."""
    for unit, code in (
        (world.city, "000.00.00.H26"),
        (world.dept, "000.00.05.H26"),
        (world.district_a, DISTRICT_A_CODE),
        (world.district_b, "000.00.21.H26"),
    ):
        OrgUnit.objects.filter(pk=unit.pk).update(agency_code=code)
        unit.refresh_from_db()


def district_procedure(**overrides: object) -> Procedure:
    """Hỗ trợ chi phí mai táng (district level before July 2025), 5 working days, with two
    required documents and an optional one."""
    fields = {
        "code": "1.001731",
        "name": "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "level": "district",
        "catalog_era": "pre-2025-three-level",
        "competent_authority": "Chủ tịch UBND cấp huyện",
        "working_days": D("5"),
        "calendar_days": None,
        "effective_from": datetime.date(2020, 1, 1),
        "effective_to": datetime.date(2025, 6, 30),
        "form_fields": [
            {
                "name": "deceased_name",
                "label": "Họ tên người đã mất",
                "type": "text",
                "required": True,
            },
        ],
    }
    procedure = ProcedureFactory(**{**fields, **overrides})
    RequiredDocumentFactory(procedure=procedure, order=1, name="Tờ khai đề nghị hỗ trợ")
    RequiredDocumentFactory(procedure=procedure, order=2, name="Giấy chứng tử")
    RequiredDocumentFactory(procedure=procedure, order=3, name="Giấy ủy quyền", is_required=False)
    return procedure


def liaison_steps(world: World) -> list[StepSpec]:
    """Desk → division → city department (liên thông) → division head → district head:
    0.5 + 1.5 + 1.5 + 0.5 + 1 = 5 working days."""
    return [
        StepSpec(
            1, "receive", "Tiếp nhận, chuyển hồ sơ", "front_desk_officer", D("0.5"), world.desk_a
        ),
        StepSpec(2, "appraise", "Thẩm định", "specialist", D("1.5"), world.division_a),
        StepSpec(3, "consult", "Thẩm định liên thông", "specialist", D("1.5"), world.dept),
        StepSpec(4, "review", "Trình lãnh đạo phòng", "division_head", D("0.5"), world.division_a),
        StepSpec(5, "sign", "Ký duyệt", "unit_head", D("1"), None),
    ]


def internal_procedure(
    world: World, procedure: Procedure, *, steps: list | None = None, code: str | None = None
) -> ProcessDefinition:
    """The published internal procedure ``onestop:<code>`` of ``procedure``."""
    steps = steps or liaison_steps(world)
    definition = process_definition_create(
        actor=None,
        code=code or f"onestop:{procedure.code}",
        name=procedure.name,
        version=1,
        effective_from=datetime.date(2020, 1, 1),
        total_days=sum((s.allowance_days for s in steps), D(0)),
        steps=steps,
        source="Quy trình thử nghiệm (test data)",
    )
    return process_definition_publish(actor=None, definition=definition)


def dept_specialist(world: World) -> User:
    return make_officer("chuyenvien.sotttt@example.vn", world.dept, "specialist")


def registered(
    world: World,
    officer: User,
    procedure: Procedure,
    *,
    applicant: User | None = None,
    key: str = "k-1",
    all_documents: bool = True,
    **fields: object,
) -> Dossier:
    documents = procedure.documents.filter(is_required=True) if all_documents else []
    return dossier_register_at_desk(
        actor=officer,
        desk_unit=world.desk_a,
        procedure=procedure,
        applicant=applicant,
        applicant_name=fields.pop("applicant_name", "Nguyễn Văn An"),
        applicant_id_number=fields.pop("applicant_id_number", "001085012345"),
        applicant_phone=fields.pop("applicant_phone", "0912345678"),
        applicant_email=fields.pop("applicant_email", "an.nguyen@example.vn"),
        checked_document_ids=[d.pk for d in documents],
        form_data={"deceased_name": "Nguyễn Văn Bình"},
        idempotency_key=key,
        **fields,
    )


def received(world: World, officer: User, procedure: Procedure, **kwargs: object) -> Dossier:
    dossier = registered(world, officer, procedure, **kwargs)
    return dossier_receive(actor=officer, dossier=dossier, expected_version=dossier.version)


def online_submitted(
    procedure: Procedure,
    applicant: User,
    *,
    competent_unit: OrgUnit,
    at: datetime.datetime,
    code: str | None = None,
) -> Dossier:
    """An online dossier as the citizen's submission leaves it: status ``submitted``."""
    return Dossier.objects.create(
        procedure=procedure,
        channel=Channel.ONLINE,
        status=DossierStatus.SUBMITTED,
        applicant=applicant,
        applicant_name=applicant.full_name,
        applicant_id_number=applicant.citizen_id or "",
        applicant_phone=applicant.phone or "",
        applicant_email="an.nguyen@example.vn",
        competent_unit=competent_unit,
        submitted_at=at,
        code=code,
        form_data={"deceased_name": "Nguyễn Văn Bình"},
        idempotency_key="online-1",
    )


def migration_data_reload() -> None:
    """Load again what data migrations put in the test database (the one-stop rule sets, the
    working-day calendar): a transactional test that ran before flushed them. Idempotent."""
    for module in (
        "egov.onestop.migrations.0003_load_rule_sets",
        "egov.workdays.migrations.0002_load_shipped_adjustments",
    ):
        with transaction.atomic():
            importlib.import_module(module).load(django_apps, None)
