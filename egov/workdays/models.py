"""Tables of the working-day calendar: adjustments to the ``holidays`` package and the revisions
that version the calendar. Rows change only through :mod:`egov.workdays.services`."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from egov.workdays.choices import AdjustmentKind, Confidence
from egov.workdays.rules import FIRST_YEAR, LAST_YEAR


class CalendarAdjustmentQuerySet(models.QuerySet):
    def in_year(self, year: int) -> CalendarAdjustmentQuerySet:
        return self.filter(on__year=year)


class CalendarAdjustment(models.Model):
    """A day the public-sector calendar treats differently from the ``holidays`` package.

    Mostly make-up Saturdays (ngày làm bù) of announced swaps, which the package does not return
    as working days, and swaps the package does not know yet. The swaps are decided each year
    by the Prime Minister and announced by the ministry in charge of labour (e.g. Announcement
    6150/TB-BLĐTBXH for 2025); ``source`` names the text and ``confidence`` how sure we are.
    """

    on = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AdjustmentKind.choices)
    swapped_with = models.DateField(
        _("swapped with"),
        null=True,
        blank=True,
        help_text=_(
            "The other day of the swap: the weekday a make-up Saturday repays, or the "
            "Saturday worked for an extra day off."
        ),
    )
    description = models.CharField(_("description"), max_length=200)
    source = models.TextField(
        _("source"),
        help_text=_("The announcement or text this comes from, with its number and date."),
    )
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CalendarAdjustmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar adjustment")
        verbose_name_plural = _("calendar adjustments")
        ordering = ["on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(swapped_with__isnull=True) | ~Q(swapped_with=F("on")),
                name="workdays_adjustment_swap_with_other_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.get_kind_display()}"

    def clean(self) -> None:
        """Checks on the row's own columns; the admin form shows them next to the fields."""
        errors = {}
        if self.on and not FIRST_YEAR <= self.on.year <= LAST_YEAR:
            errors["on"] = _("The calendar covers the years %(first)s to %(last)s.") % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
        elif self.on and self.kind == AdjustmentKind.EXTRA_DAY_OFF and self.on.weekday() >= 5:
            errors["kind"] = _("Saturdays and Sundays are already days off.")
        if self.swapped_with and self.swapped_with == self.on:
            errors["swapped_with"] = _("A day cannot be swapped with itself.")
        if errors:
            raise ValidationError(errors)


class CalendarRevision(models.Model):
    """The single counter row (pk 1) of the calendar version: bumped, under a row lock, by every
    service that changes an adjustment, in the same transaction.

    ``token`` is new at every bump, so a revision number reused after a rolled-back transaction
    can never be mistaken for the committed one by a cache.
    """

    number = models.PositiveIntegerField(_("revision"), default=0)
    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar revision")
        verbose_name_plural = _("calendar revision")

    def __str__(self) -> str:
        return f"r{self.number}"


class CalendarSnapshot(models.Model):
    """The adjustments as they were at one revision, never changed afterwards: deadlines can be
    recomputed with the data of the version they were stored with."""

    number = models.PositiveIntegerField(_("revision"), unique=True)
    token = models.UUIDField()
    adjustments = models.JSONField(_("adjustments"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar snapshot")
        verbose_name_plural = _("calendar snapshots")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"r{self.number}"
