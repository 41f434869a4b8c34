"""Online dossiers through the services: drafts checked against the e-form, submission with a
code of the receiving desk, double submits, withdrawal, payments, and the notifications."""

from __future__ import annotations

import functools
import threading
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone, translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.onestop.choices import AuditAction
from egov.onestop.models import Dossier, DossierCodeCounter, DossierPayment
from egov.onestop.services.dossier_state import WrongDossierState
from egov.onestop.services.form_data import form_data_clean
from egov.onestop.services.online import (
    InvalidApplication,
    ProcedureNotOnline,
    dossier_draft_save,
    dossier_submit,
    dossier_withdraw,
)
from egov.onestop.services.payments import (
    DuplicateReceipt,
    PaymentRefused,
    dossier_payment_record,
)
from egov.onestop.tests.factories import ProcedureFactory
from egov.onestop.tests.online_helpers import (
    AGENCY,
    FAKE_SMS,
    FORM_DATA,
    FORM_FIELDS,
    KEY,
    KEY_2,
    FakeSmsBackend,
    agency_code_set,
    draft_for,
    online_procedure,
    other_citizen,
    received_online,
    status_force,
    submitted_for,
)

pytestmark = pytest.mark.django_db
CLEANED = {"purpose": "Xây mới", "area_m2": "120.5", "start_on": "2026-01-15", "agree": True}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def procedure(world):
    agency_code_set(world)
    return online_procedure()


def _code_today(sequence: int = 1) -> str:
    return f"{AGENCY}-{timezone.localdate().strftime('%y%m%d')}-{sequence:04d}"


# --- the application form (pure) -----------------------------------------------------------


def test_form_data_is_cleaned_to_canonical_values():
    result = form_data_clean(
        FORM_FIELDS,
        {**FORM_DATA, "contact_phone": "+84 912.345.678", "unknown": "dropped", "note": "  "},
    )

    assert result.errors == {}
    assert result.cleaned == {**CLEANED, "contact_phone": "0912345678"}


def test_form_data_errors_name_each_field():
    data = {
        "purpose": "Phá dỡ",
        "area_m2": "nhiều",
        "start_on": "31/02/2026",
        "contact_phone": "12345",
        "note": "x" * 5001,
    }

    result = form_data_clean(FORM_FIELDS, data)

    assert result.errors == {
        "purpose": "Choose one of the options given.",
        "area_m2": "Enter a number.",
        "start_on": "Enter a date as dd/mm/yyyy.",
        "contact_phone": "Enter a phone number of 10 or 11 digits.",
        "note": "Enter at most 5000 characters.",
        "agree": "This box must be ticked.",
    }


def test_required_fields_are_required():
    result = form_data_clean(FORM_FIELDS, {"agree": "on"})

    assert result.errors == {
        "purpose": "This field is required.",
        "area_m2": "This field is required.",
    }


# --- drafts --------------------------------------------------------------------------------


def test_draft_keeps_the_form_and_the_applicant_snapshot(citizen, procedure):
    dossier = dossier_draft_save(actor=citizen, procedure=procedure, form_data=FORM_DATA)

    assert (dossier.status, dossier.channel, dossier.code) == ("draft", "online", None)
    assert dossier.form_data == CLEANED
    assert (
        dossier.applicant_kind,
        dossier.applicant_name,
        dossier.applicant_id_number,
        dossier.applicant_phone,
        dossier.applicant_email,
    ) == ("person", "Nguyễn Văn An", "001085012345", "0912345678", "")
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_DRAFT_CREATED)
    assert event.changes == {"procedure": procedure.code, "version": 1}


def test_draft_update_records_changed_field_names_only(citizen, procedure):
    dossier = draft_for(citizen, procedure, with_file=False)

    updated = dossier_draft_save(
        actor=citizen,
        procedure=procedure,
        dossier=dossier,
        form_data={**FORM_DATA, "purpose": "Sửa chữa", "note": "Tầng 2"},
    )

    assert updated.form_data == {**CLEANED, "purpose": "Sửa chữa", "note": "Tầng 2"}
    assert updated.version == 2
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_DRAFT_SAVED)
    assert event.changes == {"form_fields_changed": ["note", "purpose"]}


def test_invalid_form_creates_nothing(citizen, procedure):
    with pytest.raises(InvalidApplication) as caught:
        dossier_draft_save(actor=citizen, procedure=procedure, form_data={"agree": "on"})

    assert (
        caught.value.message == "Correct the application form: some fields are missing or "
        "not valid."
    )
    assert caught.value.fields == {
        "purpose": "This field is required.",
        "area_m2": "This field is required.",
    }
    assert Dossier.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="dossier.").exists()


