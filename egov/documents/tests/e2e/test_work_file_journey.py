"""Journey of the work files issue's done-when: the clerk drafts the unit's file list, the head
approves it; a specialist opens the file, drafts the meeting minutes (a biên bản, an internal
document: reviewed, signed and issued to no one), files an incoming letter, the signed reply and
the minutes into it from their pages and closes it; the head hands it to the archive (a handover
record is drafted), the archive finds it, the exported PDF carries its index and the reply's
signature verifies; the unit's "work files handled online" figure counts it.

Set-up through services (officers, keys, the letter's registration and the reply's issue);
everything the people do on work files goes through the pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from egov.documents.choices import Channel, FileKind, SignatureStatus, WorkFileStatus
from egov.documents.models import Document, DocumentFile, WorkFile
from egov.documents.signing import pdf_verify
from egov.documents.tests.e2e.test_letter_journey import act, log_in
from egov.documents.tests.factories import issued
from egov.documents.tests.test_workfile_export import attachments
from egov.documents.tests.test_workfiles import letter_for_division

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Hồ sơ tổ chức Ngày hội văn hóa các dân tộc"
MINUTES = "Biên bản họp Ban tổ chức Ngày hội văn hóa các dân tộc"


def choose_unit(page: object, field_id: str, unit: object) -> None:
    """Pick ``unit`` in a unit field: the searchable combobox (``static/js/combobox.js``) that
    replaces the ``<select>``, or the plain ``<select>`` of a short list."""
    if not page.locator(f"#{field_id}_select").count():
        page.locator(f"#{field_id}").select_option(str(unit.pk))
        return
    page.locator(f"#{field_id}").fill(unit.name)
    page.locator(f"#{field_id}_listbox [role=option]").filter(has_text=unit.name).first.click()
    expect(page.locator(f"#{field_id}_select")).to_have_value(str(unit.pk))


def test_a_work_file_from_the_list_to_the_archive(
    english_page, live_server, docs_world, pki_world, clerk, unit_head, specialist, division_head
):
    base = live_server.url
    year = timezone.localdate().year
    letter = letter_for_division(clerk, unit_head, docs_world, channel=Channel.PLATFORM)
    reply = issued(
        specialist, division_head, unit_head, docs_world.division_a, subject="V/v trả lời"
    )

    # The clerk drafts the file list and adds the file the unit expects.
    page = english_page()
    log_in(page, base, clerk.email)
    page.goto(f"{base}{reverse('documents:workfile-home')}")
    page.locator("summary", has_text="Draft the file list of a year").click()
    choose_unit(page, "id_unit", docs_world.district_a)
    page.locator("#id_year").fill(str(year))
    page.get_by_role("button", name="Draft the file list").click()
    expect(page.get_by_text("The file list was drafted.")).to_be_visible()
    page.locator("#id_heading").fill("Văn hóa, thông tin")
    page.locator("#id_notation").fill("VHTT-01")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_retention_years").fill("10")
    choose_unit(page, "id_handling_unit", docs_world.division_a)
    page.locator("#id_responsible").select_option(str(specialist.pk))
    page.get_by_role("button", name="Add to the list").click()
    expect(page.get_by_text("The file was added to the list.")).to_be_visible()
    list_url = page.url

    # The head approves it.
    head = english_page()
    log_in(head, base, unit_head.email)
    head.goto(list_url)
    head.get_by_role("button", name="Approve the file list").click()
    expect(head.get_by_text("The file list was approved.")).to_be_visible()

    # The specialist opens the file, files the letter and the reply, and closes it.
    worker = english_page()
    log_in(worker, base, specialist.email)
    worker.goto(list_url)
    worker.get_by_role("button", name="Open the file").click()
    expect(worker.get_by_text("The work file was opened.")).to_be_visible()
    work_file = WorkFile.objects.get()

    # The minutes of the organisers' meeting: drafted by the specialist as an internal document,
    # approved by the division head, signed and issued by the chairman (sent to no one).
    worker.goto(f"{base}{reverse('documents:outgoing-create')}")
    choose_unit(worker, "id_drafting_unit", docs_world.division_a)
    worker.locator("#id_doc_type").select_option(label="Biên bản")
    worker.get_by_label("Summary (trích yếu)").fill(MINUTES)
    worker.locator("#id_body").fill("Ban tổ chức thống nhất kế hoạch tổ chức Ngày hội.")
    worker.get_by_role("button", name="Save the draft").click()
    expect(worker.get_by_text("The draft was saved.")).to_be_visible()
    minutes = Document.objects.get(subject=MINUTES)
    act(worker, base, minutes.pk, "submit", "Submit for review", "The draft was sent for review.")
    reviewer = english_page()
    log_in(reviewer, base, division_head.email)
    act(reviewer, base, minutes.pk, "approve", "Approve", "The draft was approved")
    act(
        head,
        base,
        minutes.pk,
        "sign_issue",
        "Sign and issue",
        "The document was signed and issued.",
    )
    minutes.refresh_from_db()
    assert (minutes.doc_type.code, minutes.recipients.count()) == ("bien-ban", 0)

    for document in (letter, reply, minutes):
        act(
            worker,
            base,
            document.pk,
            "file",
            "File into a work file",
            "The document was filed.",
            work_file=[str(work_file.pk)],
        )
    worker.goto(f"{base}{reverse('documents:work-file', args=[work_file.pk])}")
    expect(worker.locator(".filed-documents tbody tr")).to_have_count(3)
    expect(worker.locator(".filed-documents")).to_contain_text(MINUTES)
    worker.get_by_role("button", name="Close the file").click()
    expect(worker.get_by_text("The work file was closed.")).to_be_visible()
    expect(worker.locator(".doc-total")).to_have_text("3")
    expect(worker.locator(".handled-online")).to_have_text("yes")

    # The head hands it to the archive; the archive finds it by its title.
    head.goto(f"{base}{reverse('documents:work-file', args=[work_file.pk])}")
    head.get_by_role("button", name="Hand over to the archive").click()
    expect(head.get_by_text("The work file was handed to the archive")).to_be_visible()
    expect(head.get_by_role("link", name="Giao nộp hồ sơ")).to_be_visible()
    head.goto(f"{base}{reverse('documents:archive')}")
    head.get_by_label("Code, title or heading").fill("ngay hoi van hoa")
    head.get_by_role("button", name="Search").click()
    expect(head.get_by_role("link", name=work_file.code)).to_be_visible()
    work_file.refresh_from_db()
    assert work_file.status == WorkFileStatus.ARCHIVED

    # The exported PDF carries the index and the reply's original, whose signature verifies.
    head.goto(f"{base}{reverse('documents:work-file', args=[work_file.pk])}")
    with head.expect_download() as download:
        head.get_by_role("link", name="Export as PDF with index").click()
    pdf = io.BytesIO(Path(download.value.path()).read_bytes())
    signed_name = DocumentFile.objects.get(document=reply, kind=FileKind.SIGNED).name
    embedded = attachments(pdf.getvalue())
    original = next(content for name, content in embedded.items() if name.endswith(signed_name))
    assert [r.status for r in pdf_verify(original)] == [SignatureStatus.VALID]

    # The unit's figure counts the file as handled online.
    head.goto(f"{base}{reverse('documents:figures')}")
    row = head.locator(".workfile-figures tbody tr", has_text=docs_world.district_a.name)
    expect(row.locator("td").nth(1)).to_have_text("1")  # closed
    expect(row.locator("td").nth(2)).to_have_text("1")  # of which online
