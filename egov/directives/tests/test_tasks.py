"""Creating and changing tasks: one lead unit, deadline or recurrence, every change of
deadline, units or target kept with its reason; splitting for the units below with roll-up."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, DomainError, PermissionDenied
from egov.directives.choices import Recurrence, ReportStatus, TaskUnitRole
from egov.directives.exceptions import InvalidTask
from egov.directives.models import Task, TaskChange, TaskReport, TaskUnit
from egov.directives.services import (
    SubtaskData,
    TaskData,
    task_create,
    task_report_accept,
    task_report_save,
    task_report_submit,
    task_split,
    task_update,
)
from egov.directives.tests.conftest import at

D = datetime.date


def data(world, **changes) -> TaskData:
    fields = {
        "content": "Triển khai nền tảng số cấp xã",
        "lead_unit": world.dept,
        "cooperating": [world.city_office],
        "implementing": [world.district_a],
        "expected_result": "100% xã",
        "deadline_on": D(2026, 6, 30),
    }
    return TaskData(**(fields | changes))


def test_create_a_task_with_its_units_target_and_expected_report(world, office, directive):
    task = task_create(actor=office, document=directive, data=data(world))

    assert (task.lead_unit, task.assigning_unit, task.assigned_on) == (
        world.dept,
        world.city,
        D(2026, 3, 2),
    )
    assert (task.target_value, task.target_unit) == (Decimal(100), "% xã")
    assert (task.deadline_on, task.original_deadline_on) == (D(2026, 6, 30), D(2026, 6, 30))
    assert sorted(TaskUnit.objects.filter(task=task).values_list("role", "unit__name")) == [
        ("cooperate", "Văn phòng UBND Thành phố"),
        ("implement", "Quận Ba Đình"),
        ("lead", "Sở Thông tin và Truyền thông"),
    ]
    report = TaskReport.objects.get(task=task)
    assert (report.unit, report.period_start, report.due_on, report.status) == (
        world.dept,
        D(2026, 3, 2),
        D(2026, 6, 30),
        ReportStatus.DRAFT,
    )
    assert AuditEvent.objects.filter(action="task.created", object_id=str(task.pk)).count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"content": "  "}, "content"),
        ({"deadline_on": None}, "deadline_on"),
        ({"deadline_on": D(2026, 2, 1)}, "deadline_on"),
        ({"recurrence": Recurrence.MONTHLY, "deadline_on": None, "period_day": 32}, "period_day"),
        ({"target_value": Decimal(-1)}, "target_value"),
    ],
)
def test_invalid_tasks_are_refused_with_the_field(world, office, directive, changes, field):
    with pytest.raises(InvalidTask) as error:
        task_create(actor=office, document=directive, data=data(world, **changes))

    assert field in error.value.fields
    assert Task.objects.count() == 0


def test_units_outside_the_authority_cannot_be_assigned(world, office, directive):
    from egov.orgs.services import orgunit_create

    elsewhere = orgunit_create(actor=None, name="Tỉnh Hưng Yên", kind="province")
    with pytest.raises(DomainError) as error:
        task_create(actor=office, document=directive, data=data(world, lead_unit=elsewhere))

    assert error.value.code == "unit_out_of_scope"
    assert Task.objects.count() == 0


@pytest.mark.parametrize("persona", ["dept_head", "specialist", "other_district_officer"])
def test_only_the_assigning_office_creates_tasks(request, world, directive, persona):
    with pytest.raises(PermissionDenied):
        task_create(actor=request.getfixturevalue(persona), document=directive, data=data(world))

    assert Task.objects.count() == 0
    assert not AuditEvent.objects.filter(action="task.created").exists()


def test_recurring_task_gets_a_report_per_period(world, office, directive, clock):
    task = task_create(
        actor=office,
        document=directive,
        data=data(world, deadline_on=None, recurrence=Recurrence.MONTHLY, period_day=20),
    )

    assert list(TaskReport.objects.filter(task=task).values_list("period_start", "due_on")) == [
        (D(2026, 3, 1), D(2026, 3, 20))
    ]


def test_every_change_is_kept_with_its_reason(world, office, directive, hanoi):
    task = task_create(actor=office, document=directive, data=data(world))

    task = task_update(
        actor=office,
        task=task,
        expected_version=1,
        reason="Điều chỉnh phân công",
        data=data(
            world,
            lead_unit=hanoi.home_affairs,
            expected_result="90% xã",
            deadline_on=D(2026, 9, 30),
        ),
    )

    changes = {
        c.field: (c.old_value, c.new_value, c.reason) for c in TaskChange.objects.filter(task=task)
    }
    assert changes == {
        "lead_unit": ("Sở Thông tin và Truyền thông", "Sở Nội vụ", "Điều chỉnh phân công"),
        "expected_result": ("100% xã", "90% xã", "Điều chỉnh phân công"),
        "target_value": ("100", "90", "Điều chỉnh phân công"),
        "deadline_on": ("2026-06-30", "2026-09-30", "Điều chỉnh phân công"),
    }
    assert (task.version, task.original_deadline_on) == (2, D(2026, 6, 30))
    assert TaskUnit.objects.get(task=task, role=TaskUnitRole.LEAD).unit == hanoi.home_affairs
    # the untouched expected report moved to the new lead unit, due on the new deadline
    assert list(TaskReport.objects.filter(task=task).values_list("unit_id", "due_on")) == [
        (hanoi.home_affairs.pk, D(2026, 9, 30))
    ]


def test_a_change_needs_a_reason_and_the_current_version(world, office, directive):
    task = task_create(actor=office, document=directive, data=data(world))

    with pytest.raises(DomainError) as error:
        task_update(
            actor=office,
            task=task,
            expected_version=1,
            reason=" ",
            data=data(world, deadline_on=D(2026, 7, 31)),
        )
    assert (error.value.code, list(error.value.fields)) == ("required", ["reason"])
    with pytest.raises(ConcurrentChange):
        task_update(
            actor=office,
            task=task,
            expected_version=7,
            reason="x",
            data=data(world, deadline_on=D(2026, 7, 31)),
        )

    task.refresh_from_db()
    assert (task.deadline_on, task.version) == (D(2026, 6, 30), 1)
    assert not TaskChange.objects.exists()


def test_split_for_units_below_rolls_progress_up(
    world, office, directive, unit_head, specialist, division_head, clock
):
    district_task = task_create(
        actor=office,
        document=directive,
        data=data(world, lead_unit=world.district_a, cooperating=[], implementing=[]),
    )
    [sub_division, sub_commune] = task_split(
        actor=unit_head,
        task=district_task,
        expected_version=1,
        parts=[
            SubtaskData(lead_unit=world.division_a),
            SubtaskData(lead_unit=world.commune_a, deadline_on=D(2026, 5, 29)),
        ],
    )
    assert (sub_division.assigning_unit, sub_division.parent, sub_division.deadline_on) == (
        world.district_a,
        district_task,
        D(2026, 6, 30),
    )
    assert sub_commune.deadline_on == D(2026, 5, 29)

    clock.set(at(2026, 4, 1))
    report = task_report_save(
        actor=specialist,
        task=sub_division,
        progress="in_progress",
        percent=60,
        done_text="Đã triển khai tại 6/10 tổ dân phố",
    )
    report = task_report_submit(actor=division_head, report=report, expected_version=report.version)
    task_report_accept(actor=unit_head, report=report, expected_version=report.version)

    district_task.refresh_from_db()
    sub_division.refresh_from_db()
    assert (sub_division.percent_done, district_task.percent_done) == (60, 30)
    assert district_task.done_on is None


def test_split_refuses_units_not_below_the_lead_unit(world, office, directive, unit_head):
    task = task_create(
        actor=office,
        document=directive,
        data=data(world, lead_unit=world.district_a, cooperating=[], implementing=[]),
    )

    with pytest.raises(InvalidTask):
        task_split(
            actor=unit_head,
            task=task,
            expected_version=1,
            parts=[SubtaskData(lead_unit=world.commune_b)],
        )
    with pytest.raises(InvalidTask):
        task_split(
            actor=unit_head,
            task=task,
            expected_version=1,
            parts=[SubtaskData(lead_unit=world.commune_a, deadline_on=D(2026, 7, 1))],
        )
    assert Task.objects.filter(parent=task).count() == 0


def test_only_the_lead_unit_splits(world, office, directive, other_district_officer):
    task = task_create(
        actor=office,
        document=directive,
        data=data(world, lead_unit=world.district_a, cooperating=[], implementing=[]),
    )

    with pytest.raises(PermissionDenied):
        task_split(
            actor=other_district_officer,
            task=task,
            expected_version=1,
            parts=[SubtaskData(lead_unit=world.commune_a)],
        )
    assert Task.objects.filter(parent=task).count() == 0
