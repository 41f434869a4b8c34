"""The applicant's pages: who may see them, the form built from the procedure's e-form, uploads
with their errors, submit with its idempotency key, payment, supplement, withdrawal, rating,
and the "Submit online" button of the catalog."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.onestop.models import Dossier, DossierCodeCounter, DossierFile, DossierRating
from egov.onestop.selectors.online_offer import online_unit_choices
from egov.onestop.tests.factories import ProcedureFactory
from egov.onestop.tests.figures_factories import at, notice_issue
from egov.onestop.tests.online_helpers import (
    EXE,
    FAKE_SMS,
    FORM_DATA,
    PDF,
    PNG,
    FakeSmsBackend,
    agency_code_set,
    draft_for,
    first_document,
    online_procedure,
    other_citizen,
    received_online,
    result_ready,
    submitted_for,
    upload,
)
from egov.orgs.models import OrgUnit
from egov.orgs.services import orgunit_create
from egov.workflow.services import StepSpec, process_definition_create, process_definition_publish

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}
LIST = reverse("onestop:my-dossier-list")


@pytest.fixture
def procedure(world):
    agency_code_set(world)
    return online_procedure()


@pytest.fixture
def draft(citizen, procedure):
    return draft_for(citizen, procedure)


def _url(name: str, dossier, **kwargs) -> str:
    return reverse(f"onestop:{name}", kwargs={"pk": dossier.pk, **kwargs})


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _key(response) -> str:
    return re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode()).group(1)


# --- who may see the pages -----------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    for url in (LIST, _url("my-dossier-detail", draft)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_officers_are_refused(client, front_desk_officer, procedure):
    client.force_login(front_desk_officer)

    assert client.get(LIST).status_code == 403
    assert client.get(reverse("onestop:my-dossier-start", args=[procedure.code])).status_code == 403


ROUTES = [
    ("get", "my-dossier-detail", {}),
    ("get", "my-dossier-edit", {}),
    ("get", "my-dossier-submit", {}),
    ("get", "my-dossier-pay", {}),
    ("post", "my-dossier-upload", {}),
    ("post", "my-dossier-supplement", {}),
    ("post", "my-dossier-withdraw", {}),
    ("post", "my-dossier-rate", {}),
]


@pytest.mark.parametrize(("method", "name", "kwargs"), ROUTES, ids=[r[1] for r in ROUTES])
def test_another_citizen_gets_404(client, draft, method, name, kwargs):
    client.force_login(other_citizen())

    response = getattr(client, method)(_url(name, draft, **kwargs))

    assert response.status_code == 404
    assert Dossier.objects.get(pk=draft.pk).status == "draft"


def test_another_citizen_cannot_download_or_remove_a_file(client, draft):
    stored = DossierFile.objects.get(dossier=draft)
    client.force_login(other_citizen())

    assert client.get(_url("my-dossier-file", draft, file_id=stored.pk)).status_code == 404
    assert client.post(_url("my-dossier-file-remove", draft, file_id=stored.pk)).status_code == 404
    assert DossierFile.objects.filter(pk=stored.pk).exists()


def test_the_list_shows_only_my_dossiers(
    client, citizen, procedure, world, django_assert_num_queries
):
    mine = submitted_for(citizen, procedure, world.district_a)
    draft_for(other_citizen(), procedure)
    client.force_login(citizen)

    # session, user, count, page of dossiers with their procedures, the header's unread count
    with django_assert_num_queries(5):
        response = client.get(LIST, headers=EN)

    assert [d.pk for d in response.context["page"]] == [mine.pk]
    assert mine.code in response.content.decode()


# --- the catalog's button and the application form -----------------------------------------


def test_the_catalog_offers_online_submission_only_when_online(client, procedure):
    direct_only = ProcedureFactory(channels=["direct"])

    online = client.get(reverse("onestop:procedure-detail", args=[procedure.code]), headers=EN)
    offline = client.get(reverse("onestop:procedure-detail", args=[direct_only.code]), headers=EN)

    start = reverse("onestop:my-dossier-start", args=[procedure.code])
    assert f'href="{start}"' in online.content.decode()
    assert "Submit online" in online.content.decode()
    assert "Submit online" not in offline.content.decode()


def test_online_channel_without_a_way_to_process_it_is_not_offered(client, citizen, world):
    """Online in the catalog, but days only and no internal procedure: a submitted dossier
    could never be received, so the portal shows it as not online, offers no form, lists it
    under "not online" and refuses its units; once an internal procedure is published for one
    unit, it is offered for that unit only."""
    stuck = ProcedureFactory(online_level="full", working_days=None, calendar_days=Decimal("20"))
    client.force_login(citizen)
    detail = reverse("onestop:procedure-detail", args=[stuck.code])
    start = reverse("onestop:my-dossier-start", args=[stuck.code])
    listing = reverse("onestop:procedure-list")

    page = client.get(detail, headers=EN).content.decode()
    assert "Submit online" not in page and "Not online" in page
    assert client.get(start).status_code == 404
    assert stuck.code in client.get(listing, {"online_level": "none"}, headers=EN).content.decode()
    full = client.get(listing, {"online_level": "full"}, headers=EN).content.decode()
    assert stuck.code not in full

    OrgUnit.objects.filter(pk=world.commune_a.pk).update(agency_code="000.01.20.H26")
    definition = process_definition_create(
        actor=None,
        code=f"onestop:{stuck.code}@000.01.20.H26",
        name=stuck.name,
        version=1,
        effective_from=datetime.date(2025, 1, 1),
        total_days=Decimal("14"),
        steps=[StepSpec(1, "process", "Xử lý", "specialist", Decimal("14"))],
    )
    process_definition_publish(actor=None, definition=definition)

    page = client.get(detail, headers=EN).content.decode()
    assert "Submit online" in page and "Fully online (end-to-end)" in page
    assert client.get(start).status_code == 200
    assert [u.pk for u in online_unit_choices(stuck)] == [world.commune_a.pk]


def test_a_procedure_not_offered_online_has_no_form(client, citizen):
    direct_only = ProcedureFactory(channels=["direct"])
    client.force_login(citizen)

    response = client.get(reverse("onestop:my-dossier-start", args=[direct_only.code]))

    assert response.status_code == 404


def test_the_form_is_built_from_the_procedure(client, citizen, procedure):
    client.force_login(citizen)

    response = client.get(reverse("onestop:my-dossier-start", args=[procedure.code]), headers=EN)

    html = response.content.decode()
    assert '<select name="purpose"' in html
    assert '<input type="date" name="start_on"' in html
    assert '<input type="checkbox" name="agree"' in html
    assert '<textarea name="note"' in html
    assert "Diện tích (m²)" in html


def test_an_invalid_form_shows_the_errors_and_saves_nothing(client, citizen, procedure):
    client.force_login(citizen)

    response = client.post(
        reverse("onestop:my-dossier-start", args=[procedure.code]),
        {"purpose": "Phá dỡ", "area_m2": "nhiều"},
        headers=EN,
    )

    text = _text(response)
    assert response.status_code == 200
    assert "Choose one of the options given." in text
    assert "Enter a number." in text
    assert "This box must be ticked." in text
    assert Dossier.objects.count() == 0


def test_saving_the_form_creates_the_draft(client, citizen, procedure):
    client.force_login(citizen)

    response = client.post(
        reverse("onestop:my-dossier-start", args=[procedure.code]), FORM_DATA, headers=EN
    )

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("my-dossier-detail", dossier)
    assert dossier.form_data["area_m2"] == "120.5"


def test_a_draft_form_can_be_changed(client, citizen, draft):
    client.force_login(citizen)

    client.post(_url("my-dossier-edit", draft), {**FORM_DATA, "purpose": "Sửa chữa"})

    assert Dossier.objects.get(pk=draft.pk).form_data["purpose"] == "Sửa chữa"


# --- uploads -------------------------------------------------------------------------------


def test_a_bad_file_is_refused_with_the_message(client, citizen, procedure):
    dossier = draft_for(citizen, procedure, with_file=False)
    client.force_login(citizen)

    response = client.post(
        _url("my-dossier-upload", dossier),
        {"document": first_document(procedure).pk, "file": upload("setup.pdf", EXE)},
        headers=EN,
    )

    assert response.status_code == 200
    assert "Only PDF, JPEG and PNG files are accepted." in _text(response)
    assert DossierFile.objects.count() == 0


def test_a_missing_file_is_told(client, citizen, draft):
    client.force_login(citizen)

    response = client.post(_url("my-dossier-upload", draft), {}, headers=EN)

    assert "Choose a file to upload." in _text(response)


def test_a_good_file_is_added_and_downloaded_as_its_real_type(client, citizen, draft):
    client.force_login(citizen)

    response = client.post(_url("my-dossier-upload", draft), {"file": upload("anh.pdf", PNG)})

    stored = DossierFile.objects.get(dossier=draft, required_document__isnull=True)
    assert response.status_code == 302
    download = client.get(_url("my-dossier-file", draft, file_id=stored.pk))
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == PNG


def test_a_draft_file_is_removed(client, citizen, draft):
    stored = DossierFile.objects.get(dossier=draft)
    client.force_login(citizen)

    client.post(_url("my-dossier-file-remove", draft, file_id=stored.pk))

    assert not DossierFile.objects.filter(pk=stored.pk).exists()


# --- submit --------------------------------------------------------------------------------


@override_settings(EGOV_SMS_BACKEND=FAKE_SMS)
def test_a_double_clicked_submit_submits_once(
    client, citizen, draft, world, django_capture_on_commit_callbacks
):
    citizen.email = "an.nguyen@example.vn"
    citizen.save(update_fields=["email"])
    FakeSmsBackend.sent.clear()
    client.force_login(citizen)
    form = client.get(_url("my-dossier-submit", draft), headers=EN)
    data = {"unit": world.district_a.pk, "idempotency_key": _key(form), "declaration": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(_url("my-dossier-submit", draft), data, headers=EN)
        second = client.post(_url("my-dossier-submit", draft), data, headers=EN)

    dossier = Dossier.objects.get()
    assert first.status_code == second.status_code == 302
    assert dossier.status == "submitted"
    assert DossierCodeCounter.objects.get().last_sequence == 1
    assert len(mail.outbox) == 1
    assert len(FakeSmsBackend.sent) == 1
    page = client.get(first["Location"], headers=EN)
    assert f"Your dossier has been submitted. Its code is {dossier.code}." in _text(page)


def test_submit_needs_a_unit_and_the_documents(client, citizen, procedure):
    dossier = draft_for(citizen, procedure, with_file=False)
    client.force_login(citizen)
    key = _key(client.get(_url("my-dossier-submit", dossier)))

    no_unit = client.post(_url("my-dossier-submit", dossier), {"idempotency_key": key}, headers=EN)

    assert "Choose the unit that will handle your dossier." in _text(no_unit)
    assert "These required documents have no file yet: Đơn đề nghị" in _text(no_unit)
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"


def test_the_unit_list_has_the_units_of_the_level(client, citizen, draft, world):
    client.force_login(citizen)

    response = client.get(_url("my-dossier-submit", draft))

    units = list(response.context["form"].fields["unit"].queryset.order_by("name"))
    assert units == [world.district_a, world.district_b]


def test_a_province_level_dossier_goes_to_a_department(client, citizen, world):
    """A province-level procedure is handled by the city or one of its departments (sở): the
    applicant is offered both, and a department chosen receives it through the city's desk."""
    agency_code_set(world)
    city_desk = orgunit_create(
        actor=None,
        name="Trung tâm Phục vụ hành chính công",
        kind="one_stop_desk",
        parent=world.city,
    )
    draft = draft_for(citizen, online_procedure(level="province"))
    client.force_login(citizen)
    form = client.get(_url("my-dossier-submit", draft), headers=EN)

    response = client.post(
        _url("my-dossier-submit", draft),
        {"unit": world.dept.pk, "idempotency_key": _key(form), "declaration": "on"},
        headers=EN,
    )

    offered = set(form.context["form"].fields["unit"].queryset)
    assert offered == {world.city, world.city_office, world.dept}
    assert response.status_code == 302
    dossier = Dossier.objects.get(pk=draft.pk)
    assert (dossier.status, dossier.competent_unit, dossier.receiving_unit) == (
        "submitted",
        world.dept,
        city_desk,
    )


