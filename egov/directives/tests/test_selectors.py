"""Who sees which task: the units named on it, the units above them with a subtree role, and
the office that assigned it; everyone else gets a 404. Lists carry each task's state today."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404

from egov.directives.choices import TaskState
from egov.directives.selectors import (
    directive_get_for_user,
    directive_list_for_user,
    report_get_for_user,
    task_get_for_user,
    task_list_for_user,
)
from egov.directives.tests.factories import DirectiveFactory, TaskFactory, TaskReportFactory

D = datetime.date


@pytest.fixture
def tasks(world):
    document = DirectiveFactory(unit=world.city)
    return {
        "dept": TaskFactory(
            document=document,
            lead_unit=world.dept,
            cooperating=[world.district_a],
            implementing=[world.commune_b],
        ),
        "commune_a": TaskFactory(
            document=document, lead_unit=world.commune_a, content="Chuyển đổi số phường Phúc Xá"
        ),
        "district_b": TaskFactory(document=document, lead_unit=world.district_b),
    }


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("office", ["dept", "commune_a", "district_b"]),  # the office that assigned them
        ("dept_specialist", ["dept"]),  # lead unit
        ("clerk", ["dept"]),  # district A cooperates; no subtree role: not its communes' tasks
        ("unit_head", ["dept", "commune_a"]),  # district A and everything below it
        ("specialist", []),  # a division of district A is named on nothing
        ("other_district_officer", ["dept", "district_b"]),  # commune B implements "dept"
        ("citizen", []),
    ],
)
def test_each_officer_sees_only_their_tasks(request, tasks, persona, visible):
    user = request.getfixturevalue(persona)
    names = {task.pk: name for name, task in tasks.items()}

    listed = [names[line.task.pk] for line in task_list_for_user(user, today=D(2026, 3, 2))]

    assert sorted(listed) == sorted(visible)
    for name, task in tasks.items():
        if name in visible:
            assert task_get_for_user(user, task.pk) == task
        else:
            with pytest.raises(Http404):
                task_get_for_user(user, task.pk)


def test_reports_follow_their_task(tasks, clerk, specialist):
    report = TaskReportFactory(task=tasks["dept"])

    assert report_get_for_user(clerk, report.pk) == report
    with pytest.raises(Http404):
        report_get_for_user(specialist, report.pk)


def test_directive_is_seen_through_its_tasks(world, tasks, dept_specialist, specialist):
    document = tasks["dept"].document
    other = DirectiveFactory(unit=world.city, subject="Chỉ thị về phòng chống thiên tai")

    assert list(directive_list_for_user(dept_specialist)) == [document]
    assert directive_get_for_user(dept_specialist, document.pk) == document
    with pytest.raises(Http404):
        directive_get_for_user(dept_specialist, other.pk)
    with pytest.raises(Http404):
        directive_get_for_user(specialist, document.pk)


def test_lists_filter_by_state_role_and_text(tasks, office, unit_head):
    overdue = task_list_for_user(office, state=TaskState.OVERDUE, today=D(2026, 7, 1))
    assert len(overdue) == 3
    assert task_list_for_user(office, state=TaskState.NOT_DUE, today=D(2026, 6, 30)) != []
    assert [ln.task for ln in task_list_for_user(unit_head, query="phuc xa")] == [
        tasks["commune_a"]
    ]
    assert [ln.task for ln in task_list_for_user(unit_head, role="lead")] == [tasks["commune_a"]]
    assert len(task_list_for_user(office, role="office")) == 3


def test_list_query_count_does_not_grow_with_tasks(world, office, tasks, django_assert_num_queries):
    for _ in range(5):
        TaskReportFactory(task=TaskFactory(document=tasks["dept"].document, lead_unit=world.dept))
    task_list_for_user(office)  # warm the calendar cache

    # reach, tasks, their reports, the calendar revision
    with django_assert_num_queries(4):
        lines = task_list_for_user(office, today=D(2026, 3, 2))
        assert len(lines) == 8
