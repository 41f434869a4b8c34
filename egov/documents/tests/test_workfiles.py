"""File lists and work files through the services: the clerk drafts the list (copied forward),
the head approves it; a file is opened from it or ad hoc; documents are filed into one file
only; closing computes the dates and counts and refuses an unsigned draft; handing over needs a
closed file and drafts the handover record; the archive is searched and its reads audited."""

from __future__ import annotations

import datetime

import pytest

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.documents.choices import (
    Channel,
    DocumentStatus,
    FileListStatus,
    WorkFileAuditAction,
    WorkFileStatus,
)
from egov.documents.exceptions import DocumentError, WrongDocumentState
from egov.documents.models import FileListEntry, WorkFile
from egov.documents.rules_workfiles import FiledFacts, file_online
from egov.documents.selectors.workfiles import archive_search, filed_rows, work_file_scope
from egov.documents.services import (
    document_approve,
    document_sign_and_issue,
    document_submit_for_review,
    incoming_assign,
)
from egov.documents.services.archive import archive_read_record, work_file_hand_over
from egov.documents.services.workfiles import (
    file_list_approve,
    file_list_create,
    file_list_entry_add,
    work_file_close,
    work_file_file_document,
    work_file_open,
    work_file_open_ad_hoc,
)
from egov.documents.tests.factories import draft, registered

YEAR = 2026  # the fixed test clock year (registered letters date from 2026)


def approved_list(clerk, unit_head, world, specialist=None):
    file_list = file_list_create(actor=clerk, unit=world.district_a, year=YEAR)
    file_list_entry_add(
        actor=clerk,
        file_list=file_list,
        heading="Văn hóa, thông tin",
        notation="VHTT-01",
        title="Hồ sơ tổ chức Ngày hội văn hóa năm nay",
        retention_years=10,
        handling_unit=world.division_a,
        responsible=specialist,
    )
    return file_list_approve(actor=unit_head, file_list=file_list, expected_version=1)


def open_file(clerk, unit_head, specialist, world) -> WorkFile:
    file_list = approved_list(clerk, unit_head, world, specialist)
    entry = FileListEntry.objects.get(file_list=file_list)
    return work_file_open(actor=specialist, entry=entry)


def letter_for_division(clerk, unit_head, world, **kw):
    """An incoming letter registered by the district and directed to the division."""
    document = registered(clerk, world.district_a, **kw)
    return incoming_assign(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        lead_unit=world.division_a,
    )


def test_the_list_is_drafted_approved_and_copied_forward(docs_world, clerk, unit_head):
    file_list = approved_list(clerk, unit_head, docs_world)

    assert file_list.status == FileListStatus.APPROVED
    assert file_list.approved_by == unit_head
    with pytest.raises(WrongDocumentState):
        file_list_entry_add(
            actor=clerk,
            file_list=file_list,
            heading="X",
            notation="X-01",
            title="X",
            handling_unit=docs_world.division_a,
            responsible=None,
        )
    next_year = file_list_create(actor=clerk, unit=docs_world.district_a, year=YEAR + 1)
    assert list(next_year.entries.values_list("notation", "retention_years")) == [("VHTT-01", 10)]
    assert next_year.status == FileListStatus.DRAFT
    # a double submission returns the same list
    again = file_list_create(actor=clerk, unit=docs_world.district_a, year=YEAR + 1)
    assert again.pk == next_year.pk


def test_only_the_clerk_drafts_and_only_the_head_approves(docs_world, clerk, specialist, unit_head):
    with pytest.raises(PermissionDenied):
        file_list_create(actor=specialist, unit=docs_world.district_a, year=YEAR)
    file_list = file_list_create(actor=clerk, unit=docs_world.district_a, year=YEAR)
    with pytest.raises(DocumentError):  # nothing to approve yet
        file_list_approve(actor=unit_head, file_list=file_list, expected_version=1)
    file_list_entry_add(
        actor=clerk,
        file_list=file_list,
        heading="Văn hóa",
        notation="VH-01",
        title="Hồ sơ",
        handling_unit=docs_world.division_a,
        responsible=None,
    )
    with pytest.raises(PermissionDenied):
        file_list_approve(actor=clerk, file_list=file_list, expected_version=1)


