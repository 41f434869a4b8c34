"""The scoreboard per unit for a period and a set of documents, scoped to the officer (the
lists behind each number are in :mod:`egov.directives.scoreboard.lists`).

Who sees what (as for the one-stop figures): a head of unit or of division sees their unit and,
when the role covers the units below it, its whole subtree; the city office (head over the
city's subtree) sees every unit. Each row counts the tasks a unit leads (chủ trì) and the
reports it owes as their lead unit (one per reporting period); a task split for the units
below counts once at each level. States are those of the task pages
(:func:`egov.directives.selectors.task_state_of`): a one-deadline task open after its deadline
is overdue; a recurring task with a report missing is not reported.

The period selects tasks by the day they were assigned and reports by the day they are due.
Done on time / late is final; overdue, in progress on time and not yet due are as of
``today`` (never before the day the roll-up was last settled). Without a document filter the
numbers are sums of the roll-up rows covering the period (years, quarters, months, dekads,
single days: a constant number of queries and a few dozen rows per unit for any period); with
documents chosen they are counted from the per-task tallies of those documents. Both equal
counting the tasks with the rules (property test).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from egov.common.periods import period_cover
from egov.directives.models import ReportTally, ScoreboardFigure, ScoreboardState, TaskTally
from egov.directives.scoreboard.choices import (
    COUNTERS,
    GRAINS,
    LATE_OUTCOMES,
    ReportOutcome,
    Subject,
    TaskOutcome,
)
from egov.directives.scoreboard.rules import PAST
from egov.orgs.access import Reach, reach_of
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit

SCOREBOARD_ROLES = (Role.UNIT_HEAD, Role.DIVISION_HEAD)
TASK_MEASURES = (
    "assigned",
    "done_on_time",
    "done_late",
    "overdue",
    "not_reported",
    "in_progress_on_time",
    "not_yet_due",
)
REPORT_MEASURES = (
    "reports_due",
    "reports_on_time",
    "reports_late",
    "reports_not_sent",
    "reports_pending",
)
MEASURES = TASK_MEASURES + REPORT_MEASURES
MAX_DOCUMENTS = 200


@dataclass(frozen=True)
class ScoreFilters:
    """What to count: a period (both days included), optionally some documents or one
    document type, and a unit whose subtree to show (default: everything within reach)."""

    period_from: datetime.date
    period_to: datetime.date
    today: datetime.date
    documents: tuple[int, ...] = ()
    doc_type: int | None = None
    unit: OrgUnit | None = None

    @property
    def by_document(self) -> bool:
        return bool(self.documents) or self.doc_type is not None


NAMED_WITH_PARENT = ("division", "one_stop_desk")


def unit_label(unit: OrgUnit) -> str:
    """The unit's name; a division or desk (names repeated in every district) with its
    parent's (the parent must be loaded)."""
    if unit.kind in NAMED_WITH_PARENT and unit.parent_id:
        return f"{unit.name} ({unit.parent.name})"
    return unit.name


@dataclass(frozen=True)
class UnitRef:
    """What a row shows of its unit (read in one light query, not as model objects)."""

    pk: int
    name: str
    path: str
    kind: str
    parent_name: str | None

    @property
    def label(self) -> str:
        if self.kind in NAMED_WITH_PARENT and self.parent_name:
            return f"{self.name} ({self.parent_name})"
        return self.name


def _unit_refs(ids: list[int]) -> dict[int, UnitRef]:
    rows = OrgUnit.objects.filter(pk__in=ids).values_list(
        "pk", "name", "path", "kind", "parent__name"
    )
    return {row[0]: UnitRef(*row) for row in rows}


@dataclass(frozen=True)
class ScoreRow:
    """The numbers of one unit (``unit`` None: the total of all the rows, also when the page
    shows only some of them)."""

    unit: UnitRef | None
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    not_reported: int = 0
    in_progress_on_time: int = 0
    not_yet_due: int = 0
    reports_due: int = 0
    reports_on_time: int = 0
    reports_late: int = 0
    reports_not_sent: int = 0
    reports_pending: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def label(self) -> str:
        return self.unit.label if self.unit is not None else ""

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in MEASURES}


