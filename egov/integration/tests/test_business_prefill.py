"""A business applicant's online form filled from the national business registry (through the
simulator in-process): the business's own fields (enterprise name and code, head office, legal
representative) in place of a person's, filled only from its own enterprise code, empty fields
only, each value marked with its source, what stood as given recorded on the dossier, the read
logged with the business as data owner and audited; the registry down: the form is filled by
hand; the figure "online services using the national business registry"."""

from __future__ import annotations

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone

from egov.accounts.services import public_account_register
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.integration.choices import IntegrationAuditAction, Purpose
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError
from egov.integration.figures import forms_autofilled_values
from egov.integration.models import ConnectorCall
from egov.integration.services import business_self_lookup
from egov.integration.services import client as connector_client
from egov.integration.tests.conftest import Recording
from egov.onestop.choices import AuditAction
from egov.onestop.figures import procedures_business_registry, procedures_online_business
from egov.onestop.models import Dossier
from egov.onestop.services.desk import dossier_receive
from egov.onestop.services.online import dossier_draft_save, dossier_submit
from egov.onestop.services.uploads import dossier_file_upload
from egov.onestop.tests.online_helpers import (
    FORM_DATA,
    KEY,
    KEY_2,
    PDF,
    agency_code_set,
    first_document,
    online_definition,
    online_procedure,
    upload,
)

pytestmark = pytest.mark.django_db

NAME = "Công ty TNHH Sen Vàng Hà Nội"
HEAD_OFFICE = "Số 8 phố Lý Thường Kiệt, phường Cửa Nam, Thành phố Hà Nội"
GIVEN = {
    "applicant_business_name": NAME,
    "applicant_enterprise_code": "0101234567",
    "applicant_address": HEAD_OFFICE,
    "applicant_legal_representative": "Phạm Thị Dung",
}


@pytest.fixture
def business():
    return public_account_register(
        full_name="Công ty TNHH Sen Vàng Hà Nội",
        password="x-Secret-2026",
        email="senvang@example.vn",
        tax_code="0101234567",
    )


@pytest.fixture
def procedure():
    return online_procedure()


def _start(procedure):
    return reverse("onestop:my-dossier-start", args=[procedure.code])


def _fill_and_save(client, business, procedure, **typed):
    client.force_login(business)
    client.post(_start(procedure), {**FORM_DATA, **typed, "prefill": "business"})
    client.post(_start(procedure), {**FORM_DATA, **GIVEN, **typed})
    return Dossier.objects.get(applicant=business)


def test_a_business_form_has_the_business_fields_and_the_registry_button(
    client, business, procedure
):
    client.force_login(business)

    html = client.get(_start(procedure)).content.decode()

    assert 'name="applicant_business_name"' in html
    assert 'name="applicant_legal_representative"' in html
    assert 'name="applicant_birth_date"' not in html  # a person's fields are not asked
    assert 'value="business"' in html
    assert "VNeID" not in html[html.index('id="prefill"') :][:400]


def test_the_empty_business_fields_fill_from_the_registry_marked_and_nothing_saved(
    client, simulators, business, procedure
):
    client.force_login(business)

    page = client.post(_start(procedure), {**FORM_DATA, "prefill": "business"})

    html = page.content.decode()
    assert page.status_code == 200
    assert f'value="{NAME}"' in html
    assert f'value="{HEAD_OFFICE}"' in html
    assert 'value="Phạm Thị Dung"' in html
    assert html.count('data-source="business"') == 4
    assert not Dossier.objects.exists()
    call = ConnectorCall.objects.get()
    assert (call.connector, call.actor, call.owner, call.purpose, call.issue, call.outcome) == (
        "business",
        business,
        business,
        Purpose.FORM_FILL,
        procedure.code,
        "success",
    )
    assert call.is_autofill and not call.is_personal_data
    event = AuditEvent.objects.get(action=IntegrationAuditAction.BUSINESS_DATA_LOOKED_UP)
    assert (event.actor_id, event.changes["subject"]) == (business.pk, "0101****67")


def test_saving_records_which_values_came_from_the_registry(
    client, simulators, business, procedure
):
    dossier = _fill_and_save(client, business, procedure)

    call = ConnectorCall.objects.get()
    assert dossier.prefilled["source"] == "business"
    assert dossier.prefilled["call"] == call.pk
    assert dossier.prefilled["fields"] == GIVEN
    assert dossier.applicant_address == HEAD_OFFICE
    assert dossier.applicant_kind == "organisation"
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_DRAFT_CREATED)
    assert event.changes["prefilled_from"] == "business"
    assert event.changes["prefilled_fields"] == sorted(GIVEN)
    assert "Phạm Thị Dung" not in str(event.changes)  # names only
    edit = client.get(reverse("onestop:my-dossier-edit", args=[dossier.pk]))
    assert edit.content.decode().count('data-source="business"') == 4
    detail = client.get(reverse("onestop:my-dossier-detail", args=[dossier.pk]))
    assert detail.content.decode().count('data-source="business"') == 4


