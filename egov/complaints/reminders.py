"""The daily reminder run of petition handling: the named handlers of an open petition are told
when its running time limit (the acceptance while registered, the settlement once accepted) is
``REMINDER_WORKING_DAYS`` working days away, and again once it has passed, when the head of the
unit is told too (escalation). One reminder per petition, kind and time limit (``Reminder``), so
a second run, or one after a missed day, sends nothing twice, and an extended limit is reminded
anew. The run also keeps ``Petition.overdue_since``: set when the running limit has passed,
cleared when it no longer has (accepted, extended, settled), each change in the audit trail.

Messages go through the notification centre (e-mail) in Vietnamese; a denunciation's message
names its number only, never the denouncer (Law on Denunciations 2018 art 8.3)."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.accounts.choices import NotificationChannel
from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.complaints import rules
from egov.complaints.choices import ComplaintsAuditAction, PetitionStatus, ReminderKind
from egov.complaints.models import Petition, Reminder
from egov.complaints.selectors import HANDLERS
from egov.orgs.models import Membership, Role
from egov.workdays.selectors import work_calendar_get

logger = logging.getLogger(__name__)
OVERDUE_KINDS = (ReminderKind.ACCEPTANCE_OVERDUE, ReminderKind.SETTLEMENT_OVERDUE)


@dataclass(frozen=True)
class ReminderRun:
    before: int
    overdue: int
    flagged: int
    cleared: int


def _limit(petition: Petition) -> tuple[str, datetime.date | None]:
    return rules.running_limit(
        status=petition.status,
        acceptance_due_on=petition.acceptance_due_on,
        settlement_due_on=petition.settlement_due_on,
    )


def _candidates(horizon: datetime.date) -> list[Petition]:
    """Open petitions whose running limit is at or before ``horizon`` (two indexed ranges)."""
    return list(
        Petition.objects.filter(
            Q(status=PetitionStatus.REGISTERED, acceptance_due_on__lte=horizon)
            | Q(status__in=rules.OPEN_STEPS, settlement_due_on__lte=horizon)
        )
        .select_related("unit")
        .order_by("pk")
    )


def _people(petitions: Iterable[Petition]) -> tuple[dict[int, list], dict[int, list]]:
    """Each petition's named handlers, and each unit's heads (active, with an e-mail); a
    petition without a named handler goes to the unit's handlers."""
    petitions = list(petitions)
    named: dict[int, dict[str, Any]] = defaultdict(dict)
    through = Petition.handlers.through.objects.filter(
        petition_id__in=[p.pk for p in petitions]
    ).select_related("user")
    for row in through:
        if row.user.is_active and row.user.email:
            named[row.petition_id][row.user.email] = row.user
    by_unit: dict[int, dict[str, Any]] = defaultdict(dict)
    heads: dict[int, dict[str, Any]] = defaultdict(dict)
    memberships = (
        Membership.objects.current()
        .filter(unit_id__in={p.unit_id for p in petitions}, role__in=HANDLERS)
        .select_related("user")
    )
    for membership in memberships:
        user = membership.user
        if user.is_active and user.email:
            by_unit[membership.unit_id][user.email] = user
            if membership.role == Role.UNIT_HEAD:
                heads[membership.unit_id][user.email] = user
    handlers = {
        p.pk: sorted((named.get(p.pk) or by_unit.get(p.unit_id, {})).values(), key=str)
        for p in petitions
    }
    return handlers, {unit: list(users.values()) for unit, users in heads.items()}


def _message(petition: Petition, kind: str, due: datetime.date) -> tuple[str, str]:
    values = {"number": petition.number, "unit": petition.unit.name, "due": f"{due:%d/%m/%Y}"}
    with translation.override("vi"):
        if kind in OVERDUE_KINDS:
            subject = _("Petition %(number)s is overdue") % values
            body = _(
                "The time limit of petition %(number)s of %(unit)s ended on %(due)s and it "
                "has not been handled: %(stage)s."
            ) % {**values, "stage": ReminderKind(kind).label}
        else:
            subject = _("Petition %(number)s is due on %(due)s") % values
            body = _(
                "The time limit of petition %(number)s of %(unit)s ends on %(due)s: %(stage)s."
            ) % {**values, "stage": ReminderKind(kind).label}
    return subject, body