def test_a_bad_entry_is_refused_with_field_errors(docs_world, clerk):
    file_list = file_list_create(actor=clerk, unit=docs_world.district_a, year=YEAR)
    with pytest.raises(DocumentError) as refused:
        file_list_entry_add(
            actor=clerk,
            file_list=file_list,
            heading="",
            notation="có dấu cách",
            title="",
            handling_unit=docs_world.commune_b,
            responsible=None,
        )
    assert set(refused.value.fields) == {"heading", "notation", "title", "handling_unit"}


def test_a_file_gets_its_code_and_an_ad_hoc_file_joins_the_list(
    docs_world, clerk, unit_head, specialist
):
    work_file = open_file(clerk, unit_head, specialist, docs_world)
    agency = docs_world.district_a.agency_code or f"U{docs_world.district_a.pk}"
    assert work_file.code == f"{agency}.{YEAR}.VHTT-01"
    assert work_file.status == WorkFileStatus.OPEN
    assert work_file_open(actor=specialist, entry=work_file.entry).pk == work_file.pk

    ad_hoc = work_file_open_ad_hoc(
        actor=specialist,
        file_list=work_file.entry.file_list,
        heading="Văn hóa, thông tin",
        notation="VHTT-09",
        title="Hồ sơ xử lý phản ánh về quảng cáo",
        handling_unit=docs_world.division_a,
        responsible=specialist,
    )
    assert ad_hoc.entry.added_ad_hoc and ad_hoc.entry.file_list_id == work_file.entry.file_list_id


def test_a_document_is_filed_into_one_file_only(docs_world, clerk, unit_head, specialist):
    work_file = open_file(clerk, unit_head, specialist, docs_world)
    letter = letter_for_division(clerk, unit_head, docs_world)
    work_file_file_document(actor=specialist, work_file=work_file, document=letter)
    other = work_file_open_ad_hoc(
        actor=specialist,
        file_list=work_file.entry.file_list,
        heading="Khác",
        notation="K-01",
        title="Hồ sơ khác",
        handling_unit=docs_world.division_a,
        responsible=specialist,
    )

    with pytest.raises(DocumentError) as refused:
        work_file_file_document(actor=specialist, work_file=other, document=letter)

    assert work_file.code in refused.value.message
    assert other.items.count() == 0


def test_closing_refuses_an_unsigned_draft_then_computes_the_file(
    docs_world, clerk, unit_head, specialist, division_head, fake_signing
):
    work_file = open_file(clerk, unit_head, specialist, docs_world)
    letter = letter_for_division(clerk, unit_head, docs_world, channel=Channel.PLATFORM)
    work_file_file_document(actor=specialist, work_file=work_file, document=letter)
    reply = draft(specialist, docs_world.division_a, subject="V/v trả lời")
    work_file_file_document(actor=specialist, work_file=work_file, document=reply)
    work_file.refresh_from_db()

    with pytest.raises(DocumentError) as refused:
        work_file_close(actor=specialist, work_file=work_file, expected_version=work_file.version)
    assert "V/v trả lời" in refused.value.message
    work_file.refresh_from_db()
    assert work_file.status == WorkFileStatus.OPEN

    reply = document_submit_for_review(actor=specialist, document=reply, expected_version=1)
    reply = document_approve(actor=division_head, document=reply, expected_version=2)
    signed = document_sign_and_issue(actor=unit_head, document=reply, expected_version=3)
    work_file.refresh_from_db()
    closed = work_file_close(
        actor=specialist, work_file=work_file, expected_version=work_file.version
    )

    assert closed.status == WorkFileStatus.CLOSED
    assert (closed.doc_total, closed.page_total) == (2, 1)
    assert closed.start_date == datetime.date(2026, 1, 5)
    assert closed.handled_online is True
    assert [row.document.pk for row in filed_rows(specialist, closed)] == [letter.pk, signed.pk]


def test_a_paper_letter_makes_the_file_not_online():
    paper = FiledFacts("incoming", DocumentStatus.COMPLETED, False, Channel.PAPER, 0)
    online = FiledFacts("outgoing", DocumentStatus.ISSUED, True, "", 0)
    paper_sent = FiledFacts("outgoing", DocumentStatus.ISSUED, True, "", 1)
    assert file_online([online]) is True
    assert file_online([online, paper]) is False
    assert file_online([paper_sent]) is False
    assert file_online([]) is False


