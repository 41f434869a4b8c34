"""Versions of a meeting paper: a revised draft is uploaded as a new version that replaces the
previous one; the previous stays readable, the agenda shows the current one."""

from __future__ import annotations

from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.files import file_check
from egov.meetings import rules
from egov.meetings.choices import MeetingAuditAction
from egov.meetings.exceptions import MeetingConflict, MeetingError
from egov.meetings.models import Paper
from egov.meetings.services import PAPER_KINDS, _lead_check, _lock, _require_manager


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
                "late": bool(warning),
            },
        )
    return version, warning
