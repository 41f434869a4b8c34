"""The registry's pages through the test client: lists, the draft form, the document page with
its actions, the incoming form, files, registers and figures."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from egov.documents.choices import DocumentStatus, Secrecy
from egov.documents.models import Document, DocumentFile
from egov.documents.tests.conftest import FAKE_PDF
from egov.documents.tests.factories import doc_type, draft, issued, registered
from egov.documents.views import lists
from egov.workflow.tests.factories import at


@pytest.fixture(autouse=True)
def _english(client):
    """Pages in English, so the assertions do not depend on the Vietnamese catalog."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _detail(document):
    return reverse("documents:document-detail", args=[document.pk])


def _action(document, name):
    return reverse("documents:document-action", args=[document.pk, name])


def test_lists_show_what_the_officer_may_see(
    client, docs_world, specialist, other_district_officer, citizen
):
    document = draft(specialist, docs_world.division_a, subject="V/v lễ hội hoa anh đào")
    url = reverse("documents:outgoing-list")

    client.force_login(specialist)
    assert "V/v lễ hội hoa anh đào" in client.get(url).text
    assert "V/v lễ hội hoa anh đào" in client.get(url, {"q": "hoa anh dao"}).text
    assert "V/v lễ hội hoa anh đào" not in client.get(url, {"q": "hoa sen"}).text
    rows = client.get(url, {"q": "hoa"}, headers={"HX-Request": "true"})
    assert rows.templates[0].name == "documents/_rows.html"
    client.force_login(other_district_officer)
    assert "V/v lễ hội hoa anh đào" not in client.get(url).text
    assert client.get(_detail(document)).status_code == 404
    client.force_login(citizen)
    assert client.get(url).status_code == 403


def test_the_list_query_count_does_not_grow_with_the_rows(
    client, docs_world, specialist, django_assert_num_queries
):
    client.force_login(specialist)
    url = reverse("documents:outgoing-list")
    for _ in range(2):
        draft(specialist, docs_world.division_a)
    client.get(url)
    # 13: one of them asks whether the officer drafts anywhere (the "New draft" button), one
    # counts the header's unread notifications.
    with django_assert_num_queries(13):
        client.get(url)
    for _ in range(5):
        draft(specialist, docs_world.division_a)
    with django_assert_num_queries(13):
        client.get(url)


def test_drafting_through_the_form_once_even_when_sent_twice(client, docs_world, specialist):
    client.force_login(specialist)
    url = reverse("documents:outgoing-create")
    page = client.get(url)
    key = page.context["key_form"]["idempotency_key"].value()
    data = {
        "idempotency_key": key,
        "drafting_unit": docs_world.division_a.pk,
        "doc_type": doc_type("cong-van").pk,
        "subject": "V/v chuẩn bị Tết Nguyên đán",
        "body": "Đề nghị các phòng chuẩn bị.",
        "urgency": "normal",
        "secrecy": "none",
        "attachments": [SimpleUploadedFile("ke-hoach.pdf", FAKE_PDF, "application/pdf")],
    }

    first = client.post(url, data)
    data["attachments"] = []
    second = client.post(url, data)

    document = Document.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == _detail(document)
    assert (document.unit, document.subject) == (
        docs_world.district_a,
        "V/v chuẩn bị Tết Nguyên đán",
    )
    assert DocumentFile.objects.get().name == "ke-hoach.pdf"


