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


class AuditAction(models.TextChoices):
    """Actions of task tracking the audit trail records."""

    TASK_CREATED = "task.created", pgettext_lazy("audit action", "Task assigned")
    TASK_CHANGED = "task.changed", pgettext_lazy("audit action", "Task changed")
    TASK_SPLIT = "task.split", pgettext_lazy("audit action", "Task split")
    TASK_REMINDED = "task.reminded", pgettext_lazy("audit action", "Deadline reminder sent")
    TASK_EXTENSION_REQUESTED = (
        "task_extension.requested",
        pgettext_lazy("audit action", "Extension requested"),
    )
    TASK_EXTENSION_GRANTED = (
        "task_extension.granted",
        pgettext_lazy("audit action", "Extension granted"),
    )
    TASK_EXTENSION_REFUSED = (
        "task_extension.refused",
        pgettext_lazy("audit action", "Extension refused"),
    )
    TASK_REPORT_SAVED = "task_report.saved", pgettext_lazy("audit action", "Progress report saved")
    TASK_REPORT_SUBMITTED = (
        "task_report.submitted",
        pgettext_lazy("audit action", "Progress report submitted"),
    )
    TASK_REPORT_ACCEPTED = (
        "task_report.accepted",
        pgettext_lazy("audit action", "Progress report accepted"),
    )
    TASK_REPORT_RETURNED = (
        "task_report.returned",
        pgettext_lazy("audit action", "Progress report returned"),
    )
    TASK_IMPORT_CREATED = (
        "task_import.created",
        pgettext_lazy("audit action", "Task table uploaded"),
    )
    TASK_IMPORT_RESOLVED = (
        "task_import.resolved",
        pgettext_lazy("audit action", "Task table item resolved"),
    )
    TASK_IMPORT_APPLIED = (
        "task_import.applied",
        pgettext_lazy("audit action", "Tasks created from a table"),
    )
    PRESS_RELEASE_CREATED = (
        "press_release.created",
        pgettext_lazy("audit action", "Press release drafted"),
    )
    PRESS_RELEASE_UPDATED = (
        "press_release.updated",
        pgettext_lazy("audit action", "Press release edited"),
    )
    PRESS_RELEASE_NUMBERED = (
        "press_release.numbered",
        pgettext_lazy("audit action", "Press release numbered"),
    )
    PRESS_RELEASE_PUBLISHED = (
        "press_release.published",
        pgettext_lazy("audit action", "Press release published"),
    )
    PRESS_RELEASE_COVER_LETTER_DRAFTED = (
        "press_release.cover_letter_drafted",
        pgettext_lazy("audit action", "Cover letter of a press release drafted"),
    )
    DIRECTIVE_HEADLINE_SET = (
        "directive.headline_set",
        pgettext_lazy("audit action", "Directive headline set"),
    )
