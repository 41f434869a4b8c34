from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    """How a value is made from its figures (DHIS2's indicator: numerator / denominator)."""

    RATE = "rate", _("Rate (numerator / denominator, in percent)")
    SCORE = "score", _("Decision 766 points (rate scored against full marks)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Confidence(models.TextChoices):
    """How sure the definition is of its source (the domain notes' tags: confirmed from the
    official text, from a secondary source, unconfirmed)."""

    HIGH = "high", _("Confirmed from the official text")
    MEDIUM = "medium", _("From a secondary source")
    LOW = "low", _("Unconfirmed")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed, not applied")
    APPLIED = "applied", _("Applied")


class PeriodChoice(models.TextChoices):
    """The periods a dashboard is read for (``common.periods`` kinds)."""

    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class Group766(models.TextChoices):
    """The five groups of Decision 766/QĐ-TTg (2022) with their points (sum 100)."""

    TRANSPARENCY = "1", _("Publicity and transparency")
    PROGRESS = "2", _("Progress and results of settlement")
    ONLINE = "3", _("Online service provision")
    DIGITISATION = "4", _("Digitisation of dossiers")
    SATISFACTION = "5", _("Satisfaction")


GROUP_POINTS = {"1": 18, "2": 20, "3": 22, "4": 22, "5": 18}


class AuditAction(models.TextChoices):
    """Changes to the indicator library the audit trail records."""

    LIBRARY_INSTALLED = (
        "dashboards.library_installed",
        _("Indicator library installed or updated"),
    )
    TARGETS_IMPORTED = "dashboards.targets_imported", _("Indicator targets imported")
    INDICATOR_IMPORTED = (
        "dashboards.indicator_imported",
        _("Indicator definition or targets changed by an import"),
    )
    DEFINITIONS_UPLOADED = (
        "dashboards.definitions_uploaded",
        _("Indicator definitions workbook uploaded for preview"),
    )
    DEFINITIONS_IMPORTED = (
        "dashboards.definitions_imported",
        _("Indicator definitions workbook applied"),
    )
    SNAPSHOT_CLOSED = "dashboards.snapshot_closed", _("Period closed: indicator values frozen")