@dataclass(frozen=True)
class Scoreboard:
    rows: list[ScoreRow]
    total: ScoreRow
    filters: ScoreFilters = field(repr=False)


def scoreboard_reach(user: object) -> Reach:
    """The units whose scoreboard ``user`` may see: those of their leading roles."""
    return reach_of(user, roles=SCOREBOARD_ROLES)


def scoreboard_units_for(user: object, reach: Reach | None = None) -> QuerySet[OrgUnit]:
    """The units ``user`` may choose as the top of the scoreboard, in tree order."""
    reach = reach or scoreboard_reach(user)
    if reach.is_empty:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(reach.q("self")).order_by("path")


def scope_q(reach: Reach, filters: ScoreFilters) -> Q:
    """The units of the rows: within reach, under ``filters.unit``; out of reach is a 404."""
    if reach.is_empty:
        raise Http404
    scope = reach.q("unit")
    if filters.unit is not None:
        if not reach.covers(filters.unit):
            raise Http404
        scope &= Q(unit__path__startswith=filters.unit.path)
    return scope


def documents_q(filters: ScoreFilters) -> Q:
    query = Q()
    if filters.documents:
        query &= Q(document_id__in=filters.documents)
    if filters.doc_type is not None:
        query &= Q(document__doc_type_id=filters.doc_type)
    return query


TASK_OUTCOMES = tuple(str(value) for value in TaskOutcome.values)
REPORT_OUTCOMES = tuple(str(value) for value in ReportOutcome.values)
# outcome -> (measure while on time, measure once late)
PLACES = {
    TaskOutcome.DONE_ON_TIME: ("done_on_time", None),
    TaskOutcome.DONE_LATE: ("done_late", None),
    TaskOutcome.OPEN_STARTED: ("in_progress_on_time", "overdue"),
    TaskOutcome.OPEN_IDLE: ("not_yet_due", "overdue"),
    TaskOutcome.RECURRING_STARTED: ("in_progress_on_time", "not_reported"),
    TaskOutcome.RECURRING_IDLE: ("not_yet_due", "not_reported"),
    ReportOutcome.SENT_ON_TIME: ("reports_on_time", None),
    ReportOutcome.SENT_LATE: ("reports_late", None),
    ReportOutcome.NOT_SENT: ("reports_pending", "reports_not_sent"),
}
PLACES = {str(outcome): places for outcome, places in PLACES.items()}


def _add(counts: dict[str, int], subject: str, outcome: str, total: int, late: int) -> None:
    """Turn a group of tallies (``late`` of them late today) into the scoreboard's measures."""
    counts["assigned" if subject == Subject.TASK else "reports_due"] += total
    on_time, once_late = PLACES[outcome]
    counts[on_time] += total - late
    if once_late is not None:
        counts[once_late] += late


UNKNOWN = object()


def _settled_on() -> datetime.date | None:
    return ScoreboardState.objects.filter(pk=1).values_list("settled_on", flat=True).first()


