"""The daily reminder run: expected reports of the new periods of recurring tasks, reminders
to the lead unit's officers from N working days before a deadline (default 3, setting
``EGOV_TASK_REMINDER_DAYS``), and an escalation to the head of the lead unit once the deadline
has passed. A reminder is sent once per task, kind and deadline (``TaskReminder``), so running
the job twice, or after a missed day, never sends twice; an extension gives a new deadline and
so new reminders."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from egov.accounts.choices import NotificationChannel
from egov.accounts.models import User
from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.directives.choices import AuditAction, Recurrence
from egov.directives.models import Task, TaskReminder, TaskReport
from egov.directives.rules import REMINDER_OVERDUE, reminder_kind
from egov.directives.services import common
from egov.directives.services.periods import OPEN_STATUSES, expected_reports_ensure
from egov.orgs.choices import Role
from egov.orgs.models import Membership, OrgUnit
from egov.workdays.rules import WorkCalendar
from egov.workdays.selectors import work_calendar_get

logger = logging.getLogger(__name__)
# Tết can put 9 days off between a reminder day and a deadline: look far enough ahead.
LOOKAHEAD_MARGIN = 14
OFFICER_ROLES = (Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)


@dataclass(frozen=True)
class ReminderRun:
    """What one run did."""

    reports_created: int
    reminders_before: int
    reminders_overdue: int


def _emails(memberships: object) -> list[User]:
    """The active officers with an e-mail address, once each, in the order of their address."""
    users = {m.user.email: m.user for m in memberships if m.user.email and m.user.is_active}
    return [users[email] for email in sorted(users)]


def lead_unit_recipients(unit: OrgUnit) -> list[User]:
    """The officers of the lead unit (with an e-mail address)."""
    return _emails(
        Membership.objects.current()
        .filter(unit=unit, role__in=OFFICER_ROLES)
        .select_related("user")
    )


def head_recipients(unit: OrgUnit) -> list[User]:
    """The head of the lead unit; without one, the nearest head above it with a subtree
    role (who acts for the unit)."""
    heads = _emails(
        Membership.objects.current()
        .filter(unit=unit, role__in=common.HEAD_ROLES)
        .select_related("user")
    )
    if heads:
        return heads
    above = (
        Membership.objects.current()
        .filter(unit_id__in=unit.ancestor_ids(), role=Role.UNIT_HEAD, includes_subtree=True)
        .exclude(unit=unit)
        .select_related("user", "unit")
        .order_by("-unit__depth")
    )
    nearest = [m for m in above if m.unit.depth == above[0].unit.depth] if above else []
    return _emails(nearest)


def _message(task: Task, kind: str, deadline_on: datetime.date) -> tuple[str, str]:
    context = {
        "task": task,
        "kind": kind,
        "deadline_on": deadline_on,
        "document": task.document,
        "lead_unit": task.lead_unit,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("directives:task-detail", kwargs={"pk": task.pk}),
    }
    with translation.override("vi"):
        subject = render_to_string(f"directives/email/reminder_{kind}_subject.txt", context)
        body = render_to_string(f"directives/email/reminder_{kind}.txt", context)
    return " ".join(subject.split()), body


def _remind(task: Task, kind: str, deadline_on: datetime.date) -> bool:
    """Record and send one reminder unless it was sent already; True if sent now."""
    recipients = (
        head_recipients(task.lead_unit)
        if kind == REMINDER_OVERDUE
        else lead_unit_recipients(task.lead_unit)
    )
    with transaction.atomic():
        _reminder, created = TaskReminder.objects.get_or_create(
            task=task,
            kind=kind,
            deadline_on=deadline_on,
            defaults={
                "sent_at": timezone.now(),
                "recipients": "\n".join(user.email for user in recipients),
            },
        )
        if not created:
            return False
        event_record(
            actor=None,
            action=AuditAction.TASK_REMINDED,
            obj=task,
            changes={"kind": kind, "deadline_on": deadline_on, "recipients": len(recipients)},
        )
        if recipients:
            subject, body = _message(task, kind, deadline_on)
            link = reverse("directives:task-detail", kwargs={"pk": task.pk})
            for user in recipients:  # each one's notification, e-mailed after commit
                notification_send(
                    recipient=user,
                    channel=NotificationChannel.EMAIL,
                    subject=subject,
                    body=body,
                    link=link,
                    obj=task,
                )
    logger.info(
        "directives.task_reminded",
        extra={"task": task.pk, "kind": kind, "recipients": len(recipients)},
    )
    return True


def _periods_ensure(today: datetime.date) -> int:
    """Expected reports of the periods begun since the last run (the scoreboard counts them
    as not sent until they are)."""
    created, touched = 0, []
    recurring = Task.objects.exclude(recurrence=Recurrence.NONE).filter(
        done_on__isnull=True, assigned_on__lte=today
    )
    for task in recurring.iterator(chunk_size=500):
        count = expected_reports_ensure(task, until=today)
        if count:
            created += count
            touched.append(task.pk)
    if touched:
        common.scoreboard_refresh(touched)
    return created


def _deadlines(today: datetime.date, horizon: datetime.date) -> list[tuple[Task, datetime.date]]:
    """(task, deadline) pairs worth a look: open one-deadline tasks, and the unsent reports
    of the lead units of recurring tasks, due up to ``horizon`` and not escalated yet."""
    escalated = TaskReminder.objects.filter(
        task=OuterRef("pk"), kind=REMINDER_OVERDUE, deadline_on=OuterRef("deadline_on")
    )
    tasks = (
        Task.objects.filter(
            recurrence=Recurrence.NONE, done_on__isnull=True, deadline_on__lte=horizon
        )
        .exclude(Exists(escalated))
        .select_related("lead_unit", "document")
    )
    pairs = [(task, task.deadline_on) for task in tasks]
    reported = TaskReminder.objects.filter(
        task=OuterRef("task"), kind=REMINDER_OVERDUE, deadline_on=OuterRef("due_on")
    )
    reports = (
        TaskReport.objects.filter(status__in=OPEN_STATUSES, due_on__lte=horizon)
        .exclude(task__recurrence=Recurrence.NONE)
        .exclude(Exists(reported))
        .select_related("task__lead_unit", "task__document")
    )
    pairs += [
        (report.task, report.due_on)
        for report in reports
        if report.unit_id == report.task.lead_unit_id
    ]
    return pairs


def task_reminders_send(
    *, today: datetime.date | None = None, days_before: int | None = None
) -> ReminderRun:
    """Run the daily reminders for ``today`` (default: today in Hà Nội)."""
    today = today or common.today()
    if days_before is None:
        days_before = settings.EGOV_TASK_REMINDER_DAYS
    created = _periods_ensure(today)
    calendar: WorkCalendar = work_calendar_get()
    horizon = today + datetime.timedelta(days=days_before * 2 + LOOKAHEAD_MARGIN)
    counts = {"before": 0, REMINDER_OVERDUE: 0}
    for task, deadline_on in _deadlines(today, horizon):
        kind = reminder_kind(
            calendar, deadline_on=deadline_on, today=today, days_before=days_before
        )
        if kind is not None and _remind(task, kind, deadline_on):
            counts[kind] += 1
    return ReminderRun(created, counts["before"], counts[REMINDER_OVERDUE])
