"""Stable codes of the working-day calendar, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AdjustmentKind(models.TextChoices):
    """How an adjustment changes a day that the ``holidays`` package got wrong or lacks."""

    EXTRA_WORKING_DAY = "extra_working_day", _("Extra working day (make-up Saturday)")
    EXTRA_DAY_OFF = "extra_day_off", _("Extra day off")


class Confidence(models.TextChoices):
    """How sure we are of an entry (shared/domain tags: [C] high, [S] medium, [U] low)."""

    HIGH = "high", _("High: confirmed by the official text or the package")
    MEDIUM = "medium", _("Medium: secondary source")
    LOW = "low", _("Low: unconfirmed")


class DayKind(models.TextChoices):
    """What a listed day is: a weekday without work, or a weekend day with work."""

    DAY_OFF = "day_off", _("Day off")
    MAKEUP_WORKING_DAY = "makeup_working_day", _("Make-up working day")


class DayReason(models.TextChoices):
    """Why a day is or is not a working day (the public day API)."""

    WEEKDAY = "weekday", _("Ordinary weekday")
    WEEKEND = "weekend", _("Weekend")
    HOLIDAY = "holiday", _("Public holiday or announced day off")
    SWAPPED_DAY_OFF = "swapped_day_off", _("Day off swapped with a make-up working day")
    MAKEUP_WORKING_DAY = "makeup_working_day", _("Make-up working day")


class AuditAction(models.TextChoices):
    """Changes to the working-day calendar the audit trail records."""

    CALENDAR_ADJUSTMENT_CREATED = (
        "calendar_adjustment.created",
        pgettext_lazy("audit action", "Calendar adjustment added"),
    )
    CALENDAR_ADJUSTMENT_CHANGED = (
        "calendar_adjustment.changed",
        pgettext_lazy("audit action", "Calendar adjustment changed"),
    )
    CALENDAR_ADJUSTMENT_DELETED = (
        "calendar_adjustment.deleted",
        pgettext_lazy("audit action", "Calendar adjustment deleted"),
    )
