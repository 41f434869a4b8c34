"""Public JSON API of the working-day calendar (no login): deadlines, days off, whether a day
is worked and how many working days a range holds.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Router

from egov.workdays import selectors
from egov.workdays.schemas import (
    DayListOut,
    DayRangeQuery,
    DeadlineOut,
    DeadlineQuery,
    WorkingDayCountOut,
    WorkingDayCountQuery,
    WorkingDayOut,
    WorkingDayQuery,
)

router = Router(tags=["workdays"])


@router.get("/deadline", response=DeadlineOut, auth=None)
def deadline_compute(request: HttpRequest, query: Query[DeadlineQuery]) -> dict[str, object]:
    """Due moment of a time limit in working days, with the calendar version it used.

    Store ``due_at`` together with ``calendar_version``: deadlines are not recomputed when the
    calendar is corrected later.
    """
    deadline = selectors.deadline_compute(query.start, query.days, apply_cutoff=query.apply_cutoff)
    return {
        "start": query.start.astimezone(deadline.due_at.tzinfo),
        "start_counted_at": deadline.start_counted_at,
        "days": deadline.working_days.quantize(Decimal("0.1")),
        "due_at": deadline.due_at,
        "calendar_version": deadline.calendar_version,
    }


@router.get("/days", response=DayListOut, auth=None, by_alias=True)
def calendar_day_list(request: HttpRequest, query: Query[DayRangeQuery]) -> dict[str, object]:
    """Weekdays off and make-up Saturdays between two dates (at most 400 days), with names."""
    listing = selectors.calendar_day_list(first=query.from_, last=query.to)
    return {
        "from": query.from_,
        "to": query.to,
        "calendar_version": listing.calendar_version,
        "days": [
            {"date": d.on, "weekday": d.on.isoweekday(), "kind": d.kind, "name": d.name}
            for d in listing.days
        ],
    }


@router.get("/working-day", response=WorkingDayOut, auth=None)
def working_day_get(request: HttpRequest, query: Query[WorkingDayQuery]) -> dict[str, object]:
    """Is this day a working day, and why.

    A working day is Monday to Friday, except public holidays, their compensatory days and
    announced days off (swapped weekdays included), plus the make-up days worked for a swap
    (usually a Saturday). ``reason`` says which rule decided; ``name`` names the holiday or
    the swap.
    """
    answer = selectors.working_day_get(on=query.date)
    status = answer.status
    return {
        "date": status.on,
        "weekday": status.on.isoweekday(),
        "is_working_day": status.is_working_day,
        "reason": status.reason,
        "name": status.name,
        "swapped_with": status.swapped_with,
        "calendar_version": answer.calendar_version,
    }


@router.get("/working-days/count", response=WorkingDayCountOut, auth=None, by_alias=True)
def working_days_count(
    request: HttpRequest, query: Query[WorkingDayCountQuery]
) -> dict[str, object]:
    """How many working days lie between two dates, **both included**.

    Every day from ``from`` to ``to`` counts once if it is a working day (Monday to Friday
    except holidays and days off, plus make-up working days); ``from`` = ``to`` gives 1 on a
    working day and 0 otherwise. A reversed range, or one longer than ten years (3653 days),
    is refused with 422 naming the field ``to``.
    """
    result = selectors.working_days_count(first=query.from_, last=query.to)
    return {
        "from": query.from_,
        "to": query.to,
        "working_days": result.working_days,
        "calendar_version": result.calendar_version,
    }
