"""The lists behind the scoreboard's numbers (the tallies with their tasks or reports), the
documents to choose from, and the roll-up's status. Scoped like the scoreboard itself."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.http import Http404

from egov.directives.models import ReportTally, ScoreboardState, TaskTally
from egov.directives.scoreboard.choices import (
    IDLE_OUTCOMES,
    OPEN_OUTCOMES,
    RECURRING_OUTCOMES,
    STARTED_OUTCOMES,
    ReportOutcome,
    TaskOutcome,
)
from egov.directives.scoreboard.selectors import (
    MAX_DOCUMENTS,
    TASK_MEASURES,
    ScoreFilters,
    documents_q,
    scope_q,
    scoreboard_reach,
)
from egov.documents.models import Document
from egov.orgs.access import Reach
from egov.orgs.models import OrgUnit
from egov.workdays.selectors import work_calendar_get

MEASURE_FILTERS = {
    "assigned": lambda today: Q(),
    "done_on_time": lambda today: Q(outcome=TaskOutcome.DONE_ON_TIME),
    "done_late": lambda today: Q(outcome=TaskOutcome.DONE_LATE),
    "overdue": lambda today: Q(outcome__in=OPEN_OUTCOMES, overdue_after__lt=today),
    "not_reported": lambda today: Q(outcome__in=RECURRING_OUTCOMES, overdue_after__lt=today),
    "in_progress_on_time": lambda today: Q(outcome__in=STARTED_OUTCOMES, overdue_after__gte=today),
    "not_yet_due": lambda today: Q(outcome__in=IDLE_OUTCOMES, overdue_after__gte=today),
    "reports_due": lambda today: Q(),
    "reports_on_time": lambda today: Q(outcome=ReportOutcome.SENT_ON_TIME),
    "reports_late": lambda today: Q(outcome=ReportOutcome.SENT_LATE),
    "reports_not_sent": lambda today: Q(outcome=ReportOutcome.NOT_SENT, overdue_after__lt=today),
    "reports_pending": lambda today: Q(outcome=ReportOutcome.NOT_SENT, overdue_after__gte=today),
}


def scoreboard_items(
    *,
    user: object,
    filters: ScoreFilters,
    measure: str,
    unit: OrgUnit | None = None,
    reach: Reach | None = None,
) -> QuerySet:
    """The tasks (``TaskTally`` rows with their task) or reports (``ReportTally`` rows with
    their report and task) behind one number: of one unit's row (``unit``) or of the total.
    An unknown measure, or a unit out of reach or outside ``filters.unit``, is a 404."""
    if measure not in MEASURE_FILTERS:
        raise Http404
    reach = reach or scoreboard_reach(user)
    scope = scope_q(reach, filters)
    if unit is not None:
        inside = filters.unit is None or unit.path.startswith(filters.unit.path)
        if not (reach.covers(unit) and inside):
            raise Http404
        scope &= Q(unit=unit)
    where = (
        scope
        & documents_q(filters)
        & MEASURE_FILTERS[measure](filters.today)
        & Q(day__gte=filters.period_from, day__lte=filters.period_to)
    )
    if measure in TASK_MEASURES:
        return (
            TaskTally.objects.filter(where)
            .select_related("task", "unit", "document")
            .order_by(
                F("task__deadline_on").asc(nulls_last=True),
                "day",
                "document_id",
                "task__order",
                "pk",
            )
        )
    return (
        ReportTally.objects.filter(where)
        .select_related("report", "task", "unit", "document")
        .order_by("day", "unit__path", "document_id", "pk")
    )


def scoreboard_documents(
    *,
    user: object,
    period_from: datetime.date,
    period_to: datetime.date,
    reach: Reach | None = None,
) -> QuerySet[Document]:
    """The documents assigning tasks, within the period, to units the user may see: the
    choices of the document filter (the latest :data:`MAX_DOCUMENTS`)."""
    reach = reach or scoreboard_reach(user)
    if reach.is_empty:
        return Document.objects.none()
    tallies = TaskTally.objects.filter(reach.q("unit"), day__gte=period_from, day__lte=period_to)
    latest = (
        Document.objects.filter(pk__in=tallies.values("document_id"))
        .order_by("-issued_on", "-pk")
        .values("pk")[:MAX_DOCUMENTS]
    )
    return Document.objects.filter(pk__in=latest).order_by("-issued_on", "-pk")


@dataclass(frozen=True)
class ScoreboardStatus:
    """When the roll-up was last refreshed and settled, and whether the working-day calendar
    changed since the effective deadlines were computed (then ``egov scoreboard_rebuild`` is
    due)."""

    refreshed_at: datetime.datetime | None
    settled_on: datetime.date | None
    calendar_changed: bool


def scoreboard_status() -> ScoreboardStatus:
    state = ScoreboardState.objects.filter(pk=1).first()
    if state is None:
        return ScoreboardStatus(None, None, calendar_changed=False)
    current = work_calendar_get().version
    changed = bool(state.calendar_version) and state.calendar_version != current
    return ScoreboardStatus(state.refreshed_at, state.settled_on, calendar_changed=changed)
