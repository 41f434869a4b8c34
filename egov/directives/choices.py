"""Vocabularies of task tracking (Decision 42/2014/QĐ-TTg as amended by 23/2018/QĐ-TTg)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TaskUnitRole(models.TextChoices):
    LEAD = "lead", _("lead (chủ trì)")
    COOPERATE = "cooperate", _("cooperating (phối hợp)")
    IMPLEMENT = "implement", _("implementing (thực hiện)")


class Recurrence(models.TextChoices):
    """A task has a deadline, or recurs and is reported per period."""

    NONE = "none", _("one deadline")
    CONTINUOUS = "continuous", _("ongoing (thường xuyên)")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")


class TaskState(models.TextChoices):
    """Where a task or a report stands at a moment: computed, never typed in."""

    NOT_DUE = "not_due", _("not yet due")
    ON_TRACK = "on_track", _("in progress, on time")
    OVERDUE = "overdue", _("overdue")
    DONE_ON_TIME = "done_on_time", _("done on time")
    DONE_LATE = "done_late", _("done late")
    NOT_REPORTED = "not_reported", _("not reported")


class ProgressStatus(models.TextChoices):
    """What the assigned unit reports."""

    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("task progress", "in progress")
    DONE = "done", _("done")
    BLOCKED = "blocked", _("blocked")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("task report", "draft")
    SUBMITTED = "submitted", pgettext_lazy("task report", "submitted")
    ACCEPTED = "accepted", pgettext_lazy("task report", "accepted")
    RETURNED = "returned", pgettext_lazy("task report", "returned")


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("extension", "pending")
    GRANTED = "granted", pgettext_lazy("extension", "granted")
    REFUSED = "refused", pgettext_lazy("extension", "refused")


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("press release", "draft")
    PUBLISHED = "published", pgettext_lazy("press release", "published")
