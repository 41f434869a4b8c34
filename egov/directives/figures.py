"""The task figures the dashboards read (``egov.common.figures``), per lead unit and period:
tasks with one deadline falling in the period, those done by it, and those overdue (done after
it, or not done and past it). Recurring tasks are graded by their reports on the scoreboard
and are not counted here."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, figures_register, unit_filter
from egov.directives.choices import Recurrence
from egov.directives.models import Task


def _due(first: datetime.date, last: datetime.date, unit_ids):
    return Task.objects.filter(
        recurrence=Recurrence.NONE,
        deadline_on__range=(first, last),
        **unit_filter("lead_unit_id", unit_ids),
    )


def _by_unit(qs, condition: Q | None = None) -> dict[int, int]:
    rows = qs.values("lead_unit_id").annotate(n=Count("pk", filter=condition)).order_by()
    return {row["lead_unit_id"]: row["n"] for row in rows if row["n"]}


def tasks_due(*, first, last, unit_ids):
    return _by_unit(_due(first, last, unit_ids))


def tasks_done_on_time(*, first, last, unit_ids):
    return _by_unit(_due(first, last, unit_ids), Q(done_on__lte=F("deadline_on")))


def tasks_overdue(*, first, last, unit_ids):
    today = timezone.localdate()
    late = Q(done_on__gt=F("deadline_on")) | Q(done_on__isnull=True, deadline_on__lt=today)
    return _by_unit(_due(first, last, unit_ids), late)


FIGURES = (
    Figure(
        "directives.tasks_due",
        _("Tasks due"),
        _("Tasks (one deadline) whose deadline falls in the period, by lead unit."),
        Measure.COUNT,
        tasks_due,
    ),
    Figure(
        "directives.tasks_done_on_time",
        _("Tasks done on time"),
        _("Tasks due in the period that were done on or before their deadline."),
        Measure.COUNT,
        tasks_done_on_time,
    ),
    Figure(
        "directives.tasks_overdue",
        _("Tasks overdue"),
        _("Tasks due in the period done after their deadline, or not done and past it."),
        Measure.COUNT,
        tasks_overdue,
    ),
)


def register() -> None:
    figures_register(*FIGURES)
