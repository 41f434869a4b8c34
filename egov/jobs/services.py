"""Starting, following and ending background jobs; the one API every module uses (issue 25).

A module's page starts its long work with ``job_start`` (the row, then the django-task after
commit) and answers with the job's page at once. The module's django-task calls ``job_run``
with the work to do: ``job_run`` marks the job running, hands the work a progress callback
(``egov.common.progress``: cheap, it writes the row at most once a second), stores the result
or why it failed (a ``DomainError``'s message, in the starter's language), removes the
uploaded file and e-mails the starter. The work itself keeps its own all-or-nothing rule: a
job that fails has written nothing.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.accounts.choices import NotificationChannel
from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.common.progress import CHECK, READ, WRITE, ProgressCallback
from egov.jobs.choices import AuditAction, JobState
from egov.jobs.models import Job

logger = logging.getLogger(__name__)

NO_NOTICE = "_no_notice"  # in params: the starter polls the job and is not told when it ends
COUNT_FIELDS = {READ: "read_count", CHECK: "checked_count", WRITE: "written_count"}
END_FIELDS = (
    "state",
    "result_url",
    "result_file",
    "result_name",
    "result_summary",
    "error_message",
    "error_fields",
    "finished_at",
    "upload",
)


@dataclass(frozen=True)
class JobResult:
    """What a finished job leaves: a page to open (``url``) or a file to download, and what
    it did in a few lines (``summary``)."""

    url: str = ""
    summary: str = ""
    file_name: str = ""
    content: bytes | None = None


Work = Callable[[Job, ProgressCallback], JobResult]


def job_start(
    *,
    actor: Any,
    kind: str,
    title: str,
    task: Any,
    params: Mapping[str, Any] | None = None,
    upload_name: str = "",
    upload_content: bytes | None = None,
    notify: bool = True,
) -> Job:
    """Record a job of ``kind`` for ``actor`` and enqueue ``task`` (a django-tasks task that
    takes the job's id) once the row is committed. ``upload_content`` is kept for the job to
    read. ``notify=False``: no message when it ends (a machine started it through the API and
    polls the job instead). The caller checks the actor's permission first."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title[:300],
            started_by=actor,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            params={**(params or {}), **({} if notify else {NO_NOTICE: True})},
        )
        if upload_content is not None:
            job.upload.save(upload_name[-100:] or "upload", ContentFile(upload_content))
        event_record(actor=actor, action=AuditAction.JOB_STARTED, obj=job, changes={"kind": kind})
        transaction.on_commit(lambda: task.enqueue(job.pk))
    logger.info("jobs.job_started", extra={"job": job.pk, "kind": kind})
    return job