# --- after submission ----------------------------------------------------------------------


def test_payment_is_recorded_and_a_duplicate_is_told(client, citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)
    client.force_login(citizen)
    data = {
        "amount_vnd": "75000",
        "receipt_number": "BL-0001",
        "method": "bank_transfer",
        "amount_confirmed": "True",
    }

    first = client.post(_url("my-dossier-pay", dossier), data, headers=EN)
    second = client.post(_url("my-dossier-pay", dossier), data, headers=EN)

    assert first.status_code == 302
    assert "This receipt number has already been recorded for the dossier." in _text(second)
    assert dossier.payments.count() == 1


def test_an_amount_typed_the_vietnamese_way_is_confirmed_in_words_then_recorded(
    client, citizen, procedure, world
):
    dossier = submitted_for(citizen, procedure, world.district_a)  # the fee is 75.000 đồng
    client.force_login(citizen)
    typed = {"amount_vnd": "150.000 đ", "receipt_number": "BL-0002", "method": "card"}

    check = client.post(_url("my-dossier-pay", dossier), typed, headers=EN)
    text = _text(check)
    assert "Một trăm năm mươi nghìn đồng" in text
    assert "This is more than the 75,000 VND of fees still due." in text
    assert dossier.payments.count() == 0

    confirmed = {**typed, "amount_vnd": "150000", "amount_confirmed": "True"}
    changed = client.post(_url("my-dossier-pay", dossier), {**confirmed, "change": "1"})
    assert 'value="150.000"' in changed.content.decode()  # back to the form, in Vietnamese
    assert dossier.payments.count() == 0

    recorded = client.post(_url("my-dossier-pay", dossier), confirmed, headers=EN)
    assert recorded.status_code == 302
    assert list(dossier.payments.values_list("amount_vnd", flat=True)) == [150_000]


