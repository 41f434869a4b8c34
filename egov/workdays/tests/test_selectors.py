"""The calendar as read from the database: versions, cache invalidation, adjustments, settings."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from egov.workdays.exceptions import CalendarVersionUnavailable, InvalidDateRange, OutsideCalendar
from egov.workdays.models import CalendarAdjustment, CalendarRevision
from egov.workdays.rules import Deadline
from egov.workdays.selectors import (
    calendar_day_list,
    calendar_version,
    deadline_compute,
    work_calendar_get,
)
from egov.workdays.services import calendar_adjustment_delete, calendar_adjustment_set
from egov.workdays.tests.calendars import at

D = datetime.date
SOURCE = "Thông báo thử nghiệm số 2/TB-TEST (test data)."


def _day_off(actor, on: datetime.date) -> CalendarAdjustment:
    return calendar_adjustment_set(
        actor=actor, on=on, kind="extra_day_off", description="Test day off", source=SOURCE
    )


def test_version_of_the_shipped_calendar(db):
    assert calendar_version() == "h0.109-r1"
    assert work_calendar_get().version == "h0.109-r1"


def test_deadline_carries_the_version(db):
    deadline = deadline_compute(at(2025, 1, 24, 10), Decimal(1))

    assert deadline == Deadline(
        due_at=at(2025, 2, 3, 10),
        working_days=Decimal(1),
        calendar_version="h0.109-r1",
        start_counted_at=at(2025, 1, 24, 10),
    )


def test_cutoff_applies_unless_turned_off(db):
    late = at(2025, 2, 7, 16)

    assert deadline_compute(late, Decimal("0.5")).due_at == at(2025, 2, 8, 12)
    assert deadline_compute(late, Decimal("0.5"), apply_cutoff=False).due_at == at(2025, 2, 8, 11)


def test_a_change_invalidates_the_cached_calendar(system_admin):
    before = deadline_compute(at(2027, 3, 26, 10), Decimal(1))  # Friday; fills the cache

    _day_off(system_admin, D(2027, 3, 29))
    after = deadline_compute(at(2027, 3, 26, 10), Decimal(1))

    assert (before.due_at, before.calendar_version) == (at(2027, 3, 29, 10), "h0.109-r1")
    assert (after.due_at, after.calendar_version) == (at(2027, 3, 30, 10), "h0.109-r2")


def test_deleting_the_tet_2025_make_up_day_is_honoured(system_admin):
    calendar_adjustment_delete(
        actor=system_admin, adjustment=CalendarAdjustment.objects.get(on=D(2025, 2, 8))
    )

    assert deadline_compute(at(2025, 2, 7, 10), Decimal(1)).due_at == at(2025, 2, 10, 10)


def test_an_old_version_can_be_reproduced(system_admin):
    _day_off(system_admin, D(2027, 3, 29))

    old = deadline_compute(at(2027, 3, 26, 10), Decimal(1), calendar_version="h0.109-r1")

    assert (old.due_at, old.calendar_version) == (at(2027, 3, 29, 10), "h0.109-r1")


@pytest.mark.parametrize("version", ["h0.109-r99", "h0.100-r1", "r1", ""])
def test_unknown_versions_are_refused(db, version):
    with pytest.raises(CalendarVersionUnavailable):
        deadline_compute(at(2025, 3, 3, 10), Decimal(1), calendar_version=version)


def test_a_rolled_back_revision_never_reaches_the_cache(system_admin):
    start = at(2027, 3, 26, 10)
    with transaction.atomic():
        _day_off(system_admin, D(2027, 3, 29))
        assert deadline_compute(start, Decimal(1)).due_at == at(2027, 3, 30, 10)
        transaction.set_rollback(True)

    _day_off(system_admin, D(2027, 3, 31))  # the same revision number, other data

    assert calendar_version() == "h0.109-r2"
    assert deadline_compute(start, Decimal(1)).due_at == at(2027, 3, 29, 10)
    assert deadline_compute(start, Decimal(3)).due_at == at(2027, 4, 1, 10)


def test_a_cache_hit_costs_one_query(db, django_assert_num_queries):
    deadline_compute(at(2025, 3, 3, 10), Decimal(1))

    with django_assert_num_queries(1):
        deadline_compute(at(2025, 3, 3, 10), Decimal(1))


def test_without_a_revision_row_the_live_table_is_used(db):
    CalendarRevision.objects.all().delete()

    deadline = deadline_compute(at(2025, 2, 7, 10), Decimal(1))

    assert (deadline.due_at, deadline.calendar_version) == (at(2025, 2, 8, 10), "h0.109-r0")


@override_settings(
    EGOV_OFFICE_SESSIONS=["07:30-11:30", "13:30-17:30"], EGOV_SAME_DAY_CUTOFF="16:00"
)
def test_office_settings_are_read_at_call_time(db):
    deadline = deadline_compute(at(2025, 3, 3, 15, 30), Decimal("0.5"))

    assert deadline.start_counted_at == at(2025, 3, 3, 15, 30)
    assert deadline.due_at == at(2025, 3, 4, 9, 30)


def test_deadline_beyond_the_calendar_is_a_domain_error(db):
    with pytest.raises(OutsideCalendar) as caught:
        deadline_compute(at(2099, 12, 1, 10), Decimal(365))

    assert list(caught.value.fields) == ["start"]


def test_day_list_of_2026(db):
    with translation.override("en"):
        listing = calendar_day_list(first=D(2026, 1, 1), last=D(2026, 12, 31))

    assert listing.calendar_version == "h0.109-r1"
    assert [(d.on.isoformat(), d.kind.value) for d in listing.days] == [
        ("2026-01-01", "day_off"),
        ("2026-01-02", "day_off"),
        ("2026-01-10", "makeup_working_day"),
        ("2026-02-16", "day_off"),
        ("2026-02-17", "day_off"),
        ("2026-02-18", "day_off"),
        ("2026-02-19", "day_off"),
        ("2026-02-20", "day_off"),
        ("2026-04-27", "day_off"),
        ("2026-04-30", "day_off"),
        ("2026-05-01", "day_off"),
        ("2026-08-22", "makeup_working_day"),
        ("2026-08-31", "day_off"),
        ("2026-09-01", "day_off"),
        ("2026-09-02", "day_off"),
        ("2026-11-24", "day_off"),
    ]
    names = {d.on: d.name for d in listing.days}
    assert names[D(2026, 1, 2)] == "Day off (swapped with 10/01/2026)"
    assert names[D(2026, 8, 22)] == "Make-up working day for 31/08/2026"
    assert names[D(2026, 11, 24)] == "Vietnam Cultural Day"


def test_day_names_follow_the_language(db):
    with translation.override("vi"):
        listing = calendar_day_list(first=D(2026, 11, 1), last=D(2026, 11, 30))

    assert [d.name for d in listing.days] == ["Ngày Văn hóa Việt Nam"]


@pytest.mark.parametrize(
    ("first", "last"), [(D(2025, 1, 1), D(2026, 2, 5)), (D(2025, 2, 1), D(2025, 1, 31))]
)
def test_day_list_range_is_checked(db, first, last):
    with pytest.raises(InvalidDateRange) as caught:
        calendar_day_list(first=first, last=last)

    assert list(caught.value.fields) == ["to"]
