"""Stable codes of the workflow engine, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InstanceStatus(models.TextChoices):
    """Where a process instance stands (like Wagtail ``WorkflowState`` status constants)."""

    RUNNING = "running", _("In progress")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class StepAction(models.TextChoices):
    """How a step instance was left, or how the item arrived at it."""

    STARTED = "started", _("Started")
    FORWARDED = "forwarded", _("Forwarded to the next step")
    SENT_BACK = "sent_back", _("Sent back to the previous step")
    HANDED_OVER = "handed_over", _("Handed over to another unit")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.TextChoices):
    """The result of a finished instance; what it means is up to the domain app."""

    COMPLETED = "completed", _("Completed")
    REFUSED = "refused", _("Refused")


class Timeliness(models.TextChoices):
    """Grade of a step or instance on the control sheet (Phiếu kiểm soát, TT 01/2018 form 05)."""

    EARLY = "early", pgettext_lazy("timeliness", "Early")
    ON_TIME = "on_time", pgettext_lazy("timeliness", "On time")
    LATE = "late", pgettext_lazy("timeliness", "Late")


class Urgency(models.IntegerChoices):
    """Inbox tiers, in display order."""

    OVERDUE = 0, _("Overdue")
    NEARLY_DUE = 1, _("Nearly due")
    NORMAL = 2, _("In time")
    PAUSED = 3, _("Paused")


class AuditAction(models.TextChoices):
    """Actions of the workflow engine the audit trail records."""

    STARTED = "workflow.started", pgettext_lazy("audit action", "Processing started")
    STEP_FORWARDED = (
        "workflow.step_forwarded",
        pgettext_lazy("audit action", "Forwarded to the next step"),
    )
    STEP_SENT_BACK = (
        "workflow.step_sent_back",
        pgettext_lazy("audit action", "Sent back to the previous step"),
    )
    STEP_HANDED_OVER = (
        "workflow.step_handed_over",
        pgettext_lazy("audit action", "Handed over to another unit"),
    )
    STEP_ASSIGNED = (
        "workflow.step_assigned",
        pgettext_lazy("audit action", "Officer assigned to the step"),
    )
    PAUSED = "workflow.paused", pgettext_lazy("audit action", "Clock paused")
    RESUMED = "workflow.resumed", pgettext_lazy("audit action", "Clock resumed")
    DUE_RESET = "workflow.due_reset", pgettext_lazy("audit action", "Time limit set again")
    FINISHED = "workflow.finished", pgettext_lazy("audit action", "Processing finished")
    CANCELLED = "workflow.cancelled", pgettext_lazy("audit action", "Processing cancelled")
    DEFINITION_CREATED = (
        "workflow.definition_created",
        pgettext_lazy("audit action", "Internal procedure drafted"),
    )
    DEFINITION_REPLACED = (
        "workflow.definition_replaced",
        pgettext_lazy("audit action", "Internal procedure draft replaced"),
    )
    DEFINITION_STEPS_CHANGED = (
        "workflow.definition_steps_changed",
        pgettext_lazy("audit action", "Steps of an internal procedure changed"),
    )
    DEFINITION_PUBLISHED = (
        "workflow.definition_published",
        pgettext_lazy("audit action", "Internal procedure published"),
    )
