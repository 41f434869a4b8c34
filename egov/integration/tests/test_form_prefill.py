"""The online application form's personal fields filled from the national population database
(through the simulator in-process): after a national identity login only, empty fields only
(a typed value is kept and the database's shown beside it), each value marked with its source,
what stood as given recorded on the dossier, the read logged under the citizen as data owner,
audited and shown on "who read my data"; the database down: the form is filled by hand."""

from __future__ import annotations

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.integration.choices import IntegrationAuditAction, Purpose
from egov.integration.figures import forms_autofilled_values
from egov.integration.models import ConnectorCall
from egov.integration.services import citizen_lookup
from egov.integration.services import client as connector_client
from egov.integration.tests.conftest import Recording, national_login
from egov.onestop.choices import AuditAction
from egov.onestop.models import Dossier
from egov.onestop.rules import form_fields_errors
from egov.onestop.services.online import dossier_submit
from egov.onestop.services.uploads import dossier_file_upload
from egov.onestop.tests.online_helpers import (
    FORM_DATA,
    KEY,
    PDF,
    agency_code_set,
    first_document,
    online_procedure,
    upload,
)

pytestmark = pytest.mark.django_db

ADDRESS = "Số 12 phố Hàng Bông, phường Hoàn Kiếm, Thành phố Hà Nội"


@pytest.fixture
def procedure():
    return online_procedure()


def _start(procedure):
    return reverse("onestop:my-dossier-start", args=[procedure.code])


def test_the_empty_personal_fields_fill_from_the_database_marked_and_nothing_saved(
    client, simulators, citizen, procedure
):
    national_login(client, citizen)

    page = client.post(_start(procedure), {**FORM_DATA, "prefill": "population"})

    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="1985-03-12"' in html
    assert f'value="{ADDRESS}"' in html
    assert 'value="Xã Đông Anh, Thành phố Hà Nội"' in html
    assert html.count('data-source="population"') == 4
    assert not Dossier.objects.exists()
    call = ConnectorCall.objects.get()
    assert (call.actor, call.owner, call.unit, call.purpose, call.issue, call.outcome) == (
        citizen,
        citizen,
        None,
        Purpose.FORM_FILL,
        procedure.code,
        "success",
    )
    assert call.is_personal_data and call.is_autofill
    event = AuditEvent.objects.get(action=IntegrationAuditAction.PERSONAL_DATA_LOOKED_UP)
    assert (event.actor_id, event.changes["subject"]) == (citizen.pk, "0010******45")


def test_saving_records_which_values_came_from_the_database(client, simulators, citizen, procedure):
    national_login(client, citizen)
    client.post(_start(procedure), {**FORM_DATA, "prefill": "population"})
    call = ConnectorCall.objects.get()

    client.post(
        _start(procedure),
        {
            **FORM_DATA,
            "applicant_birth_date": "1985-03-12",
            "applicant_sex": "Nam",
            "applicant_address": ADDRESS,
            "applicant_place_of_origin": "Xã Đông Anh, Thành phố Hà Nội",
        },
    )

    dossier = Dossier.objects.get()
    assert dossier.prefilled["source"] == "population"
    assert dossier.prefilled["call"] == call.pk
    assert dossier.prefilled["fields"] == {
        "applicant_birth_date": "1985-03-12",
        "applicant_sex": "Nam",
        "applicant_address": ADDRESS,
        "applicant_place_of_origin": "Xã Đông Anh, Thành phố Hà Nội",
    }
    assert dossier.form_data["applicant_birth_date"] == "1985-03-12"
    assert dossier.applicant_address == ADDRESS
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_DRAFT_CREATED)
    assert event.changes["prefilled_from"] == "population"
    assert event.changes["prefilled_fields"] == [
        "applicant_address",
        "applicant_birth_date",
        "applicant_place_of_origin",
        "applicant_sex",
    ]
    assert ADDRESS not in str(event.changes)  # names only: values stay out of the trail

    edit = client.get(reverse("onestop:my-dossier-edit", args=[dossier.pk]))
    assert edit.content.decode().count('data-source="population"') == 4
    detail = client.get(reverse("onestop:my-dossier-detail", args=[dossier.pk]))
    assert detail.content.decode().count('data-source="population"') == 4


def test_a_typed_value_is_kept_and_the_database_value_shown_beside_it(
    client, simulators, citizen, procedure
):
    national_login(client, citizen)
    mine = "Số 3 ngõ 5 phố Huế, phường Hai Bà Trưng, Thành phố Hà Nội"

    page = client.post(
        _start(procedure), {**FORM_DATA, "applicant_address": mine, "prefill": "population"}
    )

    html = page.content.decode()
    assert f'value="{mine}"' in html
    assert f'value="{ADDRESS}"' not in html
    assert html.count('data-source="kept"') == 1
    assert ADDRESS in html  # the database's value, told beside the field

    client.post(
        _start(procedure),
        {**FORM_DATA, "applicant_address": mine, "applicant_birth_date": "12/03/1985"},
    )
    dossier = Dossier.objects.get()
    assert dossier.form_data["applicant_address"] == mine
    assert dossier.prefilled["fields"] == {"applicant_birth_date": "1985-03-12"}


