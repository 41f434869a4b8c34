"""The roll-up of petitions and visits per unit and day, month and year, so the figures of
any period read a few rows per unit instead of every case (ADR 0007's shape; periods from
:func:`egov.common.periods.period_cover`). Kept beside ``models.py`` (imported at its end).

Derived data, written only by :mod:`egov.complaints.services_rollup`: each service that
registers, classifies or settles a petition, or records a visit, adds its counts in its own
transaction; ``rollup_rebuild`` (``egov complaints_rollup_rebuild``) recomputes every row from
the raw rows. A test checks both against counting the raw rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["PetitionFigure"]


class PetitionFigure(models.Model):
    """What happened to the petitions of ``unit`` (the receiving unit) on one day, month or
    year (``grain``, ``start`` its first day), per channel and kind (blank while not yet
    classified):

    - ``received``: registered, on the local day of receipt (moved to its kind when
      classified);
    - ``accepted``: accepted for settlement (thụ lý), on the day of acceptance;
    - ``settled`` / ``settled_on_time``: settled with a decision or conclusion, on its day; on
      time when no later than the settlement time limit in force;
    - ``found_right`` / ``found_partly`` / ``found_wrong``: the finding of those settled;
    - ``receptions``: visits in the reception book (rows with blank channel and kind).
    """

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    grain = models.CharField(_("grain"), max_length=5)
    start = models.DateField(_("first day"))
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    kind = models.CharField(_("kind"), max_length=12, blank=True)
    received = models.PositiveIntegerField(_("received"), default=0)
    accepted = models.PositiveIntegerField(_("accepted"), default=0)
    settled = models.PositiveIntegerField(_("settled"), default=0)
    settled_on_time = models.PositiveIntegerField(_("settled on time"), default=0)
    found_right = models.PositiveIntegerField(_("found right"), default=0)
    found_partly = models.PositiveIntegerField(_("found partly right"), default=0)
    found_wrong = models.PositiveIntegerField(_("found wrong"), default=0)
    receptions = models.PositiveIntegerField(_("citizen visits"), default=0)

    class Meta:
        verbose_name = _("petition figure")
        verbose_name_plural = _("petition figures")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "grain", "start", "channel", "kind"],
                name="complaints_figure_unique",
            ),
        ]
        indexes = [models.Index(fields=["grain", "start"], name="complaints_figure_start")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.grain} {self.start} {self.channel} {self.kind}"