def test_a_typed_value_is_kept_and_the_registry_value_shown_beside_it(
    client, simulators, business, procedure
):
    client.force_login(business)
    mine = "Nguyễn Thị Hoa (ủy quyền)"

    page = client.post(
        _start(procedure),
        {**FORM_DATA, "applicant_legal_representative": mine, "prefill": "business"},
    )

    html = page.content.decode()
    assert f'value="{mine}"' in html
    assert html.count('data-source="kept"') == 1
    assert "Phạm Thị Dung" in html[html.index('data-source="kept"') :]  # told beside it
    assert html.count('data-source="business"') == 3


def test_only_the_business_itself_and_only_its_own_code_is_looked_up(simulators, citizen):
    with pytest.raises(PermissionDenied):
        business_self_lookup(actor=citizen, issue="1.001193")
    assert not ConnectorCall.objects.exists()


def test_an_enterprise_the_registry_does_not_know_leaves_the_form_to_fill_by_hand(
    client, simulators, procedure
):
    unknown = public_account_register(
        full_name="Công ty Chưa Đăng Ký",
        password="x-Secret-2026",
        email="chuadangky@example.vn",
        tax_code="0100000001",
    )
    client.force_login(unknown)

    page = client.post(_start(procedure), {**FORM_DATA, "prefill": "business"})

    assert page.status_code == 200
    assert 'data-source="business"' not in page.content.decode()
    assert ConnectorCall.objects.get().outcome == "not_found"


def test_an_answer_for_another_enterprise_is_refused(settings, business):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    other = {
        "maSoDoanhNghiep": "0109876543",
        "tenDoanhNghiep": "Công ty Khác",
        "diaChiTruSo": "Hà Nội",
        "nguoiDaiDienPhapLuat": "Ai Đó",
        "tinhTrang": "Đang hoạt động",
    }
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(200, json=other)))

    with pytest.raises(ConnectorUnavailable):
        business_self_lookup(actor=business, issue="1.001193")

    assert ConnectorCall.objects.get().outcome == "failed"
    assert not AuditEvent.objects.filter(
        action=IntegrationAuditAction.BUSINESS_DATA_LOOKED_UP
    ).exists()


def test_the_registry_down_leaves_the_form_to_fill_by_hand(client, settings, business, procedure):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.EGOV_INTEGRATION_RETRIES = 1
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    client.force_login(business)

    page = client.post(
        _start(procedure), {**FORM_DATA, "applicant_business_name": NAME, "prefill": "business"}
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert f'value="{NAME}"' in html
    assert 'data-source="business"' not in html
    assert ConnectorCall.objects.get().outcome == "failed"
    assert not Dossier.objects.exists()


def test_a_business_account_without_a_valid_code_is_told(business):
    business.tax_code = "12"
    with pytest.raises(IntegrationError) as caught:
        business_self_lookup(actor=business)
    assert caught.value.code == "no_tax_code"


def _submit_and_receive(business, dossier, world, officer, key=KEY):
    online_definition(world, dossier.procedure)
    dossier_file_upload(
        actor=business,
        dossier=dossier,
        upload=upload("don.pdf", PDF),
        required_document=first_document(dossier.procedure),
    )
    submitted = dossier_submit(
        actor=business, dossier=dossier, idempotency_key=key, unit=world.district_a, declared=True
    )
    dossier_receive(actor=officer, dossier=submitted)


def test_a_received_fill_counts_for_the_business_registry_figure(
    client, simulators, world, business, procedure, desk_officer
):
    agency_code_set(world)
    dossier = _fill_and_save(client, business, procedure)
    other_procedure = online_procedure()
    by_hand = dossier_draft_save(
        actor=business, procedure=other_procedure, form_data={**FORM_DATA, **GIVEN}
    )
    today = timezone.localdate()

    _submit_and_receive(business, dossier, world, desk_officer)
    _submit_and_receive(business, by_hand, world, desk_officer, key=KEY_2)

    district = world.district_a.pk
    assert forms_autofilled_values(first=today, last=today) == {district: 1}
    # two online services used by the business, one of them with the registry's data: 50 %
    assert procedures_online_business(first=today, last=today, unit_ids=None) == {district: 2}
    assert procedures_business_registry(first=today, last=today, unit_ids=None) == {district: 1}
