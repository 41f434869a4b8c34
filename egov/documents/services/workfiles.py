"""File lists and work files (Decree 30/2020/NĐ-CP arts. 28–30): the clerk drafts the unit's
yearly file list (copied forward from last year), the head approves it; work files are opened
from it (or ad hoc, then added to it); documents are filed into them from their own pages, one
document in one file; a file is closed when its matter ends, its dates, pages, document count
and "handled online" computed. Every change: one transaction, one audit entry."""

from __future__ import annotations

import datetime
from io import BytesIO

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.documents import rules
from egov.documents import rules_workfiles as wf_rules
from egov.documents.choices import (
    Channel,
    DocumentStatus,
    FileKind,
    WorkFileAuditAction,
)
from egov.documents.exceptions import DocumentError, PermissionDenied
from egov.documents.models import (
    Document,
    DocumentFile,
    FileList,
    FileListEntry,
    WorkFile,
    WorkFileItem,
)
from egov.documents.selectors.access import document_scope
from egov.documents.selectors.workfiles import (
    LIST_APPROVERS,
    LIST_CLERKS,
    WORKERS,
    may_work_on,
)
from egov.documents.services.common import acts_for
from egov.orgs.levels import issuing_unit
from egov.orgs.models import OrgUnit


def _field_error(message: str, field: str, code: str) -> DocumentError:
    return DocumentError(message, code=code, fields={field: message})


def _agency_code(unit: OrgUnit) -> str:
    return unit.agency_code or f"U{unit.pk}"


def file_list_create(*, actor: User, unit: OrgUnit, year: int) -> FileList:
    """The clerk drafts ``unit``'s file list for ``year``, copying forward the entries of the
    year before (a second submission returns the list already there)."""
    if not acts_for(actor, unit, LIST_CLERKS):
        raise PermissionDenied(_("Only the clerk of the unit drafts its file list."))
    if issuing_unit(unit) != unit:
        message = _("A file list belongs to an agency, not to one of its divisions.")
        raise _field_error(message, "unit", "file_list_unit")
    if not 2000 <= year <= 2100:
        raise _field_error(_("Give a year between 2000 and 2100."), "year", "file_list_year")
    with transaction.atomic():
        existing = FileList.objects.filter(unit=unit, year=year).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                file_list = FileList.objects.create(unit=unit, year=year, created_by=actor)
        except IntegrityError:  # created meanwhile by a double click
            return FileList.objects.get(unit=unit, year=year)
        previous = FileList.objects.filter(unit=unit, year=year - 1).first()
        copied = []
        if previous is not None:
            copied = [
                FileListEntry(
                    file_list=file_list,
                    heading=e.heading,
                    notation=e.notation,
                    title=e.title,
                    retention_years=e.retention_years,
                    handling_unit_id=e.handling_unit_id,
                    responsible_id=e.responsible_id,
                )
                for e in previous.entries.all()
            ]
            FileListEntry.objects.bulk_create(copied)
        event_record(
            actor=actor,
            action=WorkFileAuditAction.LIST_CREATED,
            obj=file_list,
            changes={"unit": unit.pk, "year": year, "copied_entries": len(copied)},
        )
    return file_list


def _entry_check(
    file_list: FileList, heading: str, notation: str, title: str, handling_unit: OrgUnit
) -> None:
    problems = {}
    if not heading.strip():
        problems["heading"] = _("Give the heading (field) the file comes under.")
    if not wf_rules.notation_valid(notation):
        problems["notation"] = _(
            "The file notation has 1 to 20 letters, digits, dots or hyphens (e.g. VP-01)."
        )
    elif FileListEntry.objects.filter(file_list=file_list, notation=notation).exists():
        problems["notation"] = _("This notation is already in the file list.")
    if not title.strip():
        problems["title"] = _("Give the title of the file.")
    if not handling_unit.is_within(file_list.unit):
        problems["handling_unit"] = _("The division must belong to the unit of the file list.")
    if problems:
        raise DocumentError(next(iter(problems.values())), code="entry_invalid", fields=problems)


def _entry_create(
    file_list: FileList,
    *,
    heading: str,
    notation: str,
    title: str,
    retention_years: int | None,
    handling_unit: OrgUnit,
    responsible: User | None,
    ad_hoc: bool,
) -> FileListEntry:
    notation = notation.strip()
    _entry_check(file_list, heading, notation, title, handling_unit)
    try:
        with transaction.atomic():
            return FileListEntry.objects.create(
                file_list=file_list,
                heading=heading.strip()[:200],
                notation=notation,
                title=title.strip()[:500],
                retention_years=retention_years,
                handling_unit=handling_unit,
                responsible=responsible,
                added_ad_hoc=ad_hoc,
            )
    except IntegrityError:
        message = _("This notation is already in the file list.")
        raise _field_error(message, "notation", "entry_notation_taken") from None