def test_changing_a_filled_value_later_drops_its_mark(client, simulators, citizen, procedure):
    national_login(client, citizen)
    client.post(_start(procedure), {**FORM_DATA, "prefill": "population"})
    client.post(_start(procedure), {**FORM_DATA, "applicant_sex": "Nam"})
    dossier = Dossier.objects.get()

    client.post(
        reverse("onestop:my-dossier-edit", args=[dossier.pk]),
        {**FORM_DATA, "applicant_sex": "Nữ"},
    )

    dossier.refresh_from_db()
    assert dossier.form_data["applicant_sex"] == "Nữ"
    assert dossier.prefilled == {}
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_DRAFT_SAVED)
    assert event.changes == {"form_fields_changed": ["applicant_sex"]}


def test_a_password_login_is_told_to_use_the_national_identity_and_nothing_is_read(
    client, simulators, citizen, procedure
):
    national_login(client, citizen, level=0)

    form = client.get(_start(procedure)).content.decode()
    page = client.post(_start(procedure), {**FORM_DATA, "prefill": "population"})

    assert 'name="prefill"' not in form
    assert "VNeID" in form
    assert page.status_code == 200
    assert "VNeID" in page.content.decode()
    assert not ConnectorCall.objects.exists()
    assert not Dossier.objects.exists()


def test_the_database_down_leaves_the_form_to_fill_by_hand(client, settings, citizen, procedure):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.EGOV_INTEGRATION_RETRIES = 1
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    national_login(client, citizen)

    page = client.post(
        _start(procedure), {**FORM_DATA, "applicant_sex": "Nam", "prefill": "population"}
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="Nam"' in html
    assert 'data-source="population"' not in html
    assert ConnectorCall.objects.get().outcome == "failed"
    assert not Dossier.objects.exists()


def test_the_data_owner_sees_their_fills_and_the_desks_look_ups(
    client, simulators, world, citizen, procedure, desk_officer
):
    national_login(client, citizen)
    client.post(_start(procedure), {**FORM_DATA, "prefill": "population"})
    citizen_lookup(
        actor=desk_officer,
        citizen_id=citizen.citizen_id,
        purpose=Purpose.IDENTITY_CHECK,
        unit=world.desk_a,
        issue="000.00.20.H26-250122-0001",
    )

    page = client.get(reverse("integration:my-data"))

    html = page.content.decode()
    table = html[html.index('id="data-lookups"') :]
    assert table.count("<tr>") == 3  # the header and two look-ups
    assert world.desk_a.name in table
    assert "000.00.20.H26-250122-0001" in table
    assert procedure.code in table
    assert list(ConnectorCall.objects.values_list("owner", flat=True)) == [citizen.pk] * 2


def test_another_persons_look_ups_are_not_shown(client, simulators, world, desk_officer, citizen):
    citizen_lookup(
        actor=desk_officer, citizen_id="001190004567", purpose=Purpose.FORM_FILL, unit=world.desk_a
    )
    client.force_login(citizen)

    html = client.get(reverse("integration:my-data")).content.decode()

    table = html[html.index('id="data-lookups"') :]
    assert table.count("<tr>") == 2  # the header and the "not looked up" row
    assert 'colspan="4"' in table


def test_a_procedures_own_field_may_not_take_an_applicant_name():
    errors = form_fields_errors([{"name": "applicant_note", "label": "Ghi chú", "type": "text"}])

    assert len(errors) == 1


def test_a_submitted_fill_counts_for_the_unit_handling_the_dossier(
    client, simulators, world, citizen, procedure
):
    agency_code_set(world)
    national_login(client, citizen)
    client.post(_start(procedure), {**FORM_DATA, "prefill": "population"})
    client.post(_start(procedure), {**FORM_DATA, "applicant_sex": "Nam"})
    dossier = Dossier.objects.get()
    dossier_file_upload(
        actor=citizen,
        dossier=dossier,
        upload=upload("don.pdf", PDF),
        required_document=first_document(procedure),
    )
    today = timezone.localdate()
    assert forms_autofilled_values(first=today, last=today) == {}

    dossier_submit(
        actor=citizen, dossier=dossier, idempotency_key=KEY, unit=world.district_a, declared=True
    )

    assert forms_autofilled_values(first=today, last=today) == {world.district_a.pk: 1}
