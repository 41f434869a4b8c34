"""Deadline extensions: the lead unit asks with a reason, the assigning office grants or
refuses; a granted extension is the deadline in force (judged against from then on), kept as a
change and counted."""

from __future__ import annotations

import datetime

import pytest

from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError, PermissionDenied
from egov.directives.choices import ExtensionStatus, Recurrence, TaskState
from egov.directives.exceptions import InvalidTask, WrongTaskState
from egov.directives.models import DeadlineExtension, TaskChange, TaskReport
from egov.directives.selectors import task_page
from egov.directives.services import (
    TaskData,
    extension_grant,
    extension_refuse,
    extension_request,
    task_create,
)

D = datetime.date


@pytest.fixture
def task(world, office, directive):
    return task_create(
        actor=office,
        document=directive,
        data=TaskData(
            content="Đưa vào vận hành Trung tâm điều hành thông minh",
            lead_unit=world.dept,
            deadline_on=D(2026, 4, 30),
        ),
    )  # Reunification Day: effective Monday 4 May


def test_granted_extension_moves_the_deadline_in_force(
    task, dept_specialist, office_specialist, dept_head
):
    assert task_page(dept_head, task.pk, today=D(2026, 5, 5)).state == TaskState.OVERDUE
    extension = extension_request(
        actor=dept_specialist,
        task=task,
        proposed_deadline_on=D(2026, 6, 30),
        reason="Chờ nhà thầu bàn giao thiết bị",
    )
    assert extension.status == ExtensionStatus.PENDING

    extension_grant(
        actor=office_specialist, extension=extension, note="Đồng ý", deadline_on=D(2026, 6, 15)
    )

    task.refresh_from_db()
    assert (task.deadline_on, task.original_deadline_on, task.extension_count, task.version) == (
        D(2026, 6, 15),
        D(2026, 4, 30),
        1,
        2,
    )
    change = TaskChange.objects.get(task=task)
    assert (change.field, change.old_value, change.new_value, change.reason) == (
        "deadline_on",
        "2026-04-30",
        "2026-06-15",
        "Chờ nhà thầu bàn giao thiết bị",
    )
    assert TaskReport.objects.get(task=task).due_on == D(2026, 6, 15)
    page = task_page(dept_head, task.pk, today=D(2026, 5, 5))
    assert page.state == TaskState.NOT_DUE
    assert page.pending_extension is None
    assert AuditEvent.objects.filter(action="task_extension.granted").count() == 1


def test_refused_extension_leaves_the_deadline(task, dept_head, office_specialist):
    extension = extension_request(
        actor=dept_head, task=task, proposed_deadline_on=D(2026, 6, 30), reason="Thiếu kinh phí"
    )

    with pytest.raises(DomainError) as error:
        extension_refuse(actor=office_specialist, extension=extension, note=" ")
    assert error.value.code == "required"
    extension_refuse(
        actor=office_specialist, extension=extension, note="Đã bố trí kinh phí từ tháng 3"
    )

    task.refresh_from_db()
    extension.refresh_from_db()
    assert (task.deadline_on, task.extension_count) == (D(2026, 4, 30), 0)
    assert (extension.status, extension.decision_note) == (
        ExtensionStatus.REFUSED,
        "Đã bố trí kinh phí từ tháng 3",
    )
    assert not TaskChange.objects.exists()
    with pytest.raises(WrongTaskState):
        extension_grant(actor=office_specialist, extension=extension)


def test_one_request_at_a_time_and_only_later_dates(task, dept_specialist):
    with pytest.raises(InvalidTask):
        extension_request(
            actor=dept_specialist, task=task, proposed_deadline_on=D(2026, 4, 30), reason="x"
        )
    extension_request(
        actor=dept_specialist, task=task, proposed_deadline_on=D(2026, 5, 29), reason="x"
    )
    with pytest.raises(WrongTaskState):
        extension_request(
            actor=dept_specialist, task=task, proposed_deadline_on=D(2026, 6, 29), reason="y"
        )

    assert DeadlineExtension.objects.count() == 1


@pytest.mark.parametrize("persona", ["office_specialist", "specialist", "other_district_officer"])
def test_only_the_lead_unit_asks(request, task, persona):
    with pytest.raises(PermissionDenied):
        extension_request(
            actor=request.getfixturevalue(persona),
            task=task,
            proposed_deadline_on=D(2026, 6, 30),
            reason="x",
        )

    assert not DeadlineExtension.objects.exists()
    assert not AuditEvent.objects.filter(action="task_extension.requested").exists()


def test_only_the_office_decides(task, dept_specialist, dept_head):
    extension = extension_request(
        actor=dept_specialist, task=task, proposed_deadline_on=D(2026, 6, 30), reason="x"
    )

    with pytest.raises(PermissionDenied):
        extension_grant(actor=dept_head, extension=extension)
    task.refresh_from_db()
    assert task.deadline_on == D(2026, 4, 30)


def test_a_recurring_task_has_no_deadline_to_extend(world, office, directive, dept_specialist):
    task = task_create(
        actor=office,
        document=directive,
        data=TaskData(
            content="Cập nhật cơ sở dữ liệu", lead_unit=world.dept, recurrence=Recurrence.CONTINUOUS
        ),
    )

    with pytest.raises(WrongTaskState):
        extension_request(
            actor=dept_specialist, task=task, proposed_deadline_on=D(2026, 6, 30), reason="x"
        )
