"""Dead end of issue 15: an online dossier of a procedure without its own internal procedure is
received at the desk and processed to its returned result on the default internal procedure of
its level (processing by a specialist, approval by the head of the competent unit)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import World, make_officer
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier
from egov.onestop.tests.e2e.test_dossier_journey import (
    DOCUMENTS,
    act,
    citizen_submits,
    expect_public_status,
    log_in,
    open_from_list,
    pdf,
)
from egov.onestop.tests.factories import ProcedureFactory, RequiredDocumentFactory
from egov.onestop.tests.factories_desk import agency_codes
from egov.onestop.tests.online_helpers import FORM_FIELDS
from egov.workflow.models import ProcessDefinition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_online_dossier_without_its_own_internal_procedure_is_received_and_processed(
    english_page, live_server, world: World, citizen, front_desk_officer, unit_head
):
    base = live_server.url
    agency_codes(world)
    procedure = ProcedureFactory(
        level="district",
        name="Đăng ký hoạt động (thử nghiệm)",
        working_days=Decimal("3"),
        calendar_days=None,
        form_fields=FORM_FIELDS,
    )
    for order, name in enumerate(DOCUMENTS, start=1):
        RequiredDocumentFactory(procedure=procedure, order=order, name=name)
    district_specialist = make_officer(
        "chuyenvien.badinh@example.vn", world.district_a, "specialist"
    )
    assert not ProcessDefinition.objects.exists()

    applicant = english_page()
    log_in(applicant, base, "0912345678")
    citizen_submits(applicant, base, procedure)
    dossier = Dossier.objects.get(applicant=citizen)
    code, pk = dossier.code, dossier.pk

    desk = english_page()
    log_in(desk, base, front_desk_officer.email)
    act(desk, base, pk, "receive", "Receive the dossier", "The dossier was received.")
    # Step names are stored in the administration's language when the default is made.
    definition = ProcessDefinition.objects.get()
    assert definition.code == "onestop:default:district:3"
    process, approve = (s.name for s in definition.steps.order_by("order"))
    public = english_page()
    expect_public_status(public, base, code, "Being processed", process)

    officer = english_page()
    log_in(officer, base, district_specialist.email)
    open_from_list(officer, base, code)
    act(
        officer,
        base,
        pk,
        "forward",
        "Forward to the next step",
        "The dossier was forwarded to the next step.",
        note="Đủ điều kiện",
    )
    expect_public_status(public, base, code, "Being processed", approve)

    head = english_page()
    log_in(head, base, unit_head.email)
    open_from_list(head, base, code)
    act(
        head,
        base,
        pk,
        "record_result",
        "Record the result",
        "The result was recorded.",
        file=pdf("giay-chung-nhan.pdf"),
        note="Giấy chứng nhận số 7",
    )
    act(desk, base, pk, "return_result", "Return the result", "The result was returned.")
    expect_public_status(public, base, code, "Result returned")

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
