"""The daily archiving notice run (EDMS functions, spec §2.7; Decree 30/2020 art. 31): a closed
work file must reach the agency archive within a year of closing; from 30 days before that
day the clerk of the file's unit and the person responsible for the file are told, once
(``WorkFile.archive_notice_at``), so running the job twice or after a missed day never sends
twice. Run it from cron with ``egov archive_notices`` (or ``--enqueue`` for the workers)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from egov.audit.services import event_record
from egov.documents import rules_workfiles as rules
from egov.documents.choices import WorkFileAuditAction, WorkFileStatus
from egov.documents.models import WorkFile
from egov.orgs.choices import Role
from egov.orgs.models import Membership

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NoticeRun:
    """What one run did: files noticed now, e-mails sent."""

    files: int
    emails: int


def notice_recipients(work_file: WorkFile) -> list[str]:
    """E-mail addresses of the clerks of the file's unit and of the person responsible."""
    clerks = (
        Membership.objects.current()
        .filter(unit_id=work_file.unit_id, role=Role.CLERK)
        .select_related("user")
    )
    users = [m.user for m in clerks]
    if work_file.responsible_id:
        users.append(work_file.responsible)
    return sorted({u.email for u in users if u.email and u.is_active})


def _message(work_file: WorkFile, due_on: datetime.date) -> tuple[str, str]:
    context = {
        "work_file": work_file,
        "due_on": due_on,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("documents:work-file", kwargs={"pk": work_file.pk}),
    }
    with translation.override("vi"):
        subject = render_to_string("documents/email/archive_notice_subject.txt", context)
        body = render_to_string("documents/email/archive_notice.txt", context)
    return " ".join(subject.split()), body


def _notify(work_file: WorkFile, now: datetime.datetime) -> int | None:
    """Mark and tell one file unless another run did; the number of e-mails, None if not now."""
    with transaction.atomic():
        marked = WorkFile.objects.filter(
            pk=work_file.pk, status=WorkFileStatus.CLOSED, archive_notice_at__isnull=True
        ).update(archive_notice_at=now)
        if not marked:
            return None
        due_on = rules.handover_due(work_file.closed_on)
        recipients = notice_recipients(work_file)
        event_record(
            actor=None,
            action=WorkFileAuditAction.ARCHIVE_NOTICE_SENT,
            obj=work_file,
            changes={"handover_due": due_on, "recipients": len(recipients)},
        )
        if recipients:
            subject, body = _message(work_file, due_on)
            messages = [(subject, body, None, [address]) for address in recipients]
            transaction.on_commit(lambda: send_mass_mail(messages))
    logger.info(
        "documents.archive_notice_sent",
        extra={"work_file": work_file.pk, "recipients": len(recipients)},
    )
    return len(recipients)


def archive_notices_send(*, today: datetime.date | None = None) -> NoticeRun:
    """Tell the units of every closed file whose handover to the archive is due within
    ``ARCHIVE_NOTICE_DAYS`` (or already late) and who were not told yet."""
    today = today or timezone.localdate()
    now = timezone.now()
    due = (
        WorkFile.objects.filter(
            status=WorkFileStatus.CLOSED,
            archive_notice_at__isnull=True,
            closed_on__lte=rules.archive_notice_cutoff(today),
        )
        .select_related("unit", "responsible")
        .order_by("closed_on", "pk")
    )
    files = emails = 0
    for work_file in due.iterator(chunk_size=500):
        sent = _notify(work_file, now)
        if sent is not None:
            files, emails = files + 1, emails + sent
    return NoticeRun(files, emails)
