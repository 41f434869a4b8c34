"""The citizen's personal data store on the national portal (Decision 766/QĐ-TTg 4.4), through
the simulator in-process: papers listed and attached to a draft after a national identity
login only, flagged as taken from the store, read audited; the e-result sent to the store once
it is recorded (once, with one key); the figure counting dossiers linked to the store."""

from __future__ import annotations

import datetime
from decimal import Decimal

import httpx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.common.figures import figure_get
from egov.common.testing import files as samples
from egov.integration.choices import ConnectorCode, IntegrationAuditAction, Purpose
from egov.integration.models import ConnectorCall
from egov.integration.services import ResultForStore, personal_store_result_push
from egov.integration.services import client as connector_client
from egov.integration.simulators.inprocess import simulators_in_process
from egov.integration.simulators.views import personal_store_received
from egov.integration.tests.conftest import Recording, national_login
from egov.onestop.choices import AuditAction, DossierFileKind
from egov.onestop.models import DossierFile
from egov.onestop.services.online import dossier_submit
from egov.onestop.services.personal_store import (
    result_personal_store_push,
    results_personal_store_push_pending,
)
from egov.onestop.services.processing_result import dossier_record_result
from egov.onestop.tests.factories_desk import (
    agency_codes,
    district_procedure,
    internal_procedure,
    received,
)
from egov.onestop.tests.online_helpers import (
    KEY,
    agency_code_set,
    draft_for,
    first_document,
    online_procedure,
    status_force,
)
from egov.workflow.services import StepSpec
from egov.workflow.tests import factories as workflow_factories
from egov.workflow.tests.factories import at

pytestmark = pytest.mark.django_db

clock = workflow_factories.clock
CITIZEN_ID = "001085012345"
PAPER = "KDL-001085012345-0002"


def _page(dossier):
    return reverse("onestop:my-dossier-personal-store", args=[dossier.pk])


@pytest.fixture
def draft(world, citizen):
    agency_code_set(world)
    return draft_for(citizen, online_procedure(), with_file=False)


def test_the_papers_are_listed_and_one_attached_flagged_as_from_the_store(
    client, simulators, citizen, draft
):
    national_login(client, citizen)
    document = first_document(draft.procedure)

    page = client.get(_page(draft))
    attached = client.post(_page(draft), {"code": PAPER, "document": document.pk})

    html = page.content.decode()
    assert page.status_code == 200
    assert "Giấy khai sinh (bản sao điện tử)" in html
    assert html.count('name="code"') == 3
    assert attached.status_code == 302
    stored = DossierFile.objects.get(dossier=draft)
    assert (stored.kind, stored.required_document, stored.personal_store_code) == (
        DossierFileKind.APPLICATION,
        document,
        PAPER,
    )
    assert stored.content_type == "application/pdf" and stored.file.read(5) == b"%PDF-"
    calls = list(ConnectorCall.objects.order_by("pk"))
    assert [c.service.split("?")[0] for c in calls] == [
        "personal-store/documents",
        "personal-store/document",
    ]
    fetch = calls[-1]
    assert (fetch.connector, fetch.owner, fetch.purpose, fetch.outcome) == (
        ConnectorCode.NATIONAL_PORTAL,
        citizen,
        Purpose.FORM_FILL,
        "success",
    )
    assert fetch.is_personal_data
    read = AuditEvent.objects.get(action=IntegrationAuditAction.PERSONAL_STORE_PAPER_READ)
    assert (read.actor_id, read.changes["paper"], read.changes["subject"]) == (
        citizen.pk,
        PAPER,
        "0010******45",
    )
    added = AuditEvent.objects.get(action=AuditAction.DOSSIER_FILE_ADDED)
    assert added.changes["personal_store_code"] == PAPER
    detail = client.get(reverse("onestop:my-dossier-detail", args=[draft.pk]))
    assert "từ kho dữ liệu cá nhân của bạn" in detail.content.decode()


def test_without_a_national_login_nothing_is_asked_or_attached(client, simulators, citizen, draft):
    national_login(client, citizen, level=0)

    page = client.get(_page(draft))
    refused = client.post(_page(draft), {"code": PAPER})

    assert page.status_code == 200 and 'name="code"' not in page.content.decode()
    assert refused.status_code == 200
    assert "VNeID" in refused.content.decode()
    assert not DossierFile.objects.exists()
    assert not ConnectorCall.objects.exists()


def test_a_paper_the_store_does_not_have_is_refused_with_a_message(
    client, simulators, citizen, draft
):
    national_login(client, citizen)

    refused = client.post(_page(draft), {"code": "KDL-001190004567-0001"})  # another person's

    assert refused.status_code == 200
    assert 'role="alert"' in refused.content.decode()
    assert not DossierFile.objects.exists()
    assert not AuditEvent.objects.filter(
        action__in=[
            IntegrationAuditAction.PERSONAL_STORE_PAPER_READ,
            AuditAction.DOSSIER_FILE_ADDED,
        ]
    ).exists()