def _from_figures(scope: Q, filters: ScoreFilters, settled_on: object) -> Iterable[tuple]:
    """Sums of the roll-up rows covering the period, per unit, then the tallies whose deadline
    passed between the last settling and today moved from on time to late (normally none:
    the settling runs every day)."""
    cells = Q(pk__in=[])
    for cell in period_cover(filters.period_from, filters.period_to, GRAINS[::-1]):
        cells |= Q(grain=cell.grain, start__gte=cell.first, start__lte=cell.last)
    sums = (
        ScoreboardFigure.objects.filter(scope, cells)
        .values_list("unit_id")
        .annotate(*[Sum(name) for name in COUNTERS])
        .order_by()
    )
    position = {name: index for index, name in enumerate(COUNTERS, start=1)}
    plan = [
        (subject, outcome, position[outcome], position.get(f"{outcome}_late"))
        for subject, outcomes in ((Subject.TASK, TASK_OUTCOMES), (Subject.REPORT, REPORT_OUTCOMES))
        for outcome in outcomes
    ]
    sql, params = sums.query.sql_with_params()
    with connection.cursor() as cursor:  # plain integers: no per-row conversion needed
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            for subject, outcome, on_time, once_late in plan:
                late = (row[once_late] or 0) if once_late else 0
                yield row[0], subject, outcome, (row[on_time] or 0) + late, late
    settled_on = _settled_on() if settled_on is UNKNOWN else settled_on
    if settled_on is not None and settled_on >= filters.today:
        return  # settled today: nothing has passed since
    passed = Q(
        outcome__in=LATE_OUTCOMES,
        overdue_after__gt=PAST,
        overdue_after__lt=filters.today,
        day__gte=filters.period_from,
        day__lte=filters.period_to,
    )
    if settled_on is not None:
        passed &= Q(overdue_after__gte=settled_on)
    for subject, tally in ((Subject.TASK, TaskTally), (Subject.REPORT, ReportTally)):
        moved = (
            tally.objects.filter(scope, passed)
            .values_list("unit_id", "outcome")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for unit_id, outcome, count in moved:
            yield unit_id, subject, outcome, 0, count


def _from_tallies(scope: Q, filters: ScoreFilters, settled_on: object) -> Iterable[tuple]:
    late = Q(overdue_after__lt=filters.today)
    where = (
        scope & documents_q(filters) & Q(day__gte=filters.period_from, day__lte=filters.period_to)
    )
    for subject, tally in ((Subject.TASK, TaskTally), (Subject.REPORT, ReportTally)):
        groups = (
            tally.objects.filter(where)
            .values_list("unit_id", "outcome")
            .annotate(total=Count("pk"), overdue=Count("pk", filter=late))
            .order_by()
        )
        for unit_id, outcome, total, overdue in groups:
            yield unit_id, subject, outcome, total, overdue


def scoreboard_for(
    *,
    user: object,
    filters: ScoreFilters,
    reach: Reach | None = None,
    settled_on: object = UNKNOWN,
) -> Scoreboard:
    """One row per unit within reach (and under ``filters.unit``) with something to count,
    in tree order, and their total. A unit out of reach, or no leading role, is a 404. A
    constant number of queries whatever the number of tasks or the length of the period
    (``reach``, ``settled_on``: when the caller has read them already)."""
    scope = scope_q(reach or scoreboard_reach(user), filters)
    source = _from_tallies if filters.by_document else _from_figures
    counters: dict[int, dict[str, int]] = {}
    for unit_id, subject, outcome, total, overdue in source(scope, filters, settled_on):
        counts = counters.get(unit_id)
        if counts is None:
            counts = counters[unit_id] = dict.fromkeys(MEASURES, 0)
        _add(counts, subject, outcome, total, overdue or 0)
    units = _unit_refs([unit_id for unit_id, counts in counters.items() if any(counts.values())])
    rows = sorted(
        (ScoreRow(unit=units[unit_id], **counters[unit_id]) for unit_id in units),
        key=lambda row: row.unit.path,
    )
    total = {name: sum(counters[unit_id][name] for unit_id in units) for name in MEASURES}
    return Scoreboard(rows=rows, total=ScoreRow(unit=None, **total), filters=filters)


def scoreboard_sort(rows: list[ScoreRow], *, key: str, descending: bool) -> list[ScoreRow]:
    """Rows ordered by a measure (ties in tree order) or by unit name."""
    if key == "unit":
        return sorted(rows, key=lambda row: row.unit.name.casefold(), reverse=descending)
    if key not in MEASURES:
        return rows
    ordered = sorted(rows, key=lambda row: row.unit.path)
    return sorted(ordered, key=lambda row: getattr(row, key), reverse=descending)
