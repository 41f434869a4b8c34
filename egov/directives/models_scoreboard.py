"""Roll-ups of the task scoreboard, so the scoreboard never scans every task, and the counter
that numbers press releases. Kept beside ``models.py`` (imported at its end).

Counter columns of :class:`ScoreboardFigure` are named after
:data:`egov.directives.scoreboard.choices.COUNTERS`.

Two levels, both derived data written only by :mod:`egov.directives.scoreboard.services`:

- a *tally* per task (:class:`TaskTally`) and per report (:class:`ReportTally`): the bucket the
  row falls in — unit, period day, an outcome that does not depend on today, and the day after
  which it counts as overdue (the deadline in force, moved to the next working day when it falls
  on a day off). "Overdue as of today" is then ``outcome open and overdue_after < today``: an
  open task becomes overdue without any event, yet no row has to change;
- :class:`ScoreboardFigure`: the tallies counted per unit over one day, dekad, month, quarter
  or year of the period day, one counter per outcome in one row. Any period is covered by whole
  years, quarters, months and dekads and single days
  (:func:`egov.common.periods.period_cover`), so a five-year scoreboard reads a few
  dozen rows per unit at most.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.directives.scoreboard.choices import Grain, ReportOutcome, TaskOutcome
from egov.directives.scoreboard.rules import NEVER

__all__ = [
    "ReportTally",
    "ScoreboardFigure",
    "ScoreboardState",
    "TaskTally",
]


class TaskTally(models.Model):
    """The scoreboard bucket of one task (Decision 42/2014/QĐ-TTg as amended by 23/2018/QĐ-TTg:
    tasks done on time / late, not done within the deadline / overdue). The period day of a
    task is the day it was assigned; ``overdue_after`` is its effective deadline while open."""

    task = models.OneToOneField(
        "directives.Task",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("assigned on"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=TaskOutcome.choices)
    overdue_after = models.DateField(_("overdue after"), default=NEVER)

    class Meta:
        verbose_name = _("task tally")
        verbose_name_plural = _("task tallies")
        indexes = [
            models.Index(fields=["unit", "day"], name="directives_tasktally_unit"),
            models.Index(fields=["document", "day"], name="directives_tasktally_doc"),
            models.Index(fields=["overdue_after"], name="directives_tasktally_due"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.outcome}"


class ReportTally(models.Model):
    """The scoreboard bucket of one report of a unit on a task: the period day is the day it is
    due (as set on the report); sent on time or late is judged against the effective due day."""

    report = models.OneToOneField(
        "directives.TaskReport",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    task = models.ForeignKey(
        "directives.Task", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("report due"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReportOutcome.choices)
    overdue_after = models.DateField(_("overdue after"), default=NEVER)

    class Meta:
        verbose_name = _("report tally")
        verbose_name_plural = _("report tallies")
        indexes = [
            models.Index(fields=["unit", "day"], name="directives_reporttally_unit"),
            models.Index(fields=["document", "day"], name="directives_reporttally_doc"),
            models.Index(fields=["task"], name="directives_reporttally_task"),
            models.Index(fields=["overdue_after"], name="directives_reporttally_due"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.outcome}"


def _counter(label: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, default=0)


class ScoreboardFigure(models.Model):
    """The tallies of ``unit`` whose period day lies in the day, dekad, month, quarter or year
    (``grain``) starting on ``start``: tasks by the day they were assigned, reports by the day
    they are due. One counter per outcome; for outcomes that can be late, ``<outcome>`` counts
    those not late when last counted and ``<outcome>_late`` those already late (overdue-after
    day settled into the past). Deadlines passed since the last settling are moved at read time
    (see the selectors), so the numbers are exact whatever the day."""

    grain = models.CharField(_("grain"), max_length=7, choices=Grain.choices)
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("first day"))
    done_on_time = _counter(_("done on time"))
    done_late = _counter(_("done late"))
    open_started = _counter(_("open with progress"))
    open_idle = _counter(_("open without progress"))
    recur_start = _counter(_("recurring, a report sent"))
    recur_idle = _counter(_("recurring, no report sent"))
    open_started_late = _counter(_("overdue with progress"))
    open_idle_late = _counter(_("overdue without progress"))
    recur_start_late = _counter(_("recurring, report missing, a report sent"))
    recur_idle_late = _counter(_("recurring, report missing, none sent"))
    sent_on_time = _counter(_("reports sent on time"))
    sent_late = _counter(_("reports sent late"))
    not_sent = _counter(_("reports not sent, not yet due"))
    not_sent_late = _counter(_("reports not sent, overdue"))

    class Meta:
        verbose_name = _("scoreboard figure")
        verbose_name_plural = _("scoreboard figures")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "unit", "start"], name="directives_unique_figure"
            ),
        ]
        indexes = [models.Index(fields=["grain", "start"], name="directives_figure_start")]

    def __str__(self) -> str:
        return f"{self.grain} {self.start} {self.unit_id}"


class ScoreboardState(models.Model):
    """The one row that serialises refreshes (locked first by each), records the calendar
    version the effective deadlines were computed with (when the working-day calendar changes,
    ``egov scoreboard_rebuild`` recomputes them) and the day up to which passed overdue-after
    days are settled into one (``egov scoreboard_settle``, daily)."""

    refreshed_at = models.DateTimeField(_("refreshed at"), null=True, blank=True)
    rebuilt_at = models.DateTimeField(_("rebuilt at"), null=True, blank=True)
    calendar_version = models.CharField(_("calendar version"), max_length=60, blank=True)
    settled_on = models.DateField(
        _("settled on"),
        null=True,
        blank=True,
        help_text=_("Overdue-after days before this day are stored as one past day."),
    )

    class Meta:
        verbose_name = _("scoreboard state")
        verbose_name_plural = _("scoreboard state")

    def __str__(self) -> str:
        return f"scoreboard {self.calendar_version}"