def test_the_portal_down_leaves_the_upload(client, settings, citizen, draft):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    national_login(client, citizen)

    page = client.get(_page(draft))
    refused = client.post(_page(draft), {"code": PAPER})

    assert page.status_code == 200 and 'name="code"' not in page.content.decode()
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    assert not DossierFile.objects.exists()


def test_a_store_paper_counts_the_dossier_for_the_indicator(client, simulators, world, citizen):
    agency_code_set(world)
    procedure = online_procedure()
    plain = draft_for(citizen, procedure)
    linked = draft_for(citizen, procedure)
    national_login(client, citizen)
    client.post(_page(linked), {"code": PAPER})
    for number, dossier in enumerate((plain, linked)):
        submitted = dossier_submit(
            declared=True,
            actor=citizen,
            dossier=dossier,
            idempotency_key=KEY[:-1] + str(number),
            unit=world.district_a,
        )
        status_force(submitted, "processing", received_at=timezone.now())
    today = timezone.localdate()

    values = figure_get("onestop.dossiers_personal_store").read(first=today, last=today)

    assert values == {world.district_a.pk: 1}


@pytest.fixture
def at_last_step(world, clock, citizen, front_desk_officer):
    """A received dossier of one step, at the desk: the desk officer records its result."""
    agency_codes(world)
    procedure = district_procedure()
    step = StepSpec(1, "decide", "Giải quyết", "front_desk_officer", Decimal("5"), world.desk_a)
    internal_procedure(world, procedure, steps=[step])
    clock.set(at(2025, 1, 22, 10))
    return received(world, front_desk_officer, procedure, applicant=citizen)


def _record(dossier, officer, django_capture_on_commit_callbacks):
    result = SimpleUploadedFile("ket-qua.pdf", samples.pdf(), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        dossier_record_result(actor=officer, dossier=dossier, file=result, note="Đã giải quyết.")
    return DossierFile.objects.get(dossier=dossier, kind=DossierFileKind.RESULT)


def test_the_result_goes_to_the_store_once_and_counts(
    simulators, world, at_last_step, front_desk_officer, django_capture_on_commit_callbacks
):
    stored = _record(at_last_step, front_desk_officer, django_capture_on_commit_callbacks)

    again = result_personal_store_push(file_id=stored.pk)

    stored.refresh_from_db()
    assert stored.personal_store_pushed_at is not None
    assert again == "pushed"
    received_there = personal_store_received(CITIZEN_ID)
    assert [(r["MaHoSo"], r["TenGiayTo"]) for r in received_there] == [
        (at_last_step.code, at_last_step.procedure.name)
    ]
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_RESULT_SENT_TO_PERSONAL_STORE)
    assert event.changes == {"file": stored.pk, "sha256": stored.sha256}
    push = ConnectorCall.objects.get(service="personal-store/results")
    assert (push.owner_id, push.unit_id, push.purpose) == (
        at_last_step.applicant_id,
        world.district_a.pk,
        Purpose.DOSSIER_PROCESSING,
    )
    day = timezone.localdate(at_last_step.received_at)
    values = figure_get("onestop.dossiers_personal_store").read(first=day, last=day)
    assert values == {world.district_a.pk: 1}


def test_the_same_key_twice_is_kept_once_by_the_portal(simulators):
    result = ResultForStore(
        citizen_id=CITIZEN_ID,
        dossier_code="000.00.20.H26-250122-0001",
        name="Kết quả",
        issued_by="UBND quận",
        issued_on=datetime.date(2025, 1, 22),
        content=samples.pdf(),
        idempotency_key="onestop-result-1-abc",
    )

    first = personal_store_result_push(result=result)
    second = personal_store_result_push(result=result)

    assert (first, second) == (True, True)
    assert len(personal_store_received(CITIZEN_ID)) == 1


def test_a_result_left_while_the_portal_is_down_is_sent_later(
    settings, world, at_last_step, front_desk_officer, django_capture_on_commit_callbacks
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = "http://testserver"
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))

    stored = _record(at_last_step, front_desk_officer, django_capture_on_commit_callbacks)
    stored.refresh_from_db()
    assert stored.personal_store_pushed_at is None
    assert not AuditEvent.objects.filter(
        action=AuditAction.DOSSIER_RESULT_SENT_TO_PERSONAL_STORE
    ).exists()

    connector_client.breakers_reset()
    with simulators_in_process():
        counts = results_personal_store_push_pending()

    stored.refresh_from_db()
    assert counts == {"pushed": 1, "pending": 0, "skipped": 0}
    assert stored.personal_store_pushed_at is not None
    assert len(personal_store_received(CITIZEN_ID)) == 1