def test_an_open_file_is_not_handed_over_and_a_closed_one_is(
    docs_world, clerk, unit_head, specialist, fake_signing
):
    work_file = open_file(clerk, unit_head, specialist, docs_world)
    letter = letter_for_division(clerk, unit_head, docs_world)
    work_file_file_document(actor=specialist, work_file=work_file, document=letter)
    work_file.refresh_from_db()
    with pytest.raises(WrongDocumentState):
        work_file_hand_over(actor=unit_head, work_file=work_file, expected_version=None)

    work_file = work_file_close(actor=specialist, work_file=work_file, expected_version=None)
    with pytest.raises(PermissionDenied):
        work_file_hand_over(actor=specialist, work_file=work_file, expected_version=None)
    archived = work_file_hand_over(actor=unit_head, work_file=work_file, expected_version=None)

    assert archived.status == WorkFileStatus.ARCHIVED
    record = archived.handover_record
    assert record.doc_type.code == "bien-ban" and record.status == DocumentStatus.DRAFT
    assert work_file.code in record.subject and letter.number_notation in record.body
    assert list(archive_search(unit_head, q="ngay hoi van hoa")) == [archived]
    assert list(archive_search(unit_head, q="khong co")) == []

    archive_read_record(actor=unit_head, work_file=archived)
    assert (
        AuditEvent.objects.for_object(archived)
        .filter(action=WorkFileAuditAction.ARCHIVE_READ, actor=unit_head)
        .exists()
    )


def test_files_are_seen_by_members_of_their_units_only(
    docs_world, clerk, unit_head, specialist, other_district_officer
):
    work_file = open_file(clerk, unit_head, specialist, docs_world)
    assert list(work_file_scope(specialist)) == [work_file]
    assert list(work_file_scope(unit_head)) == [work_file]
    assert list(work_file_scope(other_district_officer)) == []


def test_a_secret_document_shows_only_that_it_exists(
    docs_world, clerk, unit_head, specialist, division_head
):
    from egov.documents.choices import Secrecy

    work_file = open_file(clerk, unit_head, specialist, docs_world)
    secret = draft(specialist, docs_world.division_a, subject="Mật", secrecy=Secrecy.SECRET)
    work_file_file_document(actor=specialist, work_file=work_file, document=secret)

    assert [row.document for row in filed_rows(specialist, work_file)] == [secret]
    assert [row.document for row in filed_rows(division_head, work_file)] == [None]


def test_what_becomes_of_archived_files_is_recorded(
    docs_world, clerk, unit_head, specialist, fake_signing
):
    from egov.documents.choices import Disposal
    from egov.documents.services.archive import (
        archive_decide_destruction,
        archive_mark_historical,
        archive_propose_destruction,
    )

    work_file = open_file(clerk, unit_head, specialist, docs_world)  # kept 10 years
    letter = letter_for_division(clerk, unit_head, docs_world)
    work_file_file_document(actor=specialist, work_file=work_file, document=letter)
    work_file = work_file_close(actor=specialist, work_file=work_file, expected_version=None)
    with pytest.raises(DocumentError):  # not in the archive yet
        archive_propose_destruction(
            actor=clerk, work_file=work_file, expected_version=None, note="Hết hạn"
        )
    work_file = work_file_hand_over(actor=unit_head, work_file=work_file, expected_version=None)
    with pytest.raises(DocumentError):  # its 10 years have not passed
        archive_propose_destruction(
            actor=clerk, work_file=work_file, expected_version=None, note="Hết hạn"
        )
    with pytest.raises(DocumentError):  # not a permanent file
        archive_mark_historical(actor=clerk, work_file=work_file, expected_version=None)

    WorkFile.objects.filter(pk=work_file.pk).update(end_date=datetime.date(2010, 1, 1))
    work_file.refresh_from_db()
    proposed = archive_propose_destruction(
        actor=clerk, work_file=work_file, expected_version=None, note="Hết thời hạn bảo quản"
    )
    assert proposed.disposal == Disposal.PROPOSED
    with pytest.raises(PermissionDenied):
        archive_decide_destruction(
            actor=clerk, work_file=proposed, expected_version=None, note="QĐ", destroy=True
        )
    decided = archive_decide_destruction(
        actor=unit_head,
        work_file=proposed,
        expected_version=None,
        note="Quyết định số 12/QĐ-UBND ngày 01/12 theo đề nghị của Hội đồng xác định giá trị",
        destroy=True,
    )
    assert (decided.disposal, decided.status) == (Disposal.DESTROYED, WorkFileStatus.ARCHIVED)
    assert (
        AuditEvent.objects.for_object(decided)
        .filter(action=WorkFileAuditAction.DESTRUCTION_DECIDED)
        .exists()
    )