def _remind(petition: Petition, kind: str, due: datetime.date, recipients: list) -> bool:
    """Record and send one reminder; False when a concurrent run already sent it."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                petition=petition,
                kind=kind,
                due_on=due,
                sent_at=timezone.now(),
                recipients=len(recipients),
            )
            subject, body = _message(petition, kind, due)
            link = reverse("complaints:petition-detail", kwargs={"pk": petition.pk})
            for user in recipients:
                notification_send(
                    recipient=user,
                    channel=NotificationChannel.EMAIL,
                    subject=subject,
                    body=body,
                    link=link,
                    obj=petition,
                )
    except IntegrityError:
        return False
    return True


def _set_flag(petition_id: int, value: datetime.date | None, action: str) -> None:
    """Set or clear the overdue flag under the row lock, audited; the version is the officers'
    (their forms' ``expected_version``), so the system's flag leaves it alone."""
    with transaction.atomic():
        locked = row_lock(Petition.objects.all(), petition_id)
        old = locked.overdue_since
        locked.overdue_since = value
        locked.save(update_fields=["overdue_since"])
        event_record(
            actor=None,
            action=action,
            obj=locked,
            changes={"overdue_since": [str(old) if old else None, str(value) if value else None]},
        )


def _flags(today: datetime.date, candidates: list[Petition]) -> tuple[int, int]:
    """Flag the petitions whose running limit has passed; clear those whose has not."""
    overdue: set[int] = set()
    flagged = cleared = 0
    for petition in candidates:
        _stage, due = _limit(petition)
        if due is None or due >= today:
            continue
        overdue.add(petition.pk)
        if petition.overdue_since is None:
            since = due + datetime.timedelta(days=1)
            _set_flag(petition.pk, since, ComplaintsAuditAction.PETITION_OVERDUE)
            flagged += 1
    stale = Petition.objects.filter(overdue_since__isnull=False).exclude(pk__in=list(overdue))
    for pk in stale.values_list("pk", flat=True):
        _set_flag(pk, None, ComplaintsAuditAction.PETITION_OVERDUE_CLEARED)
        cleared += 1
    return flagged, cleared


def complaints_reminders_send(*, today: datetime.date | None = None) -> ReminderRun:
    """Send today's reminders and keep the overdue flags (default: today in Hà Nội)."""
    today = today or timezone.localdate()
    horizon = rules.add_working_days(work_calendar_get(), today, rules.REMINDER_WORKING_DAYS)
    candidates = _candidates(horizon)
    sent = set(
        Reminder.objects.filter(petition__in=candidates).values_list(
            "petition_id", "kind", "due_on"
        )
    )
    handlers, heads = _people(candidates)
    counts = {"before": 0, "overdue": 0}
    for petition in candidates:
        stage, due = _limit(petition)
        kind = rules.reminder_kind(stage=stage, due=due, today=today, horizon=horizon)
        if kind is None or (petition.pk, kind, due) in sent:
            continue
        recipients = list(handlers.get(petition.pk, []))
        if kind in OVERDUE_KINDS:
            recipients += [u for u in heads.get(petition.unit_id, []) if u not in recipients]
        if _remind(petition, kind, due, recipients):
            counts["overdue" if kind in OVERDUE_KINDS else "before"] += 1
    flagged, cleared = _flags(today, candidates)
    logger.info("complaints.reminders", extra={**counts, "flagged": flagged, "cleared": cleared})
    return ReminderRun(
        before=counts["before"], overdue=counts["overdue"], flagged=flagged, cleared=cleared
    )
