"""The daily reminder run of periodic reporting: the officers of a reporting unit are told of
its reports due within the regime's ``reminder_days`` working days and, once the deadline has
passed, of those still not sent (overdue). One reminder per report and kind (``Reminder``),
so running the job twice, or after a missed day, never sends twice. Sent through the
notification centre (e-mail), recorded in the audit trail."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.accounts.choices import NotificationChannel
from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.orgs.models import Membership
from egov.reporting import rules
from egov.reporting.choices import AuditAction, DeadlineUnit, ReminderKind, SubmissionStatus
from egov.reporting.models import Regime, Reminder, Submission
from egov.reporting.services import FILLERS
from egov.workdays import rules as workday_rules
from egov.workdays.selectors import work_calendar_get

logger = logging.getLogger(__name__)
NOT_SENT = (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT)


@dataclass(frozen=True)
class ReminderRun:
    before: int
    overdue: int


def _due(today: datetime.date) -> list[tuple[Submission, str]]:
    """(report, kind) pairs to send today: not sent, not yet reminded of that kind, due
    within the regime's reminder days (working days) or past due."""
    calendar = work_calendar_get()
    horizons = {
        regime.pk: rules.due_date(
            today,
            regime.reminder_days,
            DeadlineUnit.WORKING_DAYS,
            lambda day: workday_rules.is_working_day(calendar, day),
        )
        for regime in Regime.objects.filter(is_active=True)
    }
    if not horizons:
        return []
    pairs: list[tuple[Submission, str]] = []
    open_reports = Submission.objects.filter(
        regime_id__in=list(horizons), status__in=NOT_SENT
    ).select_related("regime", "unit")
    soon = open_reports.filter(due_on__gte=today, due_on__lte=max(horizons.values()))
    for report in soon.exclude(
        Exists(Reminder.objects.filter(submission=OuterRef("pk"), kind=ReminderKind.BEFORE))
    ):
        if report.due_on <= horizons[report.regime_id]:
            pairs.append((report, ReminderKind.BEFORE))
    late = open_reports.filter(due_on__lt=today).exclude(
        Exists(Reminder.objects.filter(submission=OuterRef("pk"), kind=ReminderKind.OVERDUE))
    )
    pairs += [(report, ReminderKind.OVERDUE) for report in late]
    return pairs


def _recipients(unit_ids: set[int]) -> dict[int, list]:
    """The active officers (with an e-mail address) who fill each unit's reports."""
    found: dict[int, dict[str, object]] = defaultdict(dict)
    for membership in (
        Membership.objects.current()
        .filter(unit_id__in=unit_ids, role__in=FILLERS)
        .select_related("user")
    ):
        user = membership.user
        if user.is_active and user.email:
            found[membership.unit_id][user.email] = user
    return {unit: [users[e] for e in sorted(users)] for unit, users in found.items()}


def _message(report: Submission, kind: str) -> tuple[str, str]:
    values = {
        "regime": report.regime.name,
        "unit": report.unit.name,
        "first": report.cutoff_first.strftime("%d/%m/%Y"),
        "last": report.cutoff_last.strftime("%d/%m/%Y"),
        "due": report.due_on.strftime("%d/%m/%Y"),
    }
    with translation.override("vi"):
        if kind == ReminderKind.OVERDUE:
            subject = _("Overdue report: %(regime)s") % values
            body = (
                _(
                    "The report %(regime)s of %(unit)s for the data from %(first)s to %(last)s "
                    "was due on %(due)s and has not been sent."
                )
                % values
            )
        else:
            subject = _("Report due on %(due)s: %(regime)s") % values
            body = (
                _(
                    "The report %(regime)s of %(unit)s for the data from %(first)s to %(last)s "
                    "is due on %(due)s."
                )
                % values
            )
    return subject, body


def reporting_reminders_send(*, today: datetime.date | None = None) -> ReminderRun:
    """Send today's reminders (default: today in Hà Nội)."""
    today = today or timezone.localdate()
    pairs = _due(today)
    people = _recipients({report.unit_id for report, _kind in pairs})
    counts = {ReminderKind.BEFORE: 0, ReminderKind.OVERDUE: 0}
    for report, kind in pairs:
        recipients = people.get(report.unit_id, [])
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    submission=report, kind=kind, sent_at=timezone.now(), recipients=len(recipients)
                )
                event_record(
                    actor=None,
                    action=AuditAction.SUBMISSION_REMINDED,
                    obj=report,
                    changes={"kind": kind, "due_on": report.due_on, "recipients": len(recipients)},
                )
                subject, body = _message(report, kind)
                link = reverse("reporting:submission-detail", kwargs={"pk": report.pk})
                for user in recipients:
                    notification_send(
                        recipient=user,
                        channel=NotificationChannel.EMAIL,
                        subject=subject,
                        body=body,
                        link=link,
                        obj=report,
                    )
        except IntegrityError:  # a concurrent run sent it
            continue
        counts[kind] += 1
    logger.info("reporting.reminders", extra={k.value: v for k, v in counts.items()})
    return ReminderRun(before=counts[ReminderKind.BEFORE], overdue=counts[ReminderKind.OVERDUE])
