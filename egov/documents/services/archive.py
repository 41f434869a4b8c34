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
from egov.documents import rules_workfiles as wf_rules
from egov.documents.choices import WorkFileAction, WorkFileStatus
from egov.documents.exceptions import PermissionDenied
from egov.documents.models import Document, DocumentType, WorkFile
from egov.documents.selectors.workfiles import may_hand_over
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
            action=WorkFileAction.FILE_HANDED_OVER,
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
        action=WorkFileAction.ARCHIVE_READ,
        obj=work_file,
        changes={"code": work_file.code},
    )
