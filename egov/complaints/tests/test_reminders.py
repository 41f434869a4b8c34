"""The daily reminder run: the named handlers told a few working days before the running time
limit (across a weekend), the handlers and the head told once it has passed, the petition
flagged overdue and cleared once accepted, each flag change audited; once per petition, kind
and limit; the denouncer never named."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.complaints import rules, services
from egov.complaints.choices import Channel, Outcome, PetitionKind, ReminderKind
from egov.complaints.models import Reminder
from egov.complaints.reminders import complaints_reminders_send
from egov.complaints.tests.conftest import at

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(clock, people, world):
    clock.set(at(2026, 12, 1, 10))
    return services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Tố cáo cán bộ",
        content="Tố cáo cán bộ nhận tiền",
        petitioner_name="Phạm Thị Tố",
    )


def test_the_reminder_kind_by_the_running_limit() -> None:
    horizon = D(2026, 12, 10)
    kind = rules.reminder_kind
    today = D(2026, 12, 7)
    assert kind(stage="acceptance", due=D(2026, 12, 11), today=today, horizon=horizon) is None
    assert kind(stage="acceptance", due=D(2026, 12, 10), today=today, horizon=horizon) == (
        ReminderKind.ACCEPTANCE_BEFORE
    )
    assert kind(stage="settlement", due=D(2026, 12, 7), today=today, horizon=horizon) == (
        ReminderKind.SETTLEMENT_BEFORE
    )
    assert kind(stage="settlement", due=D(2026, 12, 4), today=today, horizon=horizon) == (
        ReminderKind.SETTLEMENT_OVERDUE
    )
    assert kind(stage="", due=D(2026, 12, 4), today=today, horizon=horizon) is None


def test_the_handler_is_reminded_three_working_days_ahead_once(petition, people) -> None:
    assert petition.acceptance_due_on == D(2026, 12, 10)  # Thursday
    friday = complaints_reminders_send(today=D(2026, 12, 4))  # horizon Wed 9/12: not yet
    monday = complaints_reminders_send(today=D(2026, 12, 7))  # horizon Thu 10/12
    again = complaints_reminders_send(today=D(2026, 12, 7))

    assert (friday.before, monday.before, again.before) == (0, 1, 0)
    sent = Notification.objects.get()
    assert sent.recipient == people.receiver  # the registering officer, its named handler
    assert sent.subject == f"Đơn {petition.number} đến hạn ngày 10/12/2026"
    assert "Phạm Thị Tố" not in sent.body
    assert list(Reminder.objects.values_list("kind", "due_on", "recipients")) == [
        ("acceptance_before", D(2026, 12, 10), 1)
    ]


def test_an_overdue_petition_is_flagged_escalated_and_cleared_once_accepted(
    clock, petition, people
) -> None:
    late = complaints_reminders_send(today=D(2026, 12, 11))
    twice = complaints_reminders_send(today=D(2026, 12, 14))
    petition.refresh_from_db()

    assert (late.overdue, late.flagged, twice.overdue, twice.flagged) == (1, 1, 0, 0)
    assert petition.overdue_since == D(2026, 12, 11)
    overdue = Notification.objects.filter(subject__contains="quá hạn")
    assert {n.recipient for n in overdue} == {people.receiver, people.chairman}
    flag = AuditEvent.objects.get(action="complaints.petition_overdue")
    assert flag.changes == {"overdue_since": [None, "2026-12-11"]}
    assert petition.version == 1  # the officers' forms stay current

    clock.set(at(2026, 12, 14, 10))
    services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    cleared = complaints_reminders_send(today=D(2026, 12, 14))
    petition.refresh_from_db()

    assert cleared.cleared == 1
    assert petition.overdue_since is None
    assert AuditEvent.objects.filter(action="complaints.petition_overdue_cleared").count() == 1


def test_the_command_runs_the_day_given(petition, capsys) -> None:
    call_command("complaints_reminders", date="2026-12-07")

    assert capsys.readouterr().out.strip() == (
        "Complaints reminders: 1 reminders, 0 overdue notices, 0 flagged, 0 cleared."
    )
    assert Reminder.objects.count() == 1
