"""The daily escalation run of late questions and reports (issue 17; DIGIT PGR auto-escalation
is the anchor: on an SLA breach the complaint moves to the next level of officers).

An item still unanswered after its time limit goes first to the heads of the unit handling it
(level 1), then, every further ``EGOV_FEEDBACK_ESCALATION_DAYS`` working days, to the heads of
the unit one level higher in the org tree, up to the root. The item stays with its unit (the
unit above supervises and can act on it: it is within its reach); what changes is who has been
told, recorded as an :class:`~egov.feedback.models.Escalation` row per item × time limit ×
level, so running the job twice, or after a missed day, never tells anyone twice (after missed
days the item goes straight to the level it should have reached). Each escalation is audited
on the item."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.feedback.choices import FeedbackAuditAction, QuestionStatus, ReportStatus
from egov.feedback.models import Escalation, Question, Report
from egov.feedback.rules import escalation_level_due
from egov.feedback.services._common import person_tell
from egov.orgs.choices import Role
from egov.orgs.models import Membership, OrgUnit
from egov.workdays import rules as workday_rules
from egov.workdays.rules import WorkCalendar
from egov.workdays.selectors import work_calendar_get

logger = logging.getLogger(__name__)
HEAD_ROLES = (Role.UNIT_HEAD, Role.DIVISION_HEAD)
OPEN_REPORT_STATES = (ReportStatus.RECEIVED, ReportStatus.PROCESSING)


@dataclass(frozen=True)
class EscalationRun:
    """What one run did: questions and reports escalated, people told."""

    questions: int
    reports: int
    people: int


def unit_heads(unit: OrgUnit) -> list[User]:
    """The active heads of ``unit``; without any, those of the nearest unit above that has
    heads (who act for it). Ordered by name, once each."""
    ids = unit.ancestor_ids()
    memberships = (
        Membership.objects.current()
        .filter(unit_id__in=ids, role__in=HEAD_ROLES, user__is_active=True)
        .select_related("user", "unit")
        .order_by("-unit__depth", "user__full_name", "user_id")
    )
    found: dict[int, User] = {}
    depth = None
    for membership in memberships:
        if depth is not None and membership.unit.depth != depth:
            break
        if membership.unit_id != unit.pk and not membership.includes_subtree:
            continue
        depth = membership.unit.depth
        found.setdefault(membership.user_id, membership.user)
    return list(found.values())


def _target(unit: OrgUnit, level: int) -> OrgUnit:
    """The unit told at ``level``: the item's own unit at 1, its parent at 2, and so on."""
    ids = unit.ancestor_ids()
    return OrgUnit.objects.get(pk=ids[-level])


def _level_due(calendar: WorkCalendar, item: Question | Report, now: datetime.datetime) -> int:
    top = len(item.unit.ancestor_ids())
    try:
        late_days = workday_rules.working_days_between(calendar, item.due_at, now)
    except workday_rules.CalendarRangeError:
        late_days = Decimal(0)  # outside the calendar's years: the head is told, no further
    return escalation_level_due(
        late=now > item.due_at,
        late_days=late_days,
        interval=settings.EGOV_FEEDBACK_ESCALATION_DAYS,
        top=top,
    )


def _message(item: Question | Report, target: OrgUnit, level: int) -> tuple[str, str]:
    values = {
        "code": item.code,
        "title": item.title,
        "unit": item.unit.name,
        "due": timezone.localtime(item.due_at).strftime("%H:%M %d/%m/%Y"),
        "target": target.name,
        "level": level,
    }
    with translation.override("vi"):
        if isinstance(item, Question):
            subject = _("Late question %(code)s: %(title)s") % values
            body = _(
                "The question %(code)s sent to %(unit)s was due for an answer at %(due)s and "
                "has not been answered. It is escalated to %(target)s (level %(level)s)."
            )
        else:
            subject = _("Late report %(code)s: %(title)s") % values
            body = _(
                "The report %(code)s handled by %(unit)s was due for an answer at %(due)s and "
                "has not been answered. It is escalated to %(target)s (level %(level)s)."
            )
    return subject, body % values


def _escalate(
    model: type[Question | Report], pk: int, now: datetime.datetime, calendar: WorkCalendar
) -> int:
    """Escalate one item to the level it should have reached; the number of people told, or
    -1 when nothing was due (answered meanwhile, already there, or a concurrent run did it)."""
    try:
        with transaction.atomic():
            item = row_lock(model.objects.select_related("unit"), pk)
            still_open = (
                item.status == QuestionStatus.WAITING
                if model is Question
                else item.status in OPEN_REPORT_STATES
            )
            level = _level_due(calendar, item, now) if still_open else 0
            if level <= item.escalation_level:
                return -1
            target = _target(item.unit, level)
            heads = unit_heads(target)
            key = "question" if model is Question else "report"
            Escalation.objects.create(
                **{key: item},
                level=level,
                unit=target,
                due_at=item.due_at,
                escalated_at=now,
                recipients=len(heads),
            )
            item.escalation_level = level
            item.version += 1
            item.save(update_fields=["escalation_level", "version"])
            action = (
                FeedbackAuditAction.QUESTION_ESCALATED
                if model is Question
                else FeedbackAuditAction.REPORT_ESCALATED
            )
            event_record(
                actor=None,
                action=action,
                obj=item,
                changes={
                    "level": level,
                    "unit": target.name,
                    "due_at": item.due_at,
                    "recipients": len(heads),
                },
            )
            subject, body = _message(item, target, level)
            link = f"/workspace/feedback/{key}s/{item.pk}/"
            for head in heads:
                person_tell(head, subject=subject, body=body, link=link, obj=item)
    except IntegrityError:  # a concurrent run escalated it
        return -1
    return len(heads)


def escalations_send(*, now: datetime.datetime | None = None) -> EscalationRun:
    """Escalate every question and report unanswered past its time limit at ``now`` (default:
    the present moment) to the level it should have reached."""
    now = now or timezone.now()
    calendar = work_calendar_get()
    counts = {Question: 0, Report: 0}
    people = 0
    candidates = (
        (Question, Question.objects.filter(status=QuestionStatus.WAITING, due_at__lt=now)),
        (Report, Report.objects.filter(status__in=OPEN_REPORT_STATES, due_at__lt=now)),
    )
    for model, rows in candidates:
        for item in rows.select_related("unit").order_by("due_at", "pk"):
            if _level_due(calendar, item, now) <= item.escalation_level:
                continue  # already told at this level: no lock taken
            told = _escalate(model, item.pk, now, calendar)
            if told >= 0:
                counts[model] += 1
                people += told
    run = EscalationRun(questions=counts[Question], reports=counts[Report], people=people)
    logger.info(
        "feedback.escalations",
        extra={"questions": run.questions, "reports": run.reports, "people": run.people},
    )
    return run
