"""A calendar built like production (package + shipped adjustments) without touching the DB."""

from __future__ import annotations

import datetime
import functools

from egov.workdays import rules, sources

TZ = rules.VN_TZ


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime.datetime:
    """A moment in Vietnam time."""
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=TZ)


@functools.cache
def shipped_calendar(
    sessions: tuple[rules.Session, ...] = rules.DEFAULT_SESSIONS,
) -> rules.WorkCalendar:
    adjustments = [
        rules.Adjustment(
            on=row["on"],
            kind=row["kind"],
            name=row["description"],
            swapped_with=row["swapped_with"],
        )
        for row in sources.shipped_adjustments()
    ]
    years = {"first_year": rules.FIRST_YEAR, "last_year": rules.LAST_YEAR}
    return rules.calendar_build(
        version="test",
        holidays=sources.package_days_off(**years),
        adjustments=adjustments,
        substitutions=sources.package_substitutions(**years),
        sessions=sessions,
    )
