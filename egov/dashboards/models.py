"""The indicator library (DHIS2's indicator model: numerator and denominator figures, targets,
legends), versioned as a set so a changed method never rewrites what an earlier set said.

Figures are named by code (``egov.common.figures``): a code no installed app gives yet is kept
as it is and shown as "no data source yet", never as zero.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from egov.dashboards.choices import (
    Confidence,
    Direction,
    Group766,
    ImportStatus,
    IndicatorKind,
    PeriodChoice,
)
from egov.orgs.choices import Level
from egov.orgs.models import OrgUnit


class Legend(models.Model):
    """A set of colour bands (DHIS2 legend set). With ``relative_to_target`` the bounds are
    percentages of the target reached (100 = on target), else values of the indicator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    relative_to_target = models.BooleanField(_("bounds relative to the target"), default=False)

    class Meta:
        verbose_name = _("legend")
        verbose_name_plural = _("legends")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class LegendBand(models.Model):
    """One band: values from ``lower`` (included) up to the next band's lower bound."""

    legend = models.ForeignKey(Legend, on_delete=models.CASCADE, related_name="bands")
    lower = models.DecimalField(_("from"), max_digits=7, decimal_places=2)
    label = models.CharField(_("label"), max_length=60)
    colour = models.CharField(_("colour"), max_length=7, help_text=_("#rrggbb"))

    class Meta:
        verbose_name = _("band")
        verbose_name_plural = _("bands")
        ordering = ["legend", "-lower"]
        constraints = [
            models.UniqueConstraint(fields=["legend", "lower"], name="dashboards_band_lower"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.lower}"


class IndicatorSet(models.Model):
    """A version of the indicator set in force from ``valid_from`` (the method changes without
    a new decision: shared/domain next-modules f.1)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    score_legend = models.ForeignKey(
        Legend,
        verbose_name=_("legend of the 766 total"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """One indicator of a set: a rate of two figures, or (Decision 766) the points a rate earns:
    ``points × min(1, rate / full_at)``; the group sums its components."""

    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=300)
    source = models.CharField(_("set by"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices)
    numerator = models.CharField(_("numerator figure"), max_length=80)
    denominator = models.CharField(_("denominator figure"), max_length=80)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=20, default="%")
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    group = models.CharField(_("766 group"), max_length=1, choices=Group766.choices, blank=True)
    points = models.DecimalField(
        _("full points"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    full_at = models.DecimalField(
        _("full points at (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    full_when_empty = models.BooleanField(
        _("full points when nothing to count"),
        default=False,
        help_text=_("Decision 766 gives full points to a feedback indicator with no feedback."),
    )
    legend = models.ForeignKey(
        Legend, verbose_name=_("legend"), on_delete=models.PROTECT, null=True, blank=True
    )
    note = models.TextField(_("how it is measured"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["indicator_set", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_set", "code"], name="dashboards_indicator_code"
            ),
            models.CheckConstraint(
                condition=~Q(kind="score") | (Q(points__isnull=False) & ~Q(group="")),
                name="dashboards_score_has_points",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class TargetQuerySet(models.QuerySet):
    def in_use(self) -> TargetQuerySet:
        """The rows that still say a period's target (not replaced by a later import)."""
        return self.filter(superseded_at__isnull=True)


class Target(models.Model):
    """The target of an indicator for periods ending in ``valid_from``..``valid_to``, for units
    acting at ``level`` (blank: every level); a level's own row wins over the blank one.

    Versioned: a new target from a day on shortens the row in force before that day (periods
    before the change keep the old target) and marks the rows it wholly covers as superseded,
    kept for the history, never deleted."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    value = models.DecimalField(_("target"), max_digits=7, decimal_places=2)
    source = models.CharField(_("set by"), max_length=300, blank=True)
    superseded_at = models.DateTimeField(_("superseded on"), null=True, blank=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "valid_from", "level"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.level or '*'} {self.valid_from}: {self.value}"


class Snapshot(models.Model):
    """A closed period: every unit's indicator values frozen with the definitions in force
    (targets, bands) when it closed. A later correction of the data shows beside the frozen
    value on the dashboard, never in its place."""

    indicator_set = models.ForeignKey(
        IndicatorSet, verbose_name=_("indicator set"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("period"), max_length=10, choices=PeriodChoice.choices)
    first = models.DateField(_("from"))
    last = models.DateField(_("until"))
    closed_at = models.DateTimeField(pgettext_lazy("snapshot", "closed on"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        ordering = ["-first", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "first"], name="dashboards_snapshot_period")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.first:%d/%m/%Y}–{self.last:%d/%m/%Y}"


class SnapshotValue(models.Model):
    """One indicator's frozen value for one unit (its subtree) in a closed period."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    indicator_code = models.SlugField(max_length=40)
    available = models.BooleanField(default=True)
    numerator = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    share = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    target = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    band_lower = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    band_label = models.CharField(max_length=60, blank=True)
    band_colour = models.CharField(max_length=7, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "unit", "indicator_code"], name="dashboards_snapshot_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.unit_id}: {self.value}"


class DefinitionImport(models.Model):
    """An uploaded workbook of indicator definitions and targets: read and checked at upload
    (the preview), applied later in one transaction. ``rows`` keeps the checked rows (the
    workbook itself is not kept); ``outcome`` what applying changed."""

    indicator_set = models.ForeignKey(
        IndicatorSet, verbose_name=_("indicator set"), on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    rows = models.JSONField(default=dict)
    errors = models.JSONField(default=list)
    applied_at = models.DateTimeField(_("applied on"), null=True, blank=True)
    outcome = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("indicator definitions import")
        verbose_name_plural = _("indicator definitions imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
