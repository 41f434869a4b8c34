"""Reporting regimes (chế độ báo cáo, Decree 09/2019/NĐ-CP art. 8), their form of indicators
(biểu mẫu, chỉ tiêu), and the reports expected of each unit for each period with their values.

A regime's form is its list of indicators; what a period's reports were filled against is kept
on each value (the indicator row), so an indicator is never deleted once a report uses it
(``PROTECT``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.orgs.choices import UnitKind
from egov.reporting.choices import (
    Aggregation,
    DataType,
    DeadlineUnit,
    Frequency,
    NationalSendingState,
    RegimeKind,
    RegimeStatus,
    ReminderKind,
    SubmissionStatus,
    ValueSource,
)

AMOUNT = {"max_digits": 20, "decimal_places": 4}


class Regime(models.Model):
    """The elements of a reporting regime: name, content outline, who reports (the units of
    one kind under a unit), who receives, the frequency, the cut-off window (ending on
    ``cutoff_day`` of the last month of the period, starting the day after in the month
    before the period: 15th → 14th by default), the deadline after the cut-off (working or
    calendar days: the decree leaves it to each regime, so it is data), the sending method and
    the legal basis."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=10, choices=RegimeKind.choices, default=RegimeKind.PERIODIC
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    outline = models.TextField(_("content outline"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    reporter_kind = models.CharField(
        _("reporting units (kind)"), max_length=20, choices=UnitKind.choices
    )
    reporter_root = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("reporting units under"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    receiving_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("receiving unit"), on_delete=models.PROTECT, related_name="+"
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("cut-off day"),
        default=14,
        help_text=_("The window ends on this day of the period's last month (Decree 09: 14)."),
    )
    deadline_days = models.PositiveSmallIntegerField(_("deadline (days after the cut-off)"))
    deadline_unit = models.CharField(
        _("deadline counted in"),
        max_length=14,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
    )
    sending_method = models.CharField(
        _("sending method"), max_length=200, default="Hệ thống thông tin báo cáo"
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind (working days before the deadline)"), default=2
    )
    is_active = models.BooleanField(_("active"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RegimeStatus.choices, default=RegimeStatus.PUBLISHED
    )
    version = models.PositiveSmallIntegerField(_("form version"), default=1)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("replaces the version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting regime")
        verbose_name_plural = _("reporting regimes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cutoff_day__gte=1, cutoff_day__lte=28),
                name="reporting_cutoff_day_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """One row of the regime's form (chỉ tiêu). An indicator broken down (``breakdown``, e.g.
    by sex; DHIS2's category combination, one dimension) has one row per option right after it
    (``parent``, ``option``): each option is entered, consolidated and rolled up as an
    indicator of its own, and the total is checked against (or filled from) their sum."""

    regime = models.ForeignKey(Regime, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50, blank=True)
    data_type = models.CharField(
        _("data type"), max_length=10, choices=DataType.choices, default=DataType.DECIMAL
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=5, choices=Aggregation.choices, default=Aggregation.SUM
    )
    required = models.BooleanField(_("required"), default=True)
    min_value = models.DecimalField(_("minimum"), **AMOUNT, null=True, blank=True)
    max_value = models.DecimalField(_("maximum"), **AMOUNT, null=True, blank=True)
    source_figure = models.CharField(
        _("source figure"),
        max_length=80,
        blank=True,
        help_text=_(
            "Code of a platform figure (egov.common.figures) the value is pre-filled from, "
            "e.g. onestop.dossiers_received."
        ),
    )
    breakdown = models.CharField(
        _("breakdown"),
        max_length=100,
        blank=True,
        help_text=_("The dimension its value is broken down by, e.g. sex or age group."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("total indicator"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="options",
    )
    option = models.CharField(_("breakdown option"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["regime", "order"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "code"], name="reporting_indicator_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RegimeLevel(models.Model):
    """A consolidating level of a regime, above its reporting units: the units of
    ``unit_kind`` under the regime's root consolidate the accepted reports of the level below
    from their subtree into their own report and send it on to the next level (the last
    level to the regime's receiving unit). A regime without levels is one level: its
    reporting units send to the receiving unit. The chain commune → district → city is this
    data (order 1 = the first level above the reporting units). A level may instead name one
    unit (``unit``) that consolidates every report of the level below, wherever it sits: on the
    two-level structure a department consolidates the communes' reports for the city."""

    regime = models.ForeignKey(Regime, on_delete=models.CASCADE, related_name="levels")
    order = models.PositiveSmallIntegerField(_("order"))
    unit_kind = models.CharField(
        _("consolidating units (kind)"), max_length=20, choices=UnitKind.choices
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("consolidating unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "A named unit that consolidates every report of the level below (e.g. the "
            "Department of Finance for the communes); empty: the units of the kind above each."
        ),
    )
    deadline_days = models.PositiveSmallIntegerField(_("deadline (days after the cut-off)"))

    class Meta:
        verbose_name = _("consolidation level")
        verbose_name_plural = _("consolidation levels")
        ordering = ["regime", "order"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "order"], name="reporting_level_order"),
        ]

    def __str__(self) -> str:
        return f"{self.regime_id}/{self.order} {self.unit_kind}"


class Submission(models.Model):
    """The report expected of ``unit`` for one period of a regime, from the moment the period
    is opened; ``first_submitted_at`` decides timeliness (a report returned and sent again
    stays as timely as its first sending)."""

    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), default=0, help_text=_("0: a reporting unit; n: the n-th consolidation level.")
    )
    receiver = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("receiving unit"), on_delete=models.PROTECT, related_name="+"
    )
    period_first = models.DateField(_("period from"))
    period_last = models.DateField(_("period to"))
    cutoff_first = models.DateField(_("cut-off from"))
    cutoff_last = models.DateField(_("cut-off to"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.NOT_STARTED,
    )
    narrative = models.TextField(_("narrative"), blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    times_submitted = models.PositiveSmallIntegerField(_("times submitted"), default=0)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consolidated_at = models.DateTimeField(
        _("consolidated at"),
        null=True,
        blank=True,
        help_text=_("When a consolidating level's report last took the accepted reports below."),
    )
    stale_since = models.DateTimeField(
        _("figures below changed since"),
        null=True,
        blank=True,
        help_text=_(
            "Set when a report below whose numbers this consolidation used is reopened for "
            "correction (or accepted again corrected); cleared when consolidated again."
        ),
    )
    stale_because = models.ForeignKey(
        "self",
        verbose_name=_("changed report below"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["regime", "-period_first", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "unit", "period_first"], name="reporting_one_per_period"
            ),
        ]
        indexes = [models.Index(fields=["regime", "period_first", "status"])]

    def __str__(self) -> str:
        return f"{self.regime.name} {self.period_first:%m/%Y}"


class SubmissionVersion(models.Model):
    """An accepted version of a report, kept when the report is reopened for correction (the
    issue's "a correction after acceptance is a new version with both kept"): its values as
    they were accepted (code → number or text, and the note), its narrative, the document it
    was sent as, when it was sent and accepted, and why it is being corrected."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    values = models.JSONField(_("values"), default=list)
    narrative = models.TextField(_("narrative"), blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    reason = models.TextField(_("reason for correction"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reopened_at = models.DateTimeField(_("reopened at"))

    class Meta:
        verbose_name = _("accepted version of a report")
        verbose_name_plural = _("accepted versions of reports")
        ordering = ["submission", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="reporting_one_version_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} v{self.number}"


class Value(models.Model):
    """One indicator's value in one report."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    number = models.DecimalField(_("value"), **AMOUNT, null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    source = models.CharField(
        _("source"), max_length=12, choices=ValueSource.choices, default=ValueSource.TYPED
    )
    prefilled = models.DecimalField(_("pre-filled value"), **AMOUNT, null=True, blank=True)
    note = models.TextField(_("note on the change"), blank=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="reporting_one_value"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.number if self.number is not None else self.text}"


class ValueTotal(models.Model):
    """The running total of one indicator over the sent reports (submitted or accepted) of
    one level of a regime for one period: the sum of their numbers and how many there are
    (an average is ``total / units``). Kept by ``totals.py`` as reports are sent and returned,
    so the city's consolidated table reads 200 rows instead of 120,000 values; equal to the
    raw sums (``totals_rebuild``, the property test)."""

    regime = models.ForeignKey(Regime, on_delete=models.CASCADE, related_name="+")
    period_first = models.DateField(_("period from"))
    level = models.PositiveSmallIntegerField(_("level"))
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(_("total"), max_digits=28, decimal_places=4, default=0)
    # Not positive-checked: a report returned is taken away by inserting -1 on conflict,
    # and a CHECK would refuse that proposed row before the conflict is seen.
    units = models.IntegerField(_("units"), default=0)

    class Meta:
        verbose_name = _("indicator total")
        verbose_name_plural = _("indicator totals")
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "period_first", "level", "indicator"],
                name="reporting_one_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_first} {self.total}/{self.units}"


class Reminder(models.Model):
    """A reminder sent to a reporting unit about one report: before its deadline or once it
    is overdue; one per report and kind, so the daily run never sends twice."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=8, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(fields=["submission", "kind"], name="reporting_one_reminder"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.kind}"


class NationalSending(models.Model):
    """One sending of an accepted report to the national reporting system (the city's reports:
    those its receiving unit accepted), kept until the system acknowledges it with its receipt
    number or refuses it. The message is kept as sent; every try carries ``idempotency_key``
    (a sending whose answer was lost is recorded there once). Sending again after a failure is
    a new row; so is a corrected version accepted again (``corrects`` the acknowledged sending
    it replaces). At most one sending of a report waits at a time."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="national_sendings"
    )
    message = models.JSONField(_("message"), default=dict)
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=NationalSendingState.choices,
        default=NationalSendingState.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    last_error = models.CharField(_("reason"), max_length=300, blank=True)
    receipt = models.CharField(_("receipt number"), max_length=60, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects the sending"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The acknowledged sending of an earlier version this correction replaces."),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sending to the national reporting system")
        verbose_name_plural = _("sendings to the national reporting system")
        ordering = ["submission", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="reporting_natl_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["submission"],
                condition=models.Q(state=NationalSendingState.QUEUED),
                name="reporting_one_waiting_sending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.state}"
