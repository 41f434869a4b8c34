"""States of a background job and the words of its phases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from egov.common.progress import CHECK, READ, WRITE


class JobState(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("finished")
    FAILED = "failed", _("failed")


FINISHED_STATES = (JobState.SUCCEEDED, JobState.FAILED)

# The phases named by ``egov.common.progress``; a service's own phase word is shown as it is.
PHASE_LABELS = {READ: _("reading"), CHECK: _("checking"), WRITE: _("writing")}


class AuditAction(models.TextChoices):
    """What the jobs app records in the audit trail: a job started and how it ended (the
    module's own work records its own entries, e.g. the import it made)."""

    JOB_STARTED = "jobs.job_started", pgettext_lazy("audit action", "Background job started")
    JOB_SUCCEEDED = "jobs.job_succeeded", pgettext_lazy("audit action", "Background job finished")
    JOB_FAILED = "jobs.job_failed", pgettext_lazy("audit action", "Background job failed")
