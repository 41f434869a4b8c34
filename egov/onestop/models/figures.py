"""Roll-ups of the one-stop figures the city watches, so the figures page never scans dossiers.

One :class:`DossierDayFigure` row holds what happened on one local day (Asia/Ho_Chi_Minh) to
the dossiers of one unit, channel and procedure level. Rows are derived data: they are replaced
day by day by :func:`egov.onestop.services.figures.figures_refresh_day` from indexed range
queries on the dossier tables, never edited by hand. Point-in-time figures (in progress, overdue,
waiting for completion) are not stored: see :mod:`egov.onestop.selectors.figures`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.onestop.choices import Channel, FigureGrain, Level


class DossierDayFigure(models.Model):
    """What happened on ``day`` to the dossiers of ``unit`` (the competent authority, or the
    receiving desk while none is set), one ``channel`` and one procedure level.

    Counted on the day of each event (Circular 01/2018/TT-VPCP art. 13–15 evaluates handling
    per dossier and aggregates per period):

    - ``received``: valid receipt (``Dossier.received_at``);
    - ``closed``: a received dossier left processing (``finished_at``), used for the carried-over
      count (received before a period and still open at its start);
    - ``finished_*``: a result was produced (status result ready or returned), graded early /
      on time / late;
    - ``refused``: a refusal form was issued (Form 03, or refusal after appraisal);
    - ``returned``: the result was handed back (``returned_at``);
    - ``rating_*``: satisfaction ratings given that day (count and sum of scores).

    ``grain`` month and year rows hold the sums of the day rows of that month or year (``day``
    is its first day), kept with them by the refresh, so a long period reads few rows.
    """

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    grain = models.CharField(
        _("grain"), max_length=5, choices=FigureGrain.choices, default=FigureGrain.DAY
    )
    day = models.DateField(_("day"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    procedure_level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    received = models.PositiveIntegerField(_("received"), default=0)
    closed = models.PositiveIntegerField(_("left processing"), default=0)
    finished_early = models.PositiveIntegerField(_("finished early"), default=0)
    finished_on_time = models.PositiveIntegerField(_("finished on time"), default=0)
    finished_late = models.PositiveIntegerField(_("finished late"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    returned = models.PositiveIntegerField(_("results returned"), default=0)
    rating_count = models.PositiveIntegerField(_("ratings"), default=0)
    rating_sum = models.PositiveIntegerField(_("sum of rating scores"), default=0)

    class Meta:
        verbose_name = _("daily dossier figure")
        verbose_name_plural = _("daily dossier figures")
        ordering = ["day", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "grain", "day", "channel", "procedure_level"],
                name="onestop_unique_figure",
            ),
        ]
        indexes = [
            models.Index(fields=["day"], name="onestop_figure_day"),
            models.Index(fields=["grain", "day"], name="onestop_figure_grain_day"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.grain} {self.day} {self.channel} {self.procedure_level}"


class DossierMonthOpen(models.Model):
    """The dossiers of ``unit``, ``channel`` and procedure level received before ``month`` (its
    first day) and not left processing before it: the carried-over count at that month start,
    the sum of ``received - closed`` over the roll-up's month rows before ``month``.

    Derived from :class:`DossierDayFigure` and kept with it by the same refresh
    (:func:`egov.onestop.services.figures.month_open_refresh`), so the carried-over count of any
    period reads one row per unit, channel and level instead of the whole history. Keys whose
    count is zero have no row; a month absent from the table is read from an earlier one.
    """

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("month"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    procedure_level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    open_count = models.IntegerField(_("open at the month start"))

    class Meta:
        verbose_name = _("open dossiers at a month start")
        verbose_name_plural = _("open dossiers at month starts")
        ordering = ["month", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "unit", "channel", "procedure_level"],
                name="onestop_unique_month_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month} {self.channel} {self.procedure_level}"


class DossierProcedureFigure(models.Model):
    """The dossiers of ``unit`` (the competent authority, or the receiving desk while none is
    set) and ``procedure`` received in the month or year (``grain``) starting on ``day`` (local
    days, Asia/Ho_Chi_Minh): how many, and how many of them meet each condition the
    distinct-procedure figures count on
    (:data:`egov.onestop.services.figures.PROCEDURE_COUNTS`). A pair (unit, procedure) counts
    for a period when its rows over the period add up above zero, so the figures "how many
    procedures each unit served (online, for businesses…)" read one row per pair and year or
    month instead of every dossier. A year row holds the sums of its month rows. Keys with no
    dossier have no row.

    Derived data, kept by the figures refresh with :class:`DossierDayFigure`
    (:func:`egov.onestop.services.figures.procedure_figures_write`), never edited by hand.
    """

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    grain = models.CharField(_("grain"), max_length=5, choices=FigureGrain.choices)
    day = models.DateField(_("day"))
    procedure = models.ForeignKey(
        "onestop.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    received = models.PositiveIntegerField(_("received"), default=0)
    online = models.PositiveIntegerField(_("received online"), default=0)
    online_business = models.PositiveIntegerField(_("received online from businesses"), default=0)
    business_registry = models.PositiveIntegerField(
        _("filled from the national business registry"), default=0
    )
    signed_remote = models.PositiveIntegerField(_("signed from a phone"), default=0)

    class Meta:
        verbose_name = _("dossiers of a procedure in a period")
        verbose_name_plural = _("dossiers of procedures in periods")
        ordering = ["day", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "day", "unit", "procedure"],
                name="onestop_unique_procedure_figure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.grain} {self.day} {self.procedure_id}"


class FigureDayRefresh(models.Model):
    """When a day's figures were last recomputed. The row is also the lock that serialises two
    refreshes of the same day."""

    day = models.DateField(_("day"), unique=True)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("figures refresh")
        verbose_name_plural = _("figures refreshes")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.refreshed_at.isoformat()}"
