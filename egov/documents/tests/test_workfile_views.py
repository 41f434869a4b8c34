"""The work file pages through the client: the clerk drafts the list, the head approves it, a
specialist opens a file and files a letter from the letter's page, a second filing elsewhere is
refused on the page; the registry warns on a duplicate incoming registration."""

from __future__ import annotations

from django.urls import reverse

from egov.documents.models import Document, FileList, WorkFile, WorkFileItem
from egov.documents.tests.test_workfiles import YEAR, letter_for_division


def test_list_file_and_refusal_through_the_pages(client, docs_world, clerk, unit_head, specialist):
    client.force_login(clerk)
    response = client.post(
        reverse("documents:file-list-create"), {"unit": docs_world.district_a.pk, "year": YEAR}
    )
    file_list = FileList.objects.get()
    assert response.status_code == 302
    entry = {
        "heading": "Văn hóa",
        "notation": "VH-01",
        "title": "Hồ sơ lễ hội",
        "retention_years": "",
        "handling_unit": docs_world.division_a.pk,
        "responsible": specialist.pk,
    }
    url = reverse("documents:file-list-action", args=[file_list.pk, "add_entry"])
    assert client.post(url, entry).status_code == 302
    assert client.post(url, entry).status_code == 400  # the same notation twice

    client.force_login(unit_head)
    approve = reverse("documents:file-list-action", args=[file_list.pk, "approve"])
    assert client.post(approve, {"expected_version": 1}).status_code == 302

    client.force_login(specialist)
    entry_id = file_list.entries.get().pk
    opened = client.post(
        reverse("documents:file-list-action", args=[file_list.pk, "open"]), {"entry": entry_id}
    )
    work_file = WorkFile.objects.get()
    assert opened.status_code == 302 and work_file.entry_id == entry_id
    assert "vĩnh viễn" in client.get(reverse("documents:work-file", args=[work_file.pk])).text

    letter = letter_for_division(clerk, unit_head, docs_world)
    file_url = reverse("documents:document-action", args=[letter.pk, "file"])
    assert client.post(file_url, {"work_file": work_file.pk}).status_code == 302
    assert WorkFileItem.objects.get().document_id == letter.pk
    page = client.get(reverse("documents:document-detail", args=[letter.pk])).text
    assert work_file.code in page  # the "Work file" panel

    close = reverse("documents:work-file-action", args=[work_file.pk, "close"])
    assert client.post(close, {"expected_version": work_file.version + 1}).status_code == 302
    work_file.refresh_from_db()
    assert work_file.status == "closed" and work_file.doc_total == 1


def test_a_duplicate_incoming_registration_is_warned_not_blocked(client, docs_world, clerk):
    from egov.documents.tests.factories import registered

    registered(clerk, docs_world.district_a, number_notation="55/UBND-VP")
    client.force_login(clerk)
    form = {
        "unit": docs_world.district_a.pk,
        "doc_type": 1,
        "number_notation": "55/UBND-VP",
        "issued_on": "2026-01-05",
        "sender_name": "ubnd thành phố hà nội",
        "subject": "V/v lần nữa",
        "urgency": "normal",
        "secrecy": "none",
        "channel": "paper",
    }
    from egov.documents.models import DocumentType

    form["doc_type"] = DocumentType.objects.get(code="quyet-dinh").pk

    warned = client.post(reverse("documents:incoming-register"), form)
    assert warned.status_code == 400 and "duplicate-warning" in warned.text
    assert Document.objects.filter(number_notation="55/UBND-VP").count() == 1

    registered_anyway = client.post(
        reverse("documents:incoming-register"), {**form, "register_anyway": "on"}
    )
    assert registered_anyway.status_code == 302
    assert Document.objects.filter(number_notation="55/UBND-VP").count() == 2
