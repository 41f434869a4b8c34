"""Papers of an agenda item: uploaded through the one file intake or attached from the
registry, secret ones with their named readers, and their versions: a revised draft is
uploaded as a new version that replaces the previous one; the previous stays readable, the
agenda shows the current one."""

from __future__ import annotations

from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.files import PDF, accepting, file_check
from egov.documents.models import Document
from egov.documents.selectors import document_get_for_user
from egov.documents.services.workfiles import document_pdf_pages, pdf_page_count
from egov.meetings import rules
from egov.meetings.choices import MeetingAuditAction
from egov.meetings.exceptions import MeetingConflict, MeetingError
from egov.meetings.models import AgendaItem, Meeting, Paper
from egov.meetings.selectors import may_see
from egov.meetings.services._common import A, _invalid, _lead_check, _lock, _require_manager

PAPER_KINDS = accepting({PDF})


def paper_pages(content: bytes) -> int | None:
    """The pages of an uploaded paper (a PDF the intake accepted), read with pyHanko's reader
    as the registry counts a work file's pages; None when it cannot be counted."""
    return pdf_page_count(content) or None


def _check_readers(meeting: Meeting, secret: bool, readers: Any) -> list[Any]:
    readers = list(readers or [])
    if not secret:
        return []
    if not readers:
        raise _invalid("readers", _("Name the readers of a secret paper."))
    outside = [user.full_name for user in readers if not may_see(user, meeting)]
    if outside:
        raise _invalid(
            "readers",
            _("Only people of the meeting can read its papers: %(names)s.")
            % {"names": ", ".join(outside)},
        )
    return readers


def paper_upload(
    *,
    actor: Any,
    item: AgendaItem,
    upload: bytes | IO[bytes],
    name: str,
    secret: bool = False,
    readers: Any = (),
) -> tuple[Paper, str | None]:
    """Add an uploaded paper (checked by the one file intake) to an agenda item; a secret one
    names its readers (people of the meeting). Returns the paper and the Decision 45 warning
    when it goes out later than the lead time."""
    meeting = item.meeting
    _require_manager(actor, meeting)
    readers = _check_readers(meeting, bool(secret), readers)
    checked = file_check(upload, accept=PAPER_KINDS)
    content = upload if isinstance(upload, bytes) else upload.read()
    base = (name or "").strip().rsplit("/", 1)[-1] or _("paper")
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        now = timezone.now()
        warning = _lead_check(locked, now)
        paper = Paper(
            item=item,
            name=base[:200],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            pages=paper_pages(content),
            added_by=actor,
            added_at=now,
            on_time=warning is None,
            secret=bool(secret),
        )
        stem = base.rsplit(".", 1)[0][:80] or "paper"
        paper.file.save(f"{stem}.{checked.extension}", ContentFile(content), save=False)
        paper.save()
        paper.readers.set(readers)
        event_record(
            actor=actor,
            action=A.PAPER_ADDED,
            obj=paper,
            changes={
                "item": item.pk,
                "name": paper.name,
                "size": paper.size,
                "pages": paper.pages,
                "late": bool(warning),
                "secret": bool(secret),
                "readers": sorted(user.pk for user in readers),
            },
        )
    return paper, warning


def paper_readers_set(*, actor: Any, paper: Paper, secret: bool, readers: Any) -> Paper:
    """Mark a paper secret with its named readers, or open it to the meeting again."""
    meeting = paper.item.meeting
    _require_manager(actor, meeting)
    readers = _check_readers(meeting, bool(secret), readers)
    with transaction.atomic():
        _lock(meeting)
        locked = row_lock(Paper.objects.all(), paper.pk)
        locked.secret = bool(secret)
        locked.save(update_fields=["secret"])
        locked.readers.set(readers)
        event_record(
            actor=actor,
            action=A.PAPER_READERS_SET,
            obj=locked,
            changes={"secret": bool(secret), "readers": sorted(user.pk for user in readers)},
        )
    return locked


def paper_attach_document(*, actor: Any, item: AgendaItem, document: Document) -> Paper:
    """Add a document of the registry the actor may read as a paper of an agenda item."""
    meeting = item.meeting
    _require_manager(actor, meeting)
    document = document_get_for_user(actor, document.pk)
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        now = timezone.now()
        warning = _lead_check(locked, now)
        paper = Paper.objects.create(
            item=item,
            document=document,
            name=document.subject[:200],
            pages=document_pdf_pages([document.pk]) or None,  # its signed original, else PDFs
            added_by=actor,
            added_at=now,
            on_time=warning is None,
        )
        event_record(
            actor=actor,
            action=A.PAPER_ADDED,
            obj=paper,
            changes={"item": item.pk, "document": document.pk, "late": bool(warning)},
        )
    return paper


def paper_read_record(*, actor: Any, paper: Paper) -> None:
    """Who opened a paper and when (the host sees that papers reached people)."""
    event_record(actor=actor, action=A.PAPER_READ, obj=paper, changes={"item": paper.item_id})


def paper_version_upload(
    *, actor: Any, paper: Paper, upload: bytes | IO[bytes]
) -> tuple[Paper, str | None]:
    """Upload a new version of an uploaded paper (the host's office, before the meeting is
    held): same name, secrecy and named readers, the version number one up; the same file
    again (a double click, a retry) is the current version. Refused for a version already
    replaced (someone uploaded a newer one) and for a registry document (it has its own
    versions in the registry). Returns the new version and the Decision 45 lead-time warning."""
    meeting = paper.item.meeting
    _require_manager(actor, meeting)
    if paper.document_id is not None:
        message = _("A registry document changes in the registry, not here.")
        raise MeetingError(message, fields={"file": message})
    checked = file_check(upload, accept=PAPER_KINDS)
    content = upload if isinstance(upload, bytes) else upload.read()
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked_meeting.status)
        current = row_lock(Paper.objects.all(), paper.pk)
        newer = Paper.objects.filter(replaces=current).first()
        if newer is not None:
            if newer.sha256 == checked.sha256:
                return newer, None
            raise MeetingConflict(
                _("A newer version of this paper was uploaded: reload the page."),
                code="paper_replaced",
            )
        if current.sha256 == checked.sha256:
            return current, None
        now = timezone.now()
        warning = _lead_check(locked_meeting, now)
        version = Paper(
            item=current.item,
            name=current.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            pages=paper_pages(content),
            added_by=actor,
            added_at=now,
            on_time=warning is None,
            secret=current.secret,
            version_number=current.version_number + 1,
            replaces=current,
        )
        stem = current.name.rsplit(".", 1)[0][:70] or "paper"
        version.file.save(
            f"{stem}-v{version.version_number}.{checked.extension}",
            ContentFile(content),
            save=False,
        )
        version.save()
        version.readers.set(current.readers.all())
        event_record(
            actor=actor,
            action=MeetingAuditAction.PAPER_VERSION_ADDED,
            obj=version,
            changes={
                "replaces": current.pk,
                "version": version.version_number,
                "size": version.size,
                "pages": version.pages,
                "late": bool(warning),
            },
        )
    return version, warning
