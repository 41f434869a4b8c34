"""One table for every background job a person starts from a page (issue 25)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.jobs.choices import FINISHED_STATES, PHASE_LABELS, JobState


class Job(models.Model):
    """Long work started from a page (an import, an export), run by a django-tasks worker.

    The starter (and administrators) follow it on its page: its state, its phase and the counts
    of rows read, checked and written; then its result, a link (``result_url``, e.g. the
    resolve report of an import) or a file to download (``result_file``), and what it did in
    a few lines (``result_summary``). A failed job keeps
    why, in the starter's language, and the message of each field at fault
    (``error_fields``, for an API client that reads them). ``upload`` holds the file a job
    reads; it is removed when the job ends."""

    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(max_length=10, default="vi")
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    phase = models.CharField(_("phase"), max_length=40, blank=True)
    read_count = models.PositiveIntegerField(_("rows read"), default=0)
    checked_count = models.PositiveIntegerField(_("rows checked"), default=0)
    written_count = models.PositiveIntegerField(_("rows written"), default=0)
    done_count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    params = models.JSONField(default=dict, blank=True)
    upload = models.FileField(upload_to="jobs/in/%Y/%m/", blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    result_file = models.FileField(upload_to="jobs/out/%Y/%m/", blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    result_summary = models.TextField(_("what it did"), blank=True)
    error_message = models.TextField(_("why it failed"), blank=True)
    error_fields = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Written with the progress: a running job whose heartbeat stops was left by a worker that
    # died (``jobs_reap`` ends it).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="job_starter_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=JobState.values), name="job_state_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def phase_label(self) -> str:
        return str(PHASE_LABELS.get(self.phase, self.phase))

    @property
    def percent(self) -> int | None:
        """How far the current phase is, when its total is known."""
        if not self.total:
            return None
        return min(100, 100 * self.done_count // self.total)