def test_officers_do_not_file_online(front_desk_officer, procedure):
    with pytest.raises(PermissionDenied) as caught:
        dossier_draft_save(actor=front_desk_officer, procedure=procedure, form_data=FORM_DATA)

    assert caught.value.message == "Only citizens and businesses file dossiers online."
    assert Dossier.objects.count() == 0


def test_a_procedure_without_the_online_channel_is_refused(citizen, world):
    procedure = ProcedureFactory(channels=["direct"], form_fields=[])

    with pytest.raises(ProcedureNotOnline) as caught:
        dossier_draft_save(actor=citizen, procedure=procedure, form_data={})

    assert caught.value.message == "This procedure cannot be submitted online."


def test_another_citizen_cannot_change_a_draft(citizen, procedure):
    dossier = draft_for(citizen, procedure, with_file=False)

    with pytest.raises(PermissionDenied):
        dossier_draft_save(
            actor=other_citizen(), procedure=procedure, dossier=dossier, form_data=FORM_DATA
        )

    assert Dossier.objects.get(pk=dossier.pk).version == 1


# --- submission ----------------------------------------------------------------------------


@override_settings(EGOV_SMS_BACKEND=FAKE_SMS)
def test_submit_takes_a_code_of_the_desk_and_tells_the_applicant(
    citizen, procedure, world, django_capture_on_commit_callbacks
):
    citizen.email = "an.nguyen@example.vn"
    citizen.save(update_fields=["email"])
    FakeSmsBackend.sent.clear()
    draft = draft_for(citizen, procedure)

    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_a
        )

    assert dossier.code == _code_today()
    assert (dossier.status, dossier.competent_unit, dossier.receiving_unit) == (
        "submitted",
        world.district_a,
        world.desk_a,
    )
    assert dossier.ruleset.code == "ND118-2025"
    assert dossier.submitted_at is not None
    assert dossier.received_at is None
    # Sent in Vietnamese whatever the request's language: the subject names the code.
    assert len(mail.outbox) == 1
    assert dossier.code in mail.outbox[0].subject
    assert mail.outbox[0].to == ["an.nguyen@example.vn"]
    assert f"/track/?code={dossier.code}" in mail.outbox[0].body
    assert len(FakeSmsBackend.sent) == 1
    assert FakeSmsBackend.sent[0][0] == "0912345678"
    assert dossier.code in FakeSmsBackend.sent[0][1]
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_SUBMITTED)
    assert event.changes["status"] == ["draft", "submitted"]
    assert event.changes["code"] == [None, dossier.code]


def test_a_commune_without_a_desk_files_through_the_district_desk(citizen, world):
    agency_code_set(world)
    procedure = online_procedure(level="commune")

    dossier = submitted_for(citizen, procedure, world.commune_a)

    assert (dossier.competent_unit, dossier.receiving_unit) == (world.commune_a, world.desk_a)
    assert dossier.code == _code_today()


def test_a_unit_with_no_desk_above_it_is_refused(citizen, world):
    agency_code_set(world)
    procedure = online_procedure(level="commune")
    draft = draft_for(citizen, procedure)

    with pytest.raises(InvalidApplication) as caught:
        dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.commune_b
        )

    assert caught.value.fields == {
        "unit": "No one-stop desk receives dossiers for this unit online."
    }
    assert DossierCodeCounter.objects.count() == 0


def test_the_unit_must_be_of_the_procedure_level(citizen, procedure, world):
    draft = draft_for(citizen, procedure)

    with pytest.raises(InvalidApplication) as caught:
        dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.commune_a
        )

    assert caught.value.fields == {"unit": "This unit does not handle procedures of this level."}
    assert Dossier.objects.get(pk=draft.pk).status == "draft"
    assert DossierCodeCounter.objects.count() == 0


def test_required_documents_need_a_file_but_not_papers_only_shown(citizen, procedure, world):
    draft = draft_for(citizen, procedure, with_file=False)

    with pytest.raises(InvalidApplication) as caught:
        dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_a
        )

    assert caught.value.code == "documents_missing"
    assert caught.value.message == "Upload a file for each required document: Đơn đề nghị."
    assert not AuditEvent.objects.filter(action=AuditAction.DOSSIER_SUBMITTED).exists()


def test_a_malformed_key_is_refused(citizen, procedure, world):
    draft = draft_for(citizen, procedure)

    with pytest.raises(InvalidApplication) as caught:
        dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key="1", unit=world.district_a
        )

    assert caught.value.message == "The form has expired. Reload the page and submit again."


