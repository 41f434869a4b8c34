"""Figures of disclosure and consultation for the dashboards (PAPI's "participation" and
"transparency"): consultations held, comments received and answered, the hours taken to answer
(an average with the answered count), and the duties judged in the range — due, published on
time, late or missing. Each is a unit's own rows, in a constant number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection
from decimal import Decimal

from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, day_bounds, unit_filter
from egov.disclosure import rules
from egov.disclosure.choices import DutyStatus, Frequency
from egov.disclosure.models import Comment, Consultation, Duty, Item
from egov.orgs.models import OrgUnit
from egov.workdays.selectors import work_calendar_get

Ids = Collection[int] | None


def consultations_held(
    *, first: datetime.date, last: datetime.date, unit_ids: Ids
) -> dict[int, int]:
    rows = (
        Consultation.objects.filter(
            opens_on__range=(first, last), **unit_filter("unit_id", unit_ids)
        )
        .values("unit_id")
        .annotate(n=Count("pk"))
    )
    return {r["unit_id"]: r["n"] for r in rows}


def _comments(field: str, first: datetime.date, last: datetime.date, unit_ids: Ids):
    start, end = day_bounds(first, last)
    return Comment.objects.received().filter(
        **{f"{field}__gte": start, f"{field}__lt": end},
        **unit_filter("consultation__unit_id", unit_ids),
    )


def comments_received(
    *, first: datetime.date, last: datetime.date, unit_ids: Ids
) -> dict[int, int]:
    rows = (
        _comments("created_at", first, last, unit_ids)
        .values("consultation__unit_id")
        .annotate(n=Count("pk"))
    )
    return {r["consultation__unit_id"]: r["n"] for r in rows}


def comments_answered(
    *, first: datetime.date, last: datetime.date, unit_ids: Ids
) -> dict[int, int]:
    rows = (
        _comments("answered_at", first, last, unit_ids)
        .values("consultation__unit_id")
        .annotate(n=Count("pk"))
    )
    return {r["consultation__unit_id"]: r["n"] for r in rows}


def answer_minutes(
    *, first: datetime.date, last: datetime.date, unit_ids: Ids
) -> dict[int, Decimal]:
    """Minutes from each comment to its answer, summed per unit (in Python: the same on SQLite
    and PostgreSQL; one query)."""
    totals: dict[int, Decimal] = {}
    rows = _comments("answered_at", first, last, unit_ids).values_list(
        "consultation__unit_id", "created_at", "answered_at"
    )
    for unit_id, sent, answered in rows:
        minutes = Decimal(int((answered - sent).total_seconds()) // 60)
        totals[unit_id] = totals.get(unit_id, Decimal(0)) + minutes
    return totals


def _duty_counts(first: datetime.date, last: datetime.date, unit_ids: Ids) -> dict[str, Counter]:
    """Per status, per unit: the duties whose due day falls in the range. Three queries."""
    calendar = work_calendar_get()
    duties = list(Duty.objects.filter(is_active=True).exclude(frequency=Frequency.EVENT))
    kinds = {k for d in duties for k in d.unit_kinds}
    units = list(
        OrgUnit.objects.filter(kind__in=kinds, **unit_filter("pk", unit_ids)).values_list(
            "pk", "kind"
        )
    )
    judged = []
    for duty in duties:
        period = rules.duty_period(duty.frequency, last)
        while period is not None:
            due = rules.due_on(
                calendar, counts_from=duty.counts_from, days=duty.due_working_days, period=period
            )
            if due < first:
                break
            if due <= last:
                judged.append((duty, period, due))
            period = period.previous()
    published = {
        (r["unit_id"], r["duty_id"], r["period_first"]): r["first"]
        for r in Item.objects.filter(
            period_first__in={p.first for _d, p, _due in judged}, **unit_filter("unit_id", unit_ids)
        )
        .values("unit_id", "duty_id", "period_first")
        .annotate(first=Min("published_on"))
    }
    counts: dict[str, Counter] = {s: Counter() for s in DutyStatus.values}
    for unit_id, kind in units:
        for duty, period, due in judged:
            if kind in duty.unit_kinds:
                day = published.get((unit_id, duty.pk, period.first))
                counts[rules.duty_status(due=due, published_on=day, today=last)][unit_id] += 1
    return counts


def duties_due(*, first: datetime.date, last: datetime.date, unit_ids: Ids) -> dict[int, int]:
    counts = _duty_counts(first, last, unit_ids)
    return dict(sum((counts[s] for s in DutyStatus.values), Counter()))


def duties_on_time(*, first: datetime.date, last: datetime.date, unit_ids: Ids) -> dict[int, int]:
    return dict(_duty_counts(first, last, unit_ids)[DutyStatus.ON_TIME])


def duties_late(*, first: datetime.date, last: datetime.date, unit_ids: Ids) -> dict[int, int]:
    counts = _duty_counts(first, last, unit_ids)
    return dict(counts[DutyStatus.LATE] + counts[DutyStatus.MISSING])


FIGURES = (
    Figure(
        code="disclosure.consultations_held",
        label=_("Consultations on drafts held"),
        description=_("Consultations the unit opened in the period."),
        measure=Measure.COUNT,
        values=consultations_held,
    ),
    Figure(
        code="disclosure.comments_received",
        label=_("Comments on drafts received"),
        description=_("Comments on the unit's drafts sent in the period, hidden ones included."),
        measure=Measure.COUNT,
        values=comments_received,
    ),
    Figure(
        code="disclosure.comments_answered",
        label=_("Comments on drafts answered"),
        description=_("Comments on the unit's drafts answered in the period."),
        measure=Measure.COUNT,
        values=comments_answered,
    ),
    Figure(
        code="disclosure.answer_minutes",
        label=_("Time to answer comments on drafts"),
        description=_("Minutes from each comment answered in the period to its answer, summed."),
        measure=Measure.MINUTES,
        values=answer_minutes,
    ),
    Figure(
        code="disclosure.duties_due",
        label=_("Disclosure duties due"),
        description=_("Periodic disclosure duties of the unit whose due day falls in the period."),
        measure=Measure.COUNT,
        values=duties_due,
    ),
    Figure(
        code="disclosure.duties_on_time",
        label=_("Disclosure duties published on time"),
        description=_("Duties due in the period whose item was published by the due day."),
        measure=Measure.COUNT,
        values=duties_on_time,
    ),
    Figure(
        code="disclosure.duties_late",
        label=_("Disclosure duties late or missing"),
        description=_("Duties due in the period published after the due day, or not at all."),
        measure=Measure.COUNT,
        values=duties_late,
    ),
)