def test_an_unreadable_amount_is_told_in_vietnamese(client, citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)
    client.force_login(citizen)
    data = {"amount_vnd": "1,5", "receipt_number": "BL-0003", "method": "card"}

    response = client.post(_url("my-dossier-pay", dossier), data)

    assert "Nhập số tiền (đồng) như ghi trên biên lai, ví dụ 150.000." in _text(response)
    assert dossier.payments.count() == 0


def test_the_page_shows_the_forms_issued_and_hides_the_control_sheet(
    client, citizen, procedure, world
):
    dossier = submitted_for(citizen, procedure, world.district_a)
    notice_issue(
        dossier, "supplement", issued_at=at(2026, 1, 5, 10), reason="Bổ sung bản vẽ mặt bằng tầng 1"
    )
    notice_issue(dossier, "control_sheet", issued_at=at(2026, 1, 5, 11), reason="Nội bộ")
    client.force_login(citizen)

    response = client.get(_url("my-dossier-detail", dossier), headers=EN)

    text = _text(response)
    assert "Bổ sung bản vẽ mặt bằng tầng 1" in text
    assert "05/01/2026 10:00" in text
    assert "Nội bộ" not in text
    assert "Submitted online" in text


def test_the_supplement_is_sent_from_the_page(
    client, citizen, procedure, world, front_desk_officer
):
    from egov.onestop.services.processing import dossier_request_supplement

    dossier = received_online(citizen, procedure, world, front_desk_officer)
    dossier_request_supplement(actor=front_desk_officer, dossier=dossier, reason="Thiếu bản vẽ")
    client.force_login(citizen)

    page = client.get(_url("my-dossier-detail", dossier), headers=EN)
    response = client.post(
        _url("my-dossier-supplement", dossier), {"files": [upload("ban-ve.pdf", PDF)]}, headers=EN
    )

    assert "Complete the dossier" in _text(page)
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == "processing"
    assert DossierFile.objects.filter(dossier=dossier, kind="supplement").count() == 1


