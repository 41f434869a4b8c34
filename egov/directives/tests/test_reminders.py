"""The daily reminder run: to the lead unit's officers from three working days before the
deadline (counted over Tết), escalation to its head after it, once per deadline."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from conftest import make_officer
from egov.directives.models import TaskReminder
from egov.directives.services import (
    TaskData,
    extension_grant,
    extension_request,
    task_create,
    task_reminders_send,
)
from egov.directives.tests.conftest import at
from egov.directives.tests.factories import DirectiveFactory

D = datetime.date


@pytest.fixture
def tet_task(world, office, clock, dept_specialist, dept_head):
    clock.set(at(2026, 1, 5))
    document = DirectiveFactory(unit=world.city, issued_on=D(2026, 1, 5))
    return task_create(
        actor=office,
        document=document,
        data=TaskData(
            content="Hoàn thành cấp chữ ký số cho cán bộ",
            lead_unit=world.dept,
            deadline_on=D(2026, 2, 14),
        ),
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The run of a day, its e-mails sent as after a commit."""

    def run_day(day: D):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return task_reminders_send(today=day, days_before=3)

    return run_day


def test_reminders_before_the_deadline_count_working_days(tet_task, run):
    assert run(D(2026, 2, 10)).reminders_before == 0
    result = run(D(2026, 2, 11))

    assert result.reminders_before == 1
    assert sorted(m.to[0] for m in mail.outbox) == [
        "chuyenvien.stttt@example.vn",
        "giamdoc.stttt@example.vn",
    ]
    assert "14/02/2026" in mail.outbox[0].subject
    assert f"/workspace/directives/tasks/{tet_task.pk}/" in mail.outbox[0].body
    assert run(D(2026, 2, 12)).reminders_before == 0  # once per deadline
    assert mail.outbox == []


def test_escalation_after_the_effective_deadline_goes_to_the_head(tet_task, run):
    assert run(D(2026, 2, 23)).reminders_overdue == 0  # Tết moved the deadline to the 23rd
    result = run(D(2026, 2, 24))

    assert result.reminders_overdue == 1
    assert [m.to for m in mail.outbox] == [["giamdoc.stttt@example.vn"]]
    assert run(D(2026, 2, 25)).reminders_overdue == 0
    assert TaskReminder.objects.filter(task=tet_task).count() == 2  # before (23rd), overdue


def test_an_extension_gives_new_reminders(tet_task, dept_specialist, office_specialist, run):
    run(D(2026, 2, 11))
    extension = extension_request(
        actor=dept_specialist,
        task=tet_task,
        proposed_deadline_on=D(2026, 3, 13),
        reason="Chờ thiết bị",
    )
    extension_grant(actor=office_specialist, extension=extension)

    assert run(D(2026, 2, 24)).reminders_overdue == 0
    assert run(D(2026, 3, 10)).reminders_before == 1
    assert list(TaskReminder.objects.filter(task=tet_task).values_list("kind", "deadline_on")) == [
        ("before", D(2026, 2, 14)),
        ("before", D(2026, 3, 13)),
    ]


def test_without_a_head_the_escalation_goes_up_to_a_head_over_the_unit(
    world, office, clock, unit_head, specialist, run
):
    clock.set(at(2026, 1, 5))
    document = DirectiveFactory(unit=world.city, issued_on=D(2026, 1, 5))
    task_create(
        actor=office,
        document=document,
        data=TaskData(
            content="Số hóa hồ sơ văn hóa", lead_unit=world.division_a, deadline_on=D(2026, 1, 30)
        ),
    )

    run(D(2026, 2, 2))

    assert [m.to for m in mail.outbox] == [["chutich.badinh@example.vn"]]


def test_the_command_runs_the_day(tet_task, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("task_reminders", "--date", "2026-02-11", stdout=out)

    assert out.getvalue().strip() == (
        "Task reminders: 0 expected reports created, 1 reminders, 0 escalations."
    )
    assert len(mail.outbox) == 2


def test_no_reminder_without_officers_still_records_once(world, office, clock, run):
    clock.set(at(2026, 1, 5))
    lonely = make_officer("khac@example.vn", world.commune_b, "clerk")
    assert lonely.email
    document = DirectiveFactory(unit=world.city, issued_on=D(2026, 1, 5))
    task_create(
        actor=office,
        document=document,
        data=TaskData(content="Rà soát", lead_unit=world.commune_a, deadline_on=D(2026, 1, 30)),
    )

    assert run(D(2026, 1, 28)).reminders_before == 1
    assert mail.outbox == []
    assert TaskReminder.objects.get().recipients == ""
