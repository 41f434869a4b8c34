"""Reads of the workflow engine, scoped to the officer with :mod:`egov.orgs.access`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from egov.accounts.models import User
from egov.common.text import fold
from egov.orgs.access import reach_of
from egov.workdays.rules import add_working_time, working_days_between, working_time_between
from egov.workdays.selectors import work_calendar_get
from egov.workflow import rules
from egov.workflow.choices import InstanceStatus, Urgency
from egov.workflow.models import Pause, ProcessDefinition, ProcessInstance, StepInstance
from egov.workflow.subjects import subject_url


def process_definition_current(code: str, *, on: datetime.date) -> ProcessDefinition | None:
    """The published version of ``code`` in force on ``on`` (the highest if several are)."""
    return (
        ProcessDefinition.objects.published()
        .effective_on(on)
        .filter(code=code)
        .order_by("-version")
        .first()
    )


def process_definition_current_of(
    codes: list[str], *, on: datetime.date
) -> ProcessDefinition | None:
    """:func:`process_definition_current` of the first of ``codes`` that has one, read in one
    query (the desk's receipt looks up a unit's own internal procedure, then the shared one)."""
    found: dict[str, ProcessDefinition] = {}
    for definition in (
        ProcessDefinition.objects.published()
        .effective_on(on)
        .filter(code__in=codes)
        .order_by("-version")
    ):
        found.setdefault(definition.code, definition)
    return next((found[code] for code in codes if code in found), None)


def _acting_filter(user: User) -> Q:
    """Open steps the user may act on: :func:`rules.may_act` as a filter, from the same role
    mapping. For each role the user holds, the steps of that role in units within reach,
    unassigned or assigned to them; as a head, the steps of the roles it supervises."""
    query = Q(pk__in=[])
    for role in rules.STEP_ROLES:
        reach = reach_of(user, roles=[role])
        if reach.is_empty:
            continue
        own = Q(role=role) & (Q(assignee__isnull=True) | Q(assignee=user))
        supervised = rules.roles_supervised_by(role)
        query |= (Q(role__in=supervised) | own if supervised else own) & reach.q("unit")
    return query


def _nearly_due_days() -> Decimal:
    return Decimal(str(settings.EGOV_WORKFLOW_NEARLY_DUE_DAYS))


def inbox_list_for_user(
    user: User,
    *,
    status: str | None = None,
    overdue_only: bool = False,
    nearly_due_only: bool = False,
    query: str = "",
    now: datetime.datetime | None = None,
    nearly_due_days: Decimal | None = None,
) -> QuerySet[StepInstance]:
    """Open steps waiting for ``user``: overdue first, then nearly due (due within
    ``nearly_due_days`` working days, setting ``EGOV_WORKFLOW_NEARLY_DUE_DAYS``, default 1),
    then the rest by due moment; paused items last. Each row carries ``urgency``."""
    if not getattr(user, "is_authenticated", False):
        return StepInstance.objects.none()
    now = now or timezone.now()
    soon = add_working_time(work_calendar_get(), now, nearly_due_days or _nearly_due_days())
    paused = Q(instance__status=InstanceStatus.PAUSED)
    steps = (
        StepInstance.objects.open()
        .filter(_acting_filter(user))
        .filter(instance__status__in=[InstanceStatus.RUNNING, InstanceStatus.PAUSED])
        .annotate(
            urgency=Case(
                When(paused, then=Value(Urgency.PAUSED)),
                When(due_at__lt=now, then=Value(Urgency.OVERDUE)),
                When(due_at__lte=soon, then=Value(Urgency.NEARLY_DUE)),
                default=Value(Urgency.NORMAL),
                output_field=IntegerField(),
            )
        )
        .select_related("instance__subject_type", "step_definition", "unit", "assignee")
        .order_by("urgency", "due_at", "pk")
    )
    if status:
        steps = steps.filter(instance__status=status)
    if overdue_only:
        steps = steps.filter(due_at__lt=now).exclude(paused)
    if nearly_due_only:
        steps = steps.filter(due_at__gte=now, due_at__lte=soon).exclude(paused)
    if query:
        steps = steps.filter(instance__search_text__contains=fold(query))
    return steps


@dataclass(frozen=True)
class InboxRow:
    """One inbox line: the open step, its tier, the working time left (negative: late) and
    the page its item opens (None when the subject's app registered no page)."""

    step: StepInstance
    urgency: Urgency
    remaining: datetime.timedelta
    url: str | None = None


def inbox_rows(steps: Iterable[StepInstance], *, now: datetime.datetime) -> list[InboxRow]:
    """Rows for a page of :func:`inbox_list_for_user`; one calendar read, no per-row query."""
    calendar = work_calendar_get()
    return [
        InboxRow(
            step,
            Urgency(step.urgency),
            working_time_between(calendar, now, step.due_at),
            _subject_url(step.instance),
        )
        for step in steps
    ]


def _subject_url(instance: ProcessInstance) -> str | None:
    kind = instance.subject_type
    return subject_url(kind.app_label, kind.model, instance.subject_id)


def instance_get_for_user(user: User, pk: int) -> ProcessInstance:
    """An instance the officer may see: one of its steps (open or past) was in a unit within
    their reach, or assigned to or handled by them; anything else is a 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    reach = reach_of(user)
    seen = Q(steps__assignee=user) | Q(steps__acted_by=user)
    if not reach.is_empty:
        seen |= reach.q("steps__unit") | reach.q("owner_unit")
    ids = ProcessInstance.objects.filter(seen).filter(pk=pk).values("pk")
    instance = (
        ProcessInstance.objects.filter(pk__in=ids)
        .select_related(
            "definition",
            "owner_unit",
            "current_step__step_definition",
            "current_step__unit",
            "current_step__assignee",
        )
        .first()
    )
    if instance is None:
        raise Http404
    return instance


def instance_history(instance: ProcessInstance) -> list[StepInstance]:
    """The steps of ``instance`` in order, with their grades (the control sheet's rows)."""
    return list(
        StepInstance.objects.filter(instance=instance)
        .select_related("step_definition", "unit", "assignee", "acted_by")
        .order_by("seq")
    )


@dataclass(frozen=True)
class ClockState:
    """The clock of an instance at a moment, for display."""

    due_at: datetime.datetime
    legal_due_at: datetime.datetime
    remaining: datetime.timedelta
    remaining_days: Decimal
    day_hours: int
    is_overdue: bool
    is_paused: bool
    paused_since: datetime.datetime | None
    paused_total: Decimal
    was_reset: bool


def clock_state(instance: ProcessInstance, now: datetime.datetime) -> ClockState:
    """Working time left until the due moment (frozen while paused) and the time paused."""
    calendar = work_calendar_get()
    pauses = list(Pause.objects.filter(instance=instance).order_by("started_at"))
    open_pause = next((p for p in pauses if p.ended_at is None), None)
    moment = open_pause.started_at if open_pause else now
    if instance.finished_at is not None:
        moment = instance.finished_at
    paused_total = sum(
        (working_days_between(calendar, p.started_at, p.ended_at or now) for p in pauses),
        Decimal(0),
    )
    return ClockState(
        due_at=instance.due_at,
        legal_due_at=instance.legal_due_at,
        remaining=working_time_between(calendar, moment, instance.due_at),
        remaining_days=working_days_between(calendar, moment, instance.due_at),
        day_hours=int(calendar.day_length.total_seconds() // 3600),
        is_overdue=moment > instance.due_at,
        is_paused=open_pause is not None,
        paused_since=open_pause.started_at if open_pause else None,
        paused_total=paused_total.quantize(Decimal("0.001")),
        was_reset=instance.due_reset_count > 0,
    )