def test_double_submit_with_the_same_key_submits_once(
    citizen, procedure, world, django_capture_on_commit_callbacks
):
    citizen.email = "an.nguyen@example.vn"
    citizen.save(update_fields=["email"])
    draft = draft_for(citizen, procedure)

    with django_capture_on_commit_callbacks(execute=True):
        first = dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_a
        )
        second = dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_a
        )
        third = dossier_submit(
            declared=True,
            actor=citizen,
            dossier=draft,
            idempotency_key=KEY_2,
            unit=world.district_a,
        )

    assert first.pk == second.pk == third.pk
    assert second.code == third.code == first.code == _code_today()
    assert Dossier.objects.count() == 1
    assert DossierCodeCounter.objects.get().last_sequence == 1
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_SUBMITTED).count() == 1
    assert len(mail.outbox) == 1


def test_two_drafts_get_consecutive_codes(citizen, procedure, world):
    first = submitted_for(citizen, procedure, world.district_a, key=KEY)
    second = submitted_for(citizen, procedure, world.district_a, key=KEY_2)

    assert (first.code, second.code) == (_code_today(1), _code_today(2))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises writers instead",
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_make_one_submission(citizen, world):
    # The rule sets come from a data migration, which an earlier transactional test's flush
    # may have emptied: load them again (the load is idempotent).
    import_module("egov.onestop.migrations.0003_load_rule_sets").load(django_apps, None)
    agency_code_set(world)
    procedure = online_procedure()
    draft = draft_for(citizen, procedure)
    barrier, codes = threading.Barrier(2), []

    def submit(key: str) -> None:
        barrier.wait()
        try:
            dossier = dossier_submit(
                declared=True,
                actor=citizen,
                dossier=draft,
                idempotency_key=key,
                unit=world.district_a,
            )
            codes.append(dossier.code)
        except Exception as exc:  # reported in the assertion below, not lost in the thread
            codes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(k,)) for k in (KEY, KEY_2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert codes == [_code_today(), _code_today()]
    assert DossierCodeCounter.objects.get().last_sequence == 1
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_SUBMITTED).count() == 1


# --- withdrawal ----------------------------------------------------------------------------


def test_the_applicant_withdraws_a_submitted_dossier(citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)

    withdrawn = dossier_withdraw(actor=citizen, dossier=dossier, reason="Nộp nhầm thủ tục")

    assert (withdrawn.status, withdrawn.result_note) == ("withdrawn", "Nộp nhầm thủ tục")
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_WITHDRAWN).count() == 1


def test_a_received_dossier_cannot_be_withdrawn_online(citizen, procedure, world):
    dossier = status_force(submitted_for(citizen, procedure, world.district_a), "received")

    with pytest.raises(WrongDossierState) as caught:
        dossier_withdraw(actor=citizen, dossier=dossier)

    assert caught.value.message == "This action is not possible while the dossier is “Received”."


def test_a_withdrawn_draft_cannot_be_submitted(citizen, procedure, world):
    draft = draft_for(citizen, procedure)
    dossier_withdraw(actor=citizen, dossier=draft)

    with pytest.raises(WrongDossierState):
        dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_a
        )

    assert DossierCodeCounter.objects.count() == 0


# --- payments ------------------------------------------------------------------------------


def test_payment_is_recorded_and_audited(citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)

    payment = dossier_payment_record(
        actor=citizen,
        dossier=dossier,
        amount_vnd=75000,
        receipt_number="BL-2026/0001",
        method="bank_transfer",
    )

    assert (payment.amount_vnd, payment.receipt_number, payment.method, payment.recorded_by) == (
        75000,
        "BL-2026/0001",
        "bank_transfer",
        citizen,
    )
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_PAYMENT_RECORDED)
    assert event.changes == {
        "payment": payment.pk,
        "amount_vnd": 75000,
        "receipt_number": "BL-2026/0001",
        "method": "bank_transfer",
    }


def test_a_duplicate_receipt_is_refused_cleanly(citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)
    dossier_payment_record(
        actor=citizen,
        dossier=dossier,
        amount_vnd=75000,
        receipt_number="BL-2026/0001",
        method="bank_transfer",
    )

    with pytest.raises(DuplicateReceipt) as caught:
        dossier_payment_record(
            actor=citizen,
            dossier=dossier,
            amount_vnd=75000,
            receipt_number=" BL-2026/0001 ",
            method="card",
        )

    assert caught.value.status == 409
    assert caught.value.fields == {
        "receipt_number": "This receipt number has already been recorded for the dossier."
    }
    assert DossierPayment.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_PAYMENT_RECORDED).count() == 1