def test_the_applicant_withdraws_after_confirming_and_sees_it_in_the_history(
    client, citizen, procedure, world
):
    dossier = submitted_for(citizen, procedure, world.district_a)
    client.force_login(citizen)

    detail = client.get(_url("my-dossier-detail", dossier), headers=EN)
    confirm = client.get(_url("my-dossier-withdraw", dossier), headers=EN)
    assert Dossier.objects.get(pk=dossier.pk).status == "submitted"  # asking changes nothing
    client.post(_url("my-dossier-withdraw", dossier), {"reason": "Nộp nhầm"})
    after = client.get(_url("my-dossier-detail", dossier), headers=EN)

    assert f'href="{_url("my-dossier-withdraw", dossier)}"' in detail.content.decode()
    assert "Are you sure you want to withdraw this dossier?" in _text(confirm)
    assert Dossier.objects.get(pk=dossier.pk).status == "withdrawn"
    history = after.context["timeline"]
    assert [(e.label, e.detail) for e in history][-1] == ("Withdrawn by the applicant", "Nộp nhầm")
    # Nothing left to withdraw: the confirmation page sends back to the dossier.
    assert client.get(_url("my-dossier-withdraw", dossier)).status_code == 302


def test_the_check_page_shows_the_answers_and_the_declaration_is_required(
    client, citizen, draft, world
):
    client.force_login(citizen)
    page = client.get(_url("my-dossier-submit", draft), headers=EN)
    data = {"unit": world.district_a.pk, "idempotency_key": _key(page)}

    refused = client.post(_url("my-dossier-submit", draft), data, headers=EN)

    text = _text(page)
    assert "Check your answers before submitting" in text
    assert "Nguyễn Văn An" in text and "001085012345" in text
    assert f'href="{_url("my-dossier-edit", draft)}"' in page.content.decode()
    assert "Confirm the declaration to submit the dossier." in _text(refused)
    assert Dossier.objects.get(pk=draft.pk).status == "draft"
    submitted = client.post(
        _url("my-dossier-submit", draft), {**data, "declaration": "on"}, headers=EN
    )
    assert submitted.status_code == 302
    event = AuditEvent.objects.get(action="onestop.dossier_submitted")
    assert event.changes["declared"] is True