def file_list_entry_add(
    *, actor: User, file_list: FileList, retention_years: int | None = None, **values: object
) -> FileListEntry:
    """The clerk adds an expected file to a draft list (heading, notation, title, retention,
    handling unit, person responsible)."""
    if not acts_for(actor, file_list.unit, LIST_CLERKS):
        raise PermissionDenied(_("Only the clerk of the unit drafts its file list."))
    with transaction.atomic():
        file_list = row_lock(FileList.objects.select_related("unit"), file_list.pk)
        wf_rules.FILE_LIST_TRANSITIONS.check("add_entry", file_list.status)
        entry = _entry_create(file_list, retention_years=retention_years, ad_hoc=False, **values)
        event_record(
            actor=actor,
            action=WorkFileAuditAction.LIST_ENTRY_ADDED,
            obj=file_list,
            changes={"notation": entry.notation, "title": entry.title},
        )
    return entry


def file_list_approve(
    *, actor: User, file_list: FileList, expected_version: int | None
) -> FileList:
    """The head of the unit approves the draft list; files may then be opened from it."""
    if not acts_for(actor, file_list.unit, LIST_APPROVERS):
        raise PermissionDenied(_("Only the head of the unit approves its file list."))
    with transaction.atomic():
        file_list = row_lock(FileList.objects.select_related("unit"), file_list.pk)
        version_check(file_list, expected_version, item=str(file_list.year))
        target = wf_rules.FILE_LIST_TRANSITIONS.target("approve", file_list.status)
        if not file_list.entries.exists():
            raise DocumentError(_("Add the files the unit expects before approving the list."))
        return versioned_update(
            actor=actor,
            row=file_list,
            action=WorkFileAuditAction.LIST_APPROVED,
            fields={"status": target, "approved_by_id": actor.pk, "approved_at": timezone.now()},
        )


def _open(actor: User, entry: FileListEntry) -> WorkFile:
    file_list = entry.file_list
    if not (
        acts_for(actor, file_list.unit, LIST_CLERKS)
        or acts_for(actor, entry.handling_unit, WORKERS)
        or actor.pk == entry.responsible_id
    ):
        raise PermissionDenied(_("You cannot open files of this division."))
    code = wf_rules.file_code(_agency_code(file_list.unit), file_list.year, entry.notation)
    work_file = WorkFile(
        unit=file_list.unit,
        handling_unit=entry.handling_unit,
        entry=entry,
        code=code,
        year=file_list.year,
        notation=entry.notation,
        title=entry.title,
        retention_years=entry.retention_years,
        responsible=entry.responsible or actor,
        opened_on=timezone.localdate(),
        opened_by=actor,
        search_text=rules.search_fold(f"{code} {entry.title} {entry.heading}"),
    )
    try:
        with transaction.atomic():
            work_file.save()
    except IntegrityError:
        raise DocumentError(_("This file is already open."), code="file_open_twice") from None
    event_record(
        actor=actor,
        action=WorkFileAuditAction.FILE_OPENED,
        obj=work_file,
        changes={"code": code, "title": work_file.title, "ad_hoc": entry.added_ad_hoc},
    )
    return work_file


def work_file_open(*, actor: User, entry: FileListEntry) -> WorkFile:
    """Open the file an approved list expects (a second click returns the open file)."""
    with transaction.atomic():
        file_list = row_lock(FileList.objects.select_related("unit"), entry.file_list_id)
        wf_rules.FILE_LIST_TRANSITIONS.check("open_from", file_list.status)
        entry = FileListEntry.objects.select_related("file_list__unit", "handling_unit").get(
            pk=entry.pk
        )
        existing = WorkFile.objects.filter(entry=entry).first()
        if existing is not None:
            return existing
        return _open(actor, entry)


def work_file_open_ad_hoc(
    *, actor: User, file_list: FileList, retention_years: int | None = None, **values: object
) -> WorkFile:
    """Open a file the list did not expect: it is added to the list (marked so) and opened."""
    with transaction.atomic():
        file_list = row_lock(FileList.objects.select_related("unit"), file_list.pk)
        entry = _entry_create(file_list, retention_years=retention_years, ad_hoc=True, **values)
        event_record(
            actor=actor,
            action=WorkFileAuditAction.LIST_ENTRY_ADDED,
            obj=file_list,
            changes={"notation": entry.notation, "title": entry.title, "ad_hoc": True},
        )
        return _open(actor, entry)


def _file_lock(work_file: WorkFile) -> WorkFile:
    return row_lock(WorkFile.objects.select_related("unit", "handling_unit"), work_file.pk)


