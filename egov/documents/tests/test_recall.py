"""Recalling a sent document: frozen at the sender, recipients told "withdrawn" with the reason,
the copy taken out of the recipient's open work file with the reason kept in its history; only
the issuer's head recalls; a recalled document is not filed again."""

from __future__ import annotations

import pytest

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.validation import TextRequired
from egov.documents.choices import DocumentStatus, RecipientStatus, WorkFileAuditAction
from egov.documents.exceptions import DocumentError, WrongDocumentState
from egov.documents.models import WorkFileItem
from egov.documents.services import document_recall, document_send
from egov.documents.services.workfiles import (
    file_list_approve,
    file_list_create,
    file_list_entry_add,
    work_file_file_document,
    work_file_open,
)
from egov.documents.tests.factories import issued, registered
from egov.workflow.tests.factories import at

REASON = "Văn bản ban hành sai thẩm quyền"


def test_a_recalled_letter_leaves_the_recipients_open_file(
    docs_world, specialist, division_head, unit_head, clerk, fake_signing, clock
):
    clock.set(at(2026, 3, 2, 9))
    letter = issued(specialist, division_head, unit_head, docs_world.division_a)
    (row,) = document_send(actor=clerk, document=letter, recipients=[docs_world.district_b])
    copy = registered(
        None,
        docs_world.district_b,
        number_notation=letter.number_notation,
        source=letter,
        sender_unit=docs_world.district_a,
    )
    clerk_b = make_officer("vt.hk@example.vn", docs_world.district_b, "clerk")
    head_b = make_officer("ct.hk@example.vn", docs_world.district_b, "unit_head", subtree=True)
    file_list = file_list_create(actor=clerk_b, unit=docs_world.district_b, year=2026)
    entry = file_list_entry_add(
        actor=clerk_b,
        file_list=file_list,
        heading="Tổng hợp",
        notation="TH-01",
        title="Hồ sơ chuyển đổi số",
        handling_unit=docs_world.district_b,
        responsible=None,
    )
    file_list_approve(actor=head_b, file_list=file_list, expected_version=1)
    work_file = work_file_open(actor=head_b, entry=entry)
    work_file_file_document(actor=head_b, work_file=work_file, document=copy)

    with pytest.raises(PermissionDenied):
        document_recall(actor=clerk, document=letter, expected_version=None, reason=REASON)
    with pytest.raises(TextRequired):
        document_recall(actor=unit_head, document=letter, expected_version=None, reason=" ")
    recalled = document_recall(
        actor=unit_head, document=letter, expected_version=None, reason=REASON
    )

    row.refresh_from_db()
    assert recalled.status == DocumentStatus.RECALLED
    assert (row.status, row.status_note) == (RecipientStatus.WITHDRAWN, REASON)
    assert not WorkFileItem.objects.filter(document=copy).exists()
    removal = AuditEvent.objects.for_object(work_file).get(
        action=WorkFileAuditAction.DOCUMENT_REMOVED
    )
    assert removal.changes["reason"] == REASON
    with pytest.raises(WrongDocumentState):  # frozen: nothing more is sent or recalled
        document_send(actor=clerk, document=recalled, recipients=[docs_world.commune_b])
    with pytest.raises(DocumentError):
        work_file_file_document(actor=head_b, work_file=work_file, document=copy)
