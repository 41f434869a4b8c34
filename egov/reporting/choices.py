"""Vocabularies of periodic reporting (Decree 09/2019/NĐ-CP)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegimeKind(models.TextChoices):
    """Decree 09/2019 art. 4: the three kinds of reporting regime."""

    PERIODIC = "periodic", _("periodic (định kỳ)")
    THEMATIC = "thematic", _("thematic (chuyên đề)")
    AD_HOC = "ad_hoc", _("ad hoc (đột xuất)")


class RegimeStatus(models.TextChoices):
    """A regime's form is edited as a draft; once published it is frozen (a change is a new
    version, a new regime row replacing it)."""

    DRAFT = "draft", pgettext_lazy("regime", "draft")
    PUBLISHED = "published", pgettext_lazy("regime", "published")


class Frequency(models.TextChoices):
    """The periodic frequencies (values are ``egov.common.periods.PeriodKind`` codes)."""

    MONTH = "month", _("monthly")
    QUARTER = "quarter", _("quarterly")
    HALF_YEAR = "half_year", _("6-month")
    NINE_MONTHS = "nine_months", _("9-month")
    YEAR = "year", _("yearly")


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days after the cut-off")
    CALENDAR_DAYS = "calendar_days", _("calendar days after the cut-off")


class DataType(models.TextChoices):
    INTEGER = "integer", _("whole number")
    DECIMAL = "decimal", _("number")
    TEXT = "text", _("text")


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum")
    AVERAGE = "avg", _("average")
    NONE = "none", _("not aggregated")


class ValueSource(models.TextChoices):
    """Where a report's value comes from: typed (or uploaded) by the unit, consolidated from
    the accepted reports of the units below, or read from a platform figure."""

    TYPED = "typed", _("typed")
    CONSOLIDATED = "consolidated", _("consolidated from the units below")
    FIGURE = "figure", _("from the platform's figures")


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("due soon")
    OVERDUE = "overdue", _("overdue")


class SubmissionStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("report", "not started")
    DRAFT = "draft", pgettext_lazy("report", "draft")
    SUBMITTED = "submitted", pgettext_lazy("report", "submitted")
    RETURNED = "returned", pgettext_lazy("report", "returned for correction")
    ACCEPTED = "accepted", pgettext_lazy("report", "accepted")


class NationalSendingState(models.TextChoices):
    """A report's sending to the national reporting system: waiting (a first try, or the next
    one after a failure: ``last_error`` says why), acknowledged with the system's receipt
    number, failed (refused with its reason, or given up after the tries), or replaced by a
    correction before it was taken (the report was reopened while it waited: not tried)."""

    QUEUED = "queued", pgettext_lazy("national sending", "waiting to be sent")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("national sending", "acknowledged")
    FAILED = "failed", pgettext_lazy("national sending", "failed")
    SUPERSEDED = "superseded", pgettext_lazy("national sending", "replaced by a correction")


class AuditAction(models.TextChoices):
    REGIME_CREATED = (
        "reporting.regime_created",
        pgettext_lazy("audit action", "Reporting regime created"),
    )
    REGIME_UPDATED = (
        "reporting.regime_updated",
        pgettext_lazy("audit action", "Reporting regime changed"),
    )
    FORM_CHANGED = (
        "reporting.form_changed",
        pgettext_lazy("audit action", "Report form changed"),
    )
    REGIME_PUBLISHED = (
        "reporting.regime_published",
        pgettext_lazy("audit action", "Reporting regime published"),
    )
    REGIME_REVISED = (
        "reporting.regime_revised",
        pgettext_lazy("audit action", "New version of a reporting regime drafted"),
    )
    PERIOD_OPENED = (
        "reporting.period_opened",
        pgettext_lazy("audit action", "Reporting period opened"),
    )
    SUBMISSION_REMINDED = (
        "reporting.submission_reminded",
        pgettext_lazy("audit action", "Reporting unit reminded of a report"),
    )
    SUBMISSION_SAVED = (
        "reporting.submission_saved",
        pgettext_lazy("audit action", "Report values saved"),
    )
    SUBMISSION_PREFILLED = (
        "reporting.submission_prefilled",
        pgettext_lazy("audit action", "Report values pre-filled"),
    )
    SUBMISSION_SUBMITTED = (
        "reporting.submission_submitted",
        pgettext_lazy("audit action", "Report submitted"),
    )
    SUBMISSION_RETURNED = (
        "reporting.submission_returned",
        pgettext_lazy("audit action", "Report returned for correction"),
    )
    SUBMISSION_ACCEPTED = (
        "reporting.submission_accepted",
        pgettext_lazy("audit action", "Report accepted"),
    )
    SUBMISSION_CORRECTION_OPENED = (
        "reporting.submission_correction_opened",
        pgettext_lazy("audit action", "Accepted report reopened for correction"),
    )
    SUBMISSION_MARKED_STALE = (
        "reporting.submission_marked_stale",
        pgettext_lazy("audit action", "Consolidated report marked: the figures below changed"),
    )
    SUBMISSION_SIGNED = (
        "reporting.submission_signed",
        pgettext_lazy("audit action", "Report signed by the head of the reporting unit"),
    )
    NATIONAL_SENDING_QUEUED = (
        "reporting.national_sending_queued",
        pgettext_lazy("audit action", "Report queued for the national reporting system"),
    )
    NATIONAL_SENDING_ACKNOWLEDGED = (
        "reporting.national_sending_acknowledged",
        pgettext_lazy("audit action", "Report acknowledged by the national reporting system"),
    )
    NATIONAL_SENDING_FAILED = (
        "reporting.national_sending_failed",
        pgettext_lazy("audit action", "Report not taken by the national reporting system"),
    )
