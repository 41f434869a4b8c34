"""Handing closed work files to the agency archive (Decree 30/2020/NĐ-CP art. 31) and reading
them there. The handover record (biên bản giao nộp) with the list of the file's documents is a
``documents`` draft (type biên bản) of the division keeping the file: it is signed and issued
like any document, in the official layout. The archive is read-only; every read is audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.validation import require_text
from egov.documents import rules_workfiles as wf_rules
from egov.documents.choices import WorkFileAuditAction, WorkFileStatus
from egov.documents.exceptions import DocumentError, PermissionDenied
from egov.documents.models import Document, DocumentType, WorkFile
from egov.documents.selectors.workfiles import (
    HANDOVER,
    LIST_APPROVERS,
    LIST_CLERKS,
    acts_for,
    may_hand_over,
)
from egov.documents.services.drafting import document_draft_create


def _retention(work_file: WorkFile) -> str:
    if work_file.retention_years is None:
        return "vĩnh viễn"
    return f"{work_file.retention_years} năm"


def handover_body(work_file: WorkFile, documents: list[Document]) -> str:
    """The record's text: who hands over what, the file's metadata and its documents."""
    lines = [
        f"{work_file.handling_unit.name} giao nộp vào Lưu trữ cơ quan {work_file.unit.name} "
        "hồ sơ sau:",
        f"- Mã hồ sơ: {work_file.code}",
        f"- Tiêu đề hồ sơ: {work_file.title}",
        f"- Thời gian: từ {work_file.start_date:%d/%m/%Y} đến {work_file.end_date:%d/%m/%Y}",
        f"- Số lượng văn bản: {work_file.doc_total}; số trang: {work_file.page_total}",
        f"- Thời hạn bảo quản: {_retention(work_file)}",
        "",
        "Mục lục văn bản:",
    ]
    for order, document in enumerate(documents, start=1):
        label = document.number_notation or "(không số)"
        subject = "(văn bản mật)" if document.is_secret else document.subject
        lines.append(f"{order}. {label} — {subject}")
    return "\n".join(lines)


def work_file_hand_over(
    *, actor: User, work_file: WorkFile, expected_version: int | None
) -> WorkFile:
    """Hand a closed file to the agency archive: its handover record is drafted and the file
    becomes read-only. An open file is refused."""
    from egov.documents.selectors.workfiles import filed_rows

    with transaction.atomic():
        work_file = row_lock(WorkFile.objects.select_related("unit", "handling_unit"), work_file.pk)
        version_check(work_file, expected_version, item=work_file.code)
        if not may_hand_over(actor, work_file):
            raise PermissionDenied(_("Only a head of the division keeping the file hands it over."))
        target = wf_rules.WORK_FILE_TRANSITIONS.target("hand_over", work_file.status)
        documents = [row.item.document for row in filed_rows(None, work_file)]
        record = document_draft_create(
            actor=actor,
            drafting_unit=work_file.handling_unit,
            doc_type=DocumentType.objects.get(code="bien-ban"),
            subject=f"Giao nộp hồ sơ {work_file.code} vào Lưu trữ cơ quan",
            body=handover_body(work_file, documents),
        )
        return versioned_update(
            actor=actor,
            row=work_file,
            action=WorkFileAuditAction.FILE_HANDED_OVER,
            fields={
                "status": target,
                "archived_on": timezone.localdate(),
                "handover_record_id": record.pk,
            },
        )


def archive_read_record(*, actor: User, work_file: WorkFile) -> None:
    """Record that ``actor`` opened a file kept in the archive."""
    if work_file.status != WorkFileStatus.ARCHIVED:
        return
    event_record(
        actor=actor,
        action=WorkFileAuditAction.ARCHIVE_READ,
        obj=work_file,
        changes={"code": work_file.code},
    )


def _disposal(
    *, actor: User, work_file: WorkFile, expected_version: int | None, transition: str, note: str
) -> WorkFile:
    """One step of what becomes of an archived file: on the locked row, with its audit entry."""
    actions = {
        "mark_historical": WorkFileAuditAction.MARKED_HISTORICAL,
        "propose_destruction": WorkFileAuditAction.DESTRUCTION_PROPOSED,
        "destroy": WorkFileAuditAction.DESTRUCTION_DECIDED,
        "keep": WorkFileAuditAction.DESTRUCTION_DECIDED,
    }
    deciders = LIST_APPROVERS if transition in ("destroy", "keep") else LIST_CLERKS + HANDOVER
    with transaction.atomic():
        work_file = row_lock(WorkFile.objects.select_related("unit"), work_file.pk)
        version_check(work_file, expected_version, item=work_file.code)
        if not acts_for(actor, work_file.unit, deciders):
            raise PermissionDenied(_("You cannot decide what becomes of this archived file."))
        if work_file.status != WorkFileStatus.ARCHIVED:
            raise DocumentError(_("Only a file kept in the archive can be marked or destroyed."))
        target = wf_rules.DISPOSAL_TRANSITIONS.target(transition, work_file.disposal)
        if transition == "mark_historical" and work_file.retention_years is not None:
            raise DocumentError(_("Only a file kept permanently goes to the historical archive."))
        if transition == "propose_destruction":
            ends = wf_rules.retention_ends(work_file.end_date, work_file.retention_years)
            if ends is None or ends > timezone.localdate():
                raise DocumentError(
                    _("The retention period of this file has not ended; it cannot be destroyed.")
                )
        if transition != "mark_historical":
            note = require_text(note, "note")
        return versioned_update(
            actor=actor,
            row=work_file,
            action=actions[transition],
            fields={"disposal": target, "disposal_note": note.strip()},
            changes={"step": transition},
        )


def archive_mark_historical(
    *, actor: User, work_file: WorkFile, expected_version: int | None, note: str = ""
) -> WorkFile:
    """Mark a permanent archived file for the historical archive."""
    return _disposal(
        actor=actor,
        work_file=work_file,
        expected_version=expected_version,
        transition="mark_historical",
        note=note,
    )


def archive_propose_destruction(
    *, actor: User, work_file: WorkFile, expected_version: int | None, note: str
) -> WorkFile:
    """Propose an archived file past its retention for destruction (with the reason)."""
    return _disposal(
        actor=actor,
        work_file=work_file,
        expected_version=expected_version,
        transition="propose_destruction",
        note=note,
    )


def archive_decide_destruction(
    *, actor: User, work_file: WorkFile, expected_version: int | None, note: str, destroy: bool
) -> WorkFile:
    """Record the council's decision (number, date, content in ``note``): the file is destroyed
    (its metadata and history stay) or kept."""
    return _disposal(
        actor=actor,
        work_file=work_file,
        expected_version=expected_version,
        transition="destroy" if destroy else "keep",
        note=note,
    )