def test_an_amount_other_than_the_fees_due_is_recorded_only_when_confirmed(
    citizen, procedure, world
):
    dossier = submitted_for(citizen, procedure, world.district_a)  # the fee is 75.000 đồng
    pay = functools.partial(
        dossier_payment_record, actor=citizen, dossier=dossier, method="bank_transfer"
    )

    with pytest.raises(PaymentRefused) as caught:
        pay(amount_vnd=50_000, receipt_number="BL-1")
    assert caught.value.code == "payment_amount_unconfirmed"
    assert caught.value.fields == {
        "amount_vnd": "This is less than the 75,000 VND of fees still due. Confirm only if the "
        "receipt is for part of the fees."
    }

    pay(amount_vnd=50_000, receipt_number="BL-1", amount_confirmed=True)  # part of the fees
    pay(amount_vnd=25_000, receipt_number="BL-2")  # the rest: no confirmation needed
    with pytest.raises(PaymentRefused) as caught:
        pay(amount_vnd=25_000, receipt_number="BL-3")

    assert "already recorded as paid" in caught.value.message
    assert sorted(DossierPayment.objects.values_list("amount_vnd", flat=True)) == [25_000, 50_000]


def test_payment_input_is_checked(citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)

    with pytest.raises(PaymentRefused) as caught:
        dossier_payment_record(
            actor=citizen, dossier=dossier, amount_vnd=0, receipt_number="số 1", method="cash"
        )

    assert caught.value.fields == {
        "amount_vnd": "Enter the amount paid, in đồng.",
        "receipt_number": "Enter the receipt number: letters, digits and . / _ - only, at most 50.",
        "method": "Choose how you paid.",
    }
    assert DossierPayment.objects.count() == 0


def test_no_payment_when_no_fee_is_due(citizen, procedure, world):
    procedure.fees.update(amount_vnd=0)
    dossier = submitted_for(citizen, procedure, world.district_a)

    with pytest.raises(PaymentRefused) as caught:
        dossier_payment_record(
            actor=citizen, dossier=dossier, amount_vnd=75000, receipt_number="BL-1", method="card"
        )

    assert caught.value.message == "No fee or charge is due for this procedure."


def test_no_payment_on_a_draft_or_by_someone_else(citizen, procedure, world):
    draft = draft_for(citizen, procedure)

    with pytest.raises(WrongDossierState):
        dossier_payment_record(
            actor=citizen, dossier=draft, amount_vnd=75000, receipt_number="BL-1", method="card"
        )
    with pytest.raises(PermissionDenied):
        dossier_payment_record(
            actor=other_citizen(),
            dossier=draft,
            amount_vnd=75000,
            receipt_number="BL-1",
            method="card",
        )

    assert DossierPayment.objects.count() == 0


# --- notifications -------------------------------------------------------------------------


@override_settings(EGOV_SMS_BACKEND="egov.onestop.tests.test_online.BrokenSms")
def test_an_sms_failure_does_not_stop_the_email(
    citizen, procedure, world, django_capture_on_commit_callbacks
):
    citizen.email = "an.nguyen@example.vn"
    citizen.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        submitted_for(citizen, procedure, world.district_a)

    assert len(mail.outbox) == 1


def test_the_default_sms_backend_only_logs(
    citizen, procedure, world, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level("INFO", logger="egov.common.sms"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        dossier = submitted_for(citizen, procedure, world.district_a)

    record = next(r for r in caplog.records if r.msg == "onestop.sms_logged")
    assert record.phone_tail == "678"
    assert dossier.code in record.text
    assert mail.outbox == []


class BrokenSms:
    def send(self, phone: str, text: str) -> None:
        raise ConnectionError("provider down")


# --- with the desk -------------------------------------------------------------------------


def test_the_desk_receives_an_online_dossier_under_its_code(
    citizen, procedure, world, front_desk_officer
):
    dossier = received_online(citizen, procedure, world, front_desk_officer)

    assert dossier.status == "processing"
    assert dossier.code == _code_today()
    assert (dossier.receiving_unit, dossier.competent_unit) == (world.desk_a, world.district_a)
    assert DossierCodeCounter.objects.get().last_sequence == 1


def test_a_dossier_sent_back_by_the_desk_is_submitted_again_under_its_code(
    citizen, procedure, world, front_desk_officer
):
    from egov.onestop.services.desk import dossier_request_completion_at_desk

    dossier = submitted_for(citizen, procedure, world.district_a, key=KEY)
    returned = dossier_request_completion_at_desk(
        actor=front_desk_officer, dossier=dossier, reason="Thiếu bản vẽ"
    )
    assert returned.status == "draft"

    again = dossier_submit(
        declared=True, actor=citizen, dossier=returned, idempotency_key=KEY_2, unit=world.district_a
    )

    assert (again.status, again.code) == ("submitted", dossier.code)
    assert DossierCodeCounter.objects.get().last_sequence == 1
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_SUBMITTED).count() == 2