class JobProgress:
    """The progress callback of a running job: the phase and its counts on the job's row,
    written when the phase changes or ends, otherwise at most every ``interval`` seconds."""

    def __init__(self, job: Job, *, interval: float = 1.0) -> None:
        self.job_id, self.interval = job.pk, interval
        self.phase, self.last = "", 0.0

    def __call__(self, phase: str, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        ended = total is not None and done >= total
        if phase == self.phase and not ended and now - self.last < self.interval:
            return
        self.phase, self.last = phase, now
        fields: dict[str, Any] = {
            "phase": phase[:40],
            "done_count": done,
            "total": total,
            "heartbeat_at": timezone.now(),
        }
        if phase in COUNT_FIELDS:
            fields[COUNT_FIELDS[phase]] = done
        Job.objects.filter(pk=self.job_id).update(**fields)


def job_run(job_id: int, work: Work) -> str:
    """Run ``work`` for the job (from the module's django-task) and end the job; returns its
    final state. A job that has ended already is left alone (a retried task does nothing)."""
    job = Job.objects.select_related("started_by").get(pk=job_id)
    if job.is_finished:
        return job.state
    job.state, job.started_at = JobState.RUNNING, timezone.now()
    job.heartbeat_at = job.started_at
    job.save(update_fields=["state", "started_at", "heartbeat_at"])
    with translation.override(job.language):
        try:
            result = work(job, JobProgress(job))
        except DomainError as error:
            job_fail(job=job, message=error.message, fields=error.fields)
        except Exception:
            logger.exception("jobs.job_crashed", extra={"job": job.pk, "kind": job.kind})
            job_fail(
                job=job,
                message=_(
                    "The job stopped on an unexpected error and saved nothing. Try again; if it "
                    "fails again, tell the administrator."
                ),
            )
        else:
            job_succeed(job=job, result=result)
    return job.state


def job_succeed(*, job: Job, result: JobResult) -> Job:
    """End ``job`` with its result and tell the starter."""
    job.state, job.result_url = JobState.SUCCEEDED, result.url[:300]
    job.result_summary = result.summary
    if result.content is not None:
        job.result_name = result.file_name[:200]
        job.result_file.save(result.file_name[-100:], ContentFile(result.content), save=False)
    _end(job)
    return job


def job_fail(*, job: Job, message: str, fields: Mapping[str, str] | None = None) -> Job:
    """End ``job`` as failed with ``message`` (in the starter's language) and the message of
    each field at fault, and tell them."""
    job.state, job.error_message = JobState.FAILED, message
    job.error_fields = {name: str(text) for name, text in (fields or {}).items()}
    _end(job)
    return job


def jobs_reap(*, quiet_for: datetime.timedelta) -> int:
    """End as failed the running jobs whose heartbeat (progress written) stopped more than
    ``quiet_for`` ago: their worker died (a restart, a killed process) and django-tasks has no
    heartbeat of its own, so they would show "running" for ever. The starter is told to start
    again; the work wrote nothing (each job's work is all-or-nothing). Returns how many.

    A job that was only slow (no progress for that long) and ends after all still records its
    real end: ``job_succeed`` overwrites the state."""
    cutoff = timezone.now() - quiet_for
    stale = Job.objects.filter(state=JobState.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    count = 0
    for job in stale.select_related("started_by"):
        with translation.override(job.language):
            job_fail(
                job=job,
                message=_(
                    "The job was interrupted: the background worker stopped while running it. "
                    "Nothing was saved; start it again."
                ),
            )
        count += 1
    return count


def _end(job: Job) -> None:
    job.finished_at = timezone.now()
    if job.upload:
        job.upload.delete(save=False)
    # Only what ending sets: the counts on the row are the progress callback's.
    action = (
        AuditAction.JOB_SUCCEEDED if job.state == JobState.SUCCEEDED else AuditAction.JOB_FAILED
    )
    with transaction.atomic():
        job.save(update_fields=[*END_FIELDS])
        event_record(
            actor=job.started_by,
            action=action,
            obj=job,
            changes={"state": job.state, "error": job.error_message[:500]},
        )
    job.refresh_from_db(fields=[*COUNT_FIELDS.values(), "phase", "done_count", "total"])
    logger.info("jobs.job_ended", extra={"job": job.pk, "kind": job.kind, "state": job.state})
    _notify(job)


def _notify(job: Job) -> None:
    """Tell the starter, in their language, that the job ended: a notification e-mailed once
    the job's row is committed (a mail failure is recorded on it: the job has ended either
    way)."""
    if not job.started_by.email or job.params.get(NO_NOTICE):
        return
    link = reverse("jobs:job-detail", kwargs={"pk": job.pk})
    context = {"job": job, "link": settings.SITE_URL.rstrip("/") + link}
    with translation.override(job.language):
        subject = render_to_string("jobs/email/job_ended_subject.txt", context).strip()
        body = render_to_string("jobs/email/job_ended.txt", context)
    notification_send(
        recipient=job.started_by,
        channel=NotificationChannel.EMAIL,
        subject=subject,
        body=body,
        link=link,
        obj=job,
    )


__all__ = ["JobProgress", "JobResult", "job_fail", "job_run", "job_start", "job_succeed"]
