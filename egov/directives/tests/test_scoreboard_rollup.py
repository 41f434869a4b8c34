"""The scoreboard roll-up equals counting the tasks and reports with the rules (the states the
task pages show: ``task_state_of``, ``report_state_of``), for arbitrary generated tasks,
reports, periods, days, documents and units; incremental refreshes end where a full rebuild
does."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_officer
from egov.directives.choices import Recurrence, TaskState
from egov.directives.models import ScoreboardFigure, Task, TaskReport
from egov.directives.scoreboard.choices import COUNTERS
from egov.directives.scoreboard.selectors import MEASURES, ScoreFilters, scoreboard_for
from egov.directives.scoreboard.services import (
    scoreboard_rebuild,
    scoreboard_refresh_tasks,
    scoreboard_settle,
)
from egov.directives.selectors import report_state_of, task_state_of
from egov.directives.tests.factories import DirectiveFactory, doc_type
from egov.workdays.rules import VN_TZ
from egov.workdays.selectors import work_calendar_get

D = datetime.date
PAST = st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 12, 31))
ANY = st.dates(min_value=D(2023, 1, 1), max_value=D(2028, 12, 31))
TODAY = st.dates(min_value=D(2027, 1, 1), max_value=D(2028, 6, 30))  # after every completion
TASK_STATES = {
    TaskState.DONE_ON_TIME: "done_on_time",
    TaskState.DONE_LATE: "done_late",
    TaskState.OVERDUE: "overdue",
    TaskState.NOT_REPORTED: "not_reported",
    TaskState.ON_TRACK: "in_progress_on_time",
    TaskState.NOT_DUE: "not_yet_due",
}
REPORT_STATES = {
    TaskState.DONE_ON_TIME: "reports_on_time",
    TaskState.DONE_LATE: "reports_late",
    TaskState.NOT_REPORTED: "reports_not_sent",
    TaskState.NOT_DUE: "reports_pending",
}

report_specs = st.tuples(
    st.integers(0, 4),  # reporting unit
    ANY,  # due day
    st.sampled_from(["draft", "submitted", "accepted", "returned"]),
    PAST,  # submitted day
)
task_specs = st.tuples(
    st.integers(0, 4),  # lead unit
    st.integers(0, 2),  # document
    st.sampled_from(["none", "none", "monthly", "continuous"]),
    st.none() | ANY,  # deadline (none: ongoing)
    PAST,  # assigned
    st.none() | PAST,  # done
    st.sampled_from([0, 0, 40, 100]),  # percent done
    st.lists(report_specs, max_size=3),
)
queries = st.tuples(
    PAST,
    st.integers(0, 5 * 365),
    TODAY,
    st.sampled_from([(), (0,), (1, 2)]),
    st.sampled_from([None, 0, 4]),
)


@pytest.fixture
def setting(world):
    head = make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)
    units = [world.city, world.dept, world.district_a, world.commune_a, world.district_b]
    documents = [
        DirectiveFactory(unit=world.city),
        DirectiveFactory(unit=world.city, doc_type=doc_type("chi-thi")),
        DirectiveFactory(unit=world.district_a, subject="Thông báo kết luận"),
    ]
    return head, units, documents


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(16, 30), tzinfo=VN_TZ)


def _create(specs, units, documents) -> list[Task]:
    tasks = []
    for order, (unit, doc, recurrence, deadline, assigned, done, percent, reports) in enumerate(
        specs
    ):
        if recurrence == Recurrence.NONE and deadline is None:
            recurrence = Recurrence.CONTINUOUS
        task = Task.objects.create(
            document=documents[doc],
            order=order,
            content=f"Nhiệm vụ {order}",
            assigning_unit=documents[doc].unit,
            lead_unit=units[unit],
            assigned_on=assigned,
            recurrence=recurrence,
            deadline_on=deadline,
            done_on=done,
            percent_done=percent,
        )
        for index, (r_unit, due, status, sent_on) in enumerate(reports):
            TaskReport.objects.create(
                task=task,
                unit=units[r_unit],
                period_start=D(2023, 1, 1 + index),
                period_end=due,
                due_on=due,
                status=status,
                submitted_at=_moment(sent_on) if status != "draft" else None,
            )
        tasks.append(task)
    return tasks


def _raw(filters: ScoreFilters, documents) -> dict[str, int]:
    """Counted straight from the task tables with the rules, independently of the roll-up."""
    calendar = work_calendar_get()
    counts = dict.fromkeys(MEASURES, 0)
    chosen = {documents[i].pk for i in filters.documents} or {d.pk for d in documents}

    def keep(unit, document_id, day):
        in_unit = filters.unit is None or unit.path.startswith(filters.unit.path)
        return (
            in_unit and document_id in chosen and (filters.period_from <= day <= filters.period_to)
        )

    for task in Task.objects.select_related("lead_unit").prefetch_related("reports"):
        if not keep(task.lead_unit, task.document_id, task.assigned_on):
            continue
        state = task_state_of(calendar, task, task.reports.all(), filters.today)
        counts["assigned"] += 1
        counts[TASK_STATES[state]] += 1
    for report in TaskReport.objects.select_related("unit", "task"):
        owed = report.unit_id == report.task.lead_unit_id  # the lead unit's reports
        if not owed or not keep(report.unit, report.task.document_id, report.due_on):
            continue
        state = report_state_of(calendar, report, filters.today)
        counts["reports_due"] += 1
        counts[REPORT_STATES[state]] += 1
    return counts


def _figures() -> set[tuple]:
    return set(ScoreboardFigure.objects.values_list("grain", "unit_id", "start", *COUNTERS))


def _mutate(tasks, units, data) -> list[int]:
    """Change some tasks and reports the way the services do, return the ids touched."""
    touched = data.draw(st.lists(st.sampled_from(tasks), max_size=4, unique=True)) if tasks else []
    for task in touched:
        task.lead_unit = units[data.draw(st.integers(0, 4))]
        task.done_on = data.draw(st.none() | PAST)
        if task.recurrence == Recurrence.NONE:
            task.deadline_on = data.draw(ANY)
        task.save()
        report = task.reports.first()
        if report is not None and data.draw(st.booleans()):
            report.delete()
        elif report is not None:
            report.status = data.draw(st.sampled_from(["accepted", "returned"]))
            report.submitted_at = report.submitted_at or _moment(data.draw(PAST))
            report.save()
    return [task.pk for task in touched]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(task_specs, max_size=14),
    asks=st.lists(queries, min_size=1, max_size=3),
    data=st.data(),
)
def test_rolled_up_scoreboard_equals_counting_with_the_rules(setting, specs, asks, data):
    head, units, documents = setting
    with transaction.atomic():
        tasks = _create(specs, units, documents)
        split = data.draw(st.integers(0, len(tasks)))
        scoreboard_refresh_tasks(t.pk for t in tasks[:split])
        scoreboard_refresh_tasks(tasks[split:])
        scoreboard_refresh_tasks(_mutate(tasks, units, data))
        if data.draw(st.booleans()):
            scoreboard_settle()  # today (2026-11-22 here), before every day asked below
            scoreboard_refresh_tasks(_mutate(tasks, units, data))

        for start, length, today, docs, root in asks:
            filters = ScoreFilters(
                period_from=start,
                period_to=start + datetime.timedelta(days=length),
                today=today,
                documents=tuple(documents[i].pk for i in docs),
                unit=None if root is None else units[root],
            )
            board = scoreboard_for(user=head, filters=filters)
            expected = _raw(ScoreFilters(**{**filters.__dict__, "documents": docs}), documents)
            assert board.total.counts() == expected, filters
            for row in board.rows:
                assert any(row.counts().values())

        scoreboard_settle()
        settled = _figures()
        scoreboard_rebuild()
        assert _figures() == settled
        transaction.set_rollback(True)


def test_refresh_of_a_task_follows_its_changes(setting):
    head, units, documents = setting
    (task,) = _create(
        [(1, 0, "none", D(2026, 6, 30), D(2026, 3, 2), None, 0, [])], units, documents
    )
    scoreboard_refresh_tasks([task.pk])
    filters = ScoreFilters(
        period_from=D(2026, 1, 1), period_to=D(2026, 12, 31), today=D(2026, 7, 1)
    )
    before = scoreboard_for(user=head, filters=filters).total

    task.done_on = D(2026, 7, 3)
    task.save()
    scoreboard_refresh_tasks([task.pk])
    after = scoreboard_for(user=head, filters=filters).total
    again = scoreboard_refresh_tasks([task.pk])

    assert (before.assigned, before.overdue, before.done_late) == (1, 1, 0)
    assert (after.assigned, after.overdue, after.done_late) == (1, 0, 1)
    assert (again.tallies, again.cells) == (0, 0)


def test_settling_keeps_every_number(setting, clock):
    head, units, documents = setting
    clock.set(datetime.datetime(2026, 11, 22, 9, tzinfo=VN_TZ))
    # Mondays two weeks apart: 23 deadlines before 22 November 2026, 7 after
    specs = [
        (
            n % 5,
            0,
            "none",
            D(2026, 1, 5) + datetime.timedelta(days=14 * n),
            D(2026, 1, 2),
            None,
            0,
            [],
        )
        for n in range(30)
    ]
    scoreboard_refresh_tasks(_create(specs, units, documents))
    filters = ScoreFilters(
        period_from=D(2026, 1, 1), period_to=D(2026, 12, 31), today=D(2026, 11, 22)
    )
    before = scoreboard_for(user=head, filters=filters).total

    settled = scoreboard_settle()
    again = scoreboard_settle()
    call_command("scoreboard_settle", stdout=StringIO())

    after = scoreboard_for(user=head, filters=filters).total
    assert after == before
    assert (before.overdue, before.not_yet_due) == (23, 7)
    assert settled.tallies == 23
    assert (again.tallies, again.cells) == (0, 0)
    years = ScoreboardFigure.objects.filter(grain="year")
    assert sum(years.values_list("open_idle_late", flat=True)) == 23
    assert sum(years.values_list("open_idle", flat=True)) == 7


def test_rebuild_command_recomputes_everything(setting):
    _head, units, documents = setting
    _create([(1, 0, "none", D(2026, 6, 30), D(2026, 3, 2), None, 0, [])], units, documents)
    out = StringIO()

    call_command("scoreboard_rebuild", stdout=out)

    # the task and its lead unit's expected report (made directly here: none)
    assert out.getvalue() == "Scoreboard rebuilt: 1 tallies, 5 rows.\n"
    assert set(ScoreboardFigure.objects.values_list("grain", "start", "open_idle_late")) == {
        ("day", D(2026, 3, 2), 1),
        ("dekad", D(2026, 3, 1), 1),
        ("month", D(2026, 3, 1), 1),
        ("quarter", D(2026, 1, 1), 1),
        ("year", D(2026, 1, 1), 1),
    }
