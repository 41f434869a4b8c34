"""Crowded and long-running cases (vụ việc đông người, phức tạp, kéo dài) on the city's
five-step plan: the plan of each year, a case on it and its five milestones, each of which may
be a task of ``directives`` (ADR 0027). Kept beside ``models.py`` (imported at its end)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.complaints.choices import CrowdedStep

__all__ = ["CrowdedCase", "CrowdedMilestone", "CrowdedPlan"]


class CrowdedPlan(models.Model):
    """The city's five-step plan of one year for crowded and long-running cases (vụ việc đông
    người, phức tạp, kéo dài): the day each step is due, set by the city inspectorate; a new
    year starts from the 2019 plan's days (``services_crowded.DEFAULT_DAYS``)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    review_by = models.DateField(_("review and propose by"))
    agree_by = models.DateField(_("agree the solution by"))
    dialogue_by = models.DateField(_("dialogue by"))
    decide_by = models.DateField(_("decision by"))
    publish_by = models.DateField(_("carry out and publish by"))
    basis = models.CharField(_("basis"), max_length=300, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan document"),
        help_text=_(
            "The issued plan that assigns the milestones; with it, each case's milestones "
            "become tasks followed in the task tracker."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("five-step plan of crowded cases")
        verbose_name_plural = _("five-step plans of crowded cases")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_by__lte=models.F("agree_by"))
                & Q(agree_by__lte=models.F("dialogue_by"))
                & Q(dialogue_by__lte=models.F("decide_by"))
                & Q(decide_by__lte=models.F("publish_by")),
                name="complaints_crowded_plan_order",
            )
        ]

    def __str__(self) -> str:
        return str(self.year)

    def due(self, step: str) -> datetime.date:
        return getattr(self, f"{step}_by")


class CrowdedCase(models.Model):
    """A crowded or long-running case on the year's five-step plan, one per petition."""

    petition = models.OneToOneField(
        "complaints.Petition",
        on_delete=models.PROTECT,
        related_name="crowded",
        verbose_name=_("petition"),
    )
    plan = models.ForeignKey(
        CrowdedPlan, on_delete=models.PROTECT, related_name="cases", verbose_name=_("plan")
    )
    is_crowded = models.BooleanField(_("many people (đông người)"), default=True)
    is_long_running = models.BooleanField(_("long-running (kéo dài)"), default=False)
    people = models.PositiveIntegerField(_("number of people"), default=1)
    note = models.TextField(_("situation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("crowded or long-running case")
        verbose_name_plural = _("crowded or long-running cases")
        ordering = ["plan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_crowded=True) | Q(is_long_running=True),
                name="complaints_crowded_case_flagged",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan.year} {self.petition_id}"


class CrowdedMilestone(models.Model):
    """One of the five steps of a crowded case: its due day (the plan's, kept in step while
    not done) and the day it was done."""

    case = models.ForeignKey(CrowdedCase, on_delete=models.CASCADE, related_name="milestones")
    step = models.CharField(_("step"), max_length=10, choices=CrowdedStep.choices)
    position = models.PositiveSmallIntegerField(_("order"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("record"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    task = models.OneToOneField(
        "directives.Task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("task"),
    )

    class Meta:
        verbose_name = _("milestone of a crowded case")
        verbose_name_plural = _("milestones of crowded cases")
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "step"], name="complaints_one_milestone")
        ]
        indexes = [models.Index(fields=["due_on"], name="complaints_milestone_due")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step}"

    def is_late(self, today: datetime.date) -> bool:
        """Done after its day, or not done and its day passed."""
        if self.done_on is not None:
            return self.done_on > self.due_on
        return self.due_on < today