def test_the_applicant_rates_from_the_page(client, citizen, procedure, world):
    dossier = result_ready(submitted_for(citizen, procedure, world.district_a))
    client.force_login(citizen)

    page = client.get(_url("my-dossier-detail", dossier), headers=EN)
    response = client.post(
        _url("my-dossier-rate", dossier), {"score": "5", "comment": "Tốt"}, headers=EN
    )
    again = client.get(_url("my-dossier-detail", dossier), headers=EN)

    assert "Rate how your dossier was handled" in _text(page)
    assert response.status_code == 302
    assert DossierRating.objects.get().score == 5
    assert "5 out of 5" in _text(again)
    assert "Rate how your dossier was handled" not in _text(again)


def test_a_rating_before_the_result_is_told(client, citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)
    client.force_login(citizen)

    response = client.post(_url("my-dossier-rate", dossier), {"score": "5"}, headers=EN)

    assert "A dossier can be rated once its result is ready." in _text(response)
    assert DossierRating.objects.count() == 0


def test_my_dossiers_are_searched_and_filtered(client, citizen, world):
    agency_code_set(world)
    building = online_procedure(name="Cấp giấy phép xây dựng")
    other = online_procedure(name="Đăng ký khai sinh")
    sent = submitted_for(citizen, building, world.district_a)
    draft = draft_for(citizen, other)
    someone_else = draft_for(other_citizen(), building)
    client.force_login(citizen)
    listing = reverse("onestop:my-dossier-list")

    def codes(params: dict) -> list[int]:
        return [d.pk for d in client.get(listing, params, headers=EN).context["page"]]

    assert codes({}) == [draft.pk, sent.pk]
    assert codes({"q": "giay phep xay"}) == [sent.pk]
    assert codes({"q": sent.code.lower()}) == [sent.pk]
    assert codes({"status": "draft"}) == [draft.pk]
    assert codes({"status": "returned"}) == []
    assert someone_else.pk not in codes({"q": "xay dung"})
    bad = client.get(listing, {"status": "nonsense"}, headers=EN)
    assert [d.pk for d in bad.context["page"]] == [draft.pk, sent.pk]
    assert "Select a valid choice." in bad.content.decode()