def test_a_wrong_draft_form_answers_with_the_field_errors(client, docs_world, specialist):
    client.force_login(specialist)

    response = client.post(
        reverse("documents:outgoing-create"),
        {
            "idempotency_key": "k1",
            "drafting_unit": docs_world.division_a.pk,
            "doc_type": doc_type().pk,
            "subject": "",
            "urgency": "normal",
            "secrecy": "none",
            "attachments": [SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/pdf")],
        },
    )

    assert response.status_code == 400
    assert not Document.objects.exists()


def test_actions_on_the_document_page(
    client, docs_world, specialist, division_head, unit_head, fake_signing
):
    document = draft(specialist, docs_world.division_a)
    client.force_login(specialist)
    page = client.get(_detail(document))
    assert [name for name, *_rest in page.context["action_forms"]] == ["submit", "link", "attach"]

    assert client.post(_action(document, "submit"), {"expected_version": 1}).status_code == 302
    stale = client.post(_action(document, "submit"), {"expected_version": 1})
    assert stale.status_code == 409
    assert "Someone else changed" in stale.text
    assert client.post(_action(document, "approve"), {}).status_code == 400
    refused = client.post(_action(document, "approve"), {"expected_version": 2})
    assert refused.status_code == 403
    client.force_login(division_head)
    assert client.post(_action(document, "approve"), {"expected_version": 2}).status_code == 302
    client.force_login(unit_head)
    assert client.post(_action(document, "sign_issue"), {"expected_version": 3}).status_code == 302
    assert client.post(_action(document, "nonsense"), {}).status_code == 404

    document.refresh_from_db()
    assert (document.status, document.number_notation) == (DocumentStatus.ISSUED, "01/UBND-VHTT")
    signed = DocumentFile.objects.get(document=document)
    download = client.get(reverse("documents:document-file", args=[document.pk, signed.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="01_UBND-VHTT.pdf"'
    assert b"".join(download.streaming_content) == FAKE_PDF


def test_sending_from_the_page_and_seeing_the_recipients(
    client, docs_world, specialist, division_head, unit_head, clerk, fake_signing
):
    document = issued(specialist, division_head, unit_head, docs_world.division_a)
    client.force_login(clerk)

    response = client.post(
        _action(document, "send"),
        {"units": [docs_world.district_b.pk, docs_world.dept.pk], "paper": "Báo Hà Nội Mới\n"},
    )

    assert response.status_code == 302
    page = client.get(_detail(document)).text
    for name in ("Quận Hoàn Kiếm", "Sở Thông tin và Truyền thông", "Báo Hà Nội Mới"):
        assert name in page


def test_sending_to_registered_outside_bodies(
    client, docs_world, specialist, division_head, unit_head, clerk, fake_signing
):
    from egov.documents.choices import Channel
    from egov.orgs.models import OutsideBody

    coded = OutsideBody.objects.create(name="Bảo hiểm xã hội Thành phố", agency_code="H26.99")
    paper = OutsideBody.objects.create(name="Công an Thành phố")
    document = issued(specialist, division_head, unit_head, docs_world.division_a)
    client.force_login(clerk)

    response = client.post(_action(document, "send"), {"outside": [coded.pk, paper.pk]})

    assert response.status_code == 302
    sent = {r.name: (r.channel, r.agency_code, r.unit_id) for r in document.recipients.all()}
    assert sent == {
        "Bảo hiểm xã hội Thành phố": (Channel.EDXML, "H26.99", None),
        "Công an Thành phố": (Channel.PAPER, "", None),
    }


def test_registering_and_directing_an_incoming_document(
    client, docs_world, clerk, unit_head, specialist, clock
):
    clock.set(at(2026, 3, 2, 9))
    client.force_login(clerk)
    url = reverse("documents:incoming-register")
    key = client.get(url).context["key_form"]["idempotency_key"].value()
    data = {
        "idempotency_key": key,
        "unit": docs_world.district_a.pk,
        "doc_type": doc_type("quyet-dinh").pk,
        "number_notation": "1738/QĐ-UBND",
        "issued_on": "2026-02-27",
        "sender_name": "UBND Thành phố Hà Nội",
        "subject": "Quyết định giao chỉ tiêu",
        "urgency": "urgent",
        "secrecy": "none",
        "channel": "paper",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    document = Document.objects.get()
    assert document.arrival_number == 1

    client.force_login(unit_head)
    page = client.get(_detail(document))
    assert [name for name, *_rest in page.context["action_forms"]] == ["return", "assign", "link"]
    response = client.post(
        _action(document, "assign"),
        {
            "expected_version": document.version,
            "lead_unit": docs_world.division_a.pk,
            "lead_person": specialist.pk,
            "due_on": "2026-03-07",
        },
    )
    assert response.status_code == 400
    assert "not a working day" in response.text
    response = client.post(
        _action(document, "assign"),
        {
            "expected_version": document.version,
            "lead_unit": docs_world.division_a.pk,
            "lead_person": specialist.pk,
            "due_on": "2026-03-13",
        },
    )
    assert response.status_code == 302
    client.force_login(specialist)
    page = client.get(_detail(document)).text
    assert "Handling slip" in page
    assert "History" in page  # translated in the catalog: the page is in English


def test_registers_and_figures(
    client, docs_world, specialist, division_head, unit_head, clerk, fake_signing, clock
):
    clock.set(at(2026, 3, 2, 9))
    issued(
        specialist,
        division_head,
        unit_head,
        docs_world.division_a,
        subject="V/v kiểm tra an toàn thực phẩm",
    )
    registered(clerk, docs_world.district_a, subject="V/v báo cáo dân số")
    client.force_login(clerk)
    register = client.get(
        reverse("documents:register-outgoing"),
        {"unit": docs_world.district_a.pk, "year": 2026, "series": "general"},
    )
    assert "V/v kiểm tra an toàn thực phẩm" in register.text
    incoming = client.get(
        reverse("documents:register-incoming"), {"unit": docs_world.district_a.pk, "year": 2026}
    )
    assert "V/v báo cáo dân số" in incoming.text
    assert client.get(reverse("documents:figures")).status_code == 403

    client.force_login(unit_head)
    figures = client.get(
        reverse("documents:figures"), {"period_from": "2026-03-01", "period_to": "2026-03-31"}
    )
    workbook = client.get(
        reverse("documents:figures-xlsx"), {"period_from": "2026-03-01", "period_to": "2026-03-31"}
    )
    assert figures.context["rows"][0][0] == docs_world.district_a
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    assert workbook.content[:2] == b"PK"


def test_a_secret_document_page_is_404_for_the_head_not_named(
    client, docs_world, specialist, unit_head
):
    document = draft(specialist, docs_world.division_a, secrecy=Secrecy.SECRET)
    client.force_login(unit_head)

    assert client.get(_detail(document)).status_code == 404
    assert client.post(_action(document, "submit"), {"expected_version": 1}).status_code == 404


@pytest.mark.parametrize("name", ["outgoing-create", "incoming-register"])
def test_forms_only_for_who_drafts_or_registers(client, docs_world, front_desk_officer, name):
    client.force_login(front_desk_officer)

    assert client.get(reverse(f"documents:{name}")).status_code == 403


def test_the_lists_offer_only_the_forms_the_officer_may_open(client, docs_world, clerk, specialist):
    client.force_login(clerk)
    outgoing = client.get(reverse("documents:outgoing-list")).content.decode()
    incoming = client.get(reverse("documents:incoming-list")).content.decode()
    assert reverse("documents:outgoing-create") not in outgoing
    assert client.get(reverse("documents:outgoing-create")).status_code == 403
    assert reverse("documents:incoming-register") in incoming

    client.force_login(specialist)
    outgoing = client.get(reverse("documents:outgoing-list")).content.decode()
    incoming = client.get(reverse("documents:incoming-list")).content.decode()
    assert reverse("documents:outgoing-create") in outgoing
    assert client.get(reverse("documents:outgoing-create")).status_code == 200
    assert reverse("documents:incoming-register") not in incoming


def test_editing_a_draft(client, docs_world, specialist, clerk):
    document = draft(specialist, docs_world.division_a)
    url = reverse("documents:document-edit", args=[document.pk])
    client.force_login(clerk)
    assert client.get(url).status_code == 403
    client.force_login(specialist)
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "expected_version": 1,
            "doc_type": doc_type("cong-van").pk,
            "subject": "V/v sửa",
            "urgency": "normal",
            "secrecy": "none",
            "due_on": datetime.date(2026, 5, 1).isoformat(),
        },
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.subject, document.version, document.due_on) == (
        "V/v sửa",
        2,
        datetime.date(2026, 5, 1),
    )


def test_a_long_list_is_not_counted_to_the_end(client, docs_world, specialist, monkeypatch):
    monkeypatch.setattr(lists, "COUNT_LIMIT", 3)
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    subjects = [f"V/v kế hoạch số {n}" for n in range(5)]
    for subject in subjects:
        draft(specialist, docs_world.division_a, subject=subject)
    client.force_login(specialist)
    url = reverse("documents:outgoing-list")

    first = client.get(url, {"q": "ke hoach"})
    last = client.get(url, {"q": "ke hoach", "page": 3})
    beyond = client.get(url, {"q": "ke hoach", "page": 4})

    assert [d.subject for d in first.context["page"].object_list] == [subjects[4], subjects[3]]
    assert "More than 3 documents" in first.text
    assert "Page 1</span>" in first.text
    assert "q=ke+hoach&amp;page=2" in first.text
    assert [d.subject for d in last.context["page"].object_list] == [subjects[0]]
    assert "page=4" not in last.text
    assert "q=ke+hoach&amp;page=2" in last.text
    assert list(beyond.context["page"].object_list) == []


def test_a_short_list_is_counted_and_paged_to_its_end(client, docs_world, specialist, monkeypatch):
    monkeypatch.setattr(lists, "COUNT_LIMIT", 3)
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    for n in range(3):
        draft(specialist, docs_world.division_a, subject=f"V/v lễ hội số {n}")
    client.force_login(specialist)

    response = client.get(reverse("documents:outgoing-list"), {"q": "le hoi", "page": 9})

    assert "3 documents" in response.text
    assert "Page 2 of 2" in response.text
    assert [d.subject for d in response.context["page"].object_list] == ["V/v lễ hội số 0"]