def work_file_file_document(
    *, actor: User, work_file: WorkFile, document: Document
) -> WorkFileItem:
    """File ``document`` (one the actor may see) into an open work file; a document already
    in a file is refused with that file's code."""
    if not document_scope(actor).filter(pk=document.pk).exists():
        raise PermissionDenied(_("You cannot file this document."))
    with transaction.atomic():
        work_file = _file_lock(work_file)
        if not may_work_on(actor, work_file):
            raise PermissionDenied(_("You cannot work on this file."))
        wf_rules.WORK_FILE_TRANSITIONS.check("file", work_file.status)
        recalled = DocumentStatus.RECALLED
        if document.status == recalled or (
            document.source_id is not None
            and Document.objects.filter(pk=document.source_id, status=recalled).exists()
        ):
            raise DocumentError(
                _("This document was recalled by its issuer; it cannot be filed."),
                code="recalled",
            )
        elsewhere = (
            WorkFileItem.objects.filter(document=document)
            .values_list("work_file__code", flat=True)
            .first()
        )
        if elsewhere is not None:
            raise _already_filed(elsewhere)
        try:
            with transaction.atomic():
                item = WorkFileItem.objects.create(
                    work_file=work_file, document=document, filed_by=actor
                )
        except IntegrityError:
            code = WorkFileItem.objects.filter(document=document).values_list(
                "work_file__code", flat=True
            )
            raise _already_filed(code.first() or "") from None
        versioned_update(
            actor=actor,
            row=work_file,
            action=WorkFileAuditAction.DOCUMENT_FILED,
            changes={"document": document.pk, "number_notation": document.number_notation},
        )
    return item


def _already_filed(code: str) -> DocumentError:
    message = _(
        "This document is already filed in the work file %(code)s; a document belongs to one "
        "file only (link it from the other documents instead)."
    ) % {"code": code}
    return DocumentError(message, code="already_filed", fields={"work_file": message})


def pdf_page_count(content: bytes) -> int:
    """Pages of a PDF (0 when it cannot be read)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return int(PdfFileReader(BytesIO(content), strict=False).root["/Pages"]["/Count"])
    except Exception:  # a damaged or foreign file: counted as no page
        return 0


def document_pdf_pages(document_ids: list[int]) -> int:
    """The pages of these documents: each one's signed original, else its PDF files (0 when none
    has a PDF: a DOCX holds no page count one can trust)."""
    total = 0
    files = DocumentFile.objects.filter(
        document_id__in=document_ids, content_type="application/pdf"
    ).order_by("document_id", "pk")
    by_document: dict[int, list[DocumentFile]] = {}
    for stored in files:
        by_document.setdefault(stored.document_id, []).append(stored)
    for stored_files in by_document.values():
        signed = [f for f in stored_files if f.kind == FileKind.SIGNED]
        for stored in signed or stored_files:
            with stored.file.open("rb") as handle:
                total += pdf_page_count(handle.read())
    return total


def filed_facts(document_ids: list[int]) -> dict[int, wf_rules.FiledFacts]:
    """What "handled online" looks at, for each filed document (three queries)."""
    from django.db.models import Count, Q

    rows = (
        Document.objects.filter(pk__in=document_ids)
        .annotate(paper=Count("recipients", filter=Q(recipients__channel=Channel.PAPER)))
        .values_list("pk", "direction", "status", "signer_id", "channel", "paper")
    )
    return {
        pk: wf_rules.FiledFacts(
            direction=direction,
            status=status,
            signed_here=signer_id is not None,
            channel=channel,
            paper_recipients=paper,
        )
        for pk, direction, status, signer_id, channel, paper in rows
    }


def _document_day(document: Document) -> datetime.date:
    if document.issued_on:
        return document.issued_on
    moment = document.arrived_at or document.created_at
    return timezone.localdate(moment)


def work_file_close(*, actor: User, work_file: WorkFile, expected_version: int | None) -> WorkFile:
    """Close the file: refused while a filed document is an unsigned draft or the file is
    empty; fills the start and end dates, the document and page counts and whether it was
    handled online."""
    with transaction.atomic():
        work_file = _file_lock(work_file)
        version_check(work_file, expected_version, item=work_file.code)
        if not may_work_on(actor, work_file):
            raise PermissionDenied(_("You cannot work on this file."))
        target = wf_rules.WORK_FILE_TRANSITIONS.target("close", work_file.status)
        documents = list(
            Document.objects.filter(work_file_item__work_file=work_file).order_by("pk")
        )
        if not documents:
            raise DocumentError(_("File at least one document before closing the file."))
        drafts = [d for d in documents if d.status in wf_rules.UNSIGNED]
        if drafts:
            raise DocumentError(
                _(
                    "The file holds a draft not yet signed (%(subject)s); issue it or move it "
                    "out before closing the file."
                )
                % {"subject": drafts[0].subject[:80]},
                code="unsigned_draft",
            )
        ids = [d.pk for d in documents]
        days = sorted(_document_day(d) for d in documents)
        online = wf_rules.file_online(list(filed_facts(ids).values()))
        return versioned_update(
            actor=actor,
            row=work_file,
            action=WorkFileAuditAction.FILE_CLOSED,
            fields={
                "status": target,
                "closed_on": timezone.localdate(),
                "start_date": days[0],
                "end_date": days[-1],
                "doc_total": len(documents),
                "page_total": document_pdf_pages(ids),
                "handled_online": online,
            },
        )
