"""Public JSON API of the working-day calendar (no login): deadlines and days off.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Router

from egov.workdays import selectors
from egov.workdays.schemas import DayListOut, DayRangeQuery, DeadlineOut, DeadlineQuery

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
