import datetime
from decimal import Decimal

import pytest

from egov.common.periods import period_of
from egov.common.transitions import WrongState
from egov.reporting import rules


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("kind", "day", "first", "last"),
    [
        ("month", "2026-06-10", "2026-05-15", "2026-06-14"),
        ("month", "2026-01-03", "2025-12-15", "2026-01-14"),
        ("quarter", "2026-05-01", "2026-03-15", "2026-06-14"),
        ("half_year", "2026-02-01", "2025-12-15", "2026-06-14"),
        ("nine_months", "2026-02-01", "2025-12-15", "2026-09-14"),
        ("year", "2026-02-01", "2025-12-15", "2026-12-14"),
    ],
)
def test_cutoff_windows_of_decree_09(kind: str, day: str, first: str, last: str) -> None:
    assert rules.cutoff_window(period_of(kind, d(day)), 14) == (d(first), d(last))


def test_due_date_counts_working_days_or_calendar_days() -> None:
    weekdays = lambda day: day.weekday() < 5  # noqa: E731
    # Thursday 14/5/2026 + 2 working days: Friday 15, Monday 18.
    assert rules.due_date(d("2026-05-14"), 2, "working_days", weekdays) == d("2026-05-18")
    assert rules.due_date(d("2026-05-14"), 2, "calendar_days", weekdays) == d("2026-05-16")


@pytest.mark.parametrize(
    ("data_type", "raw", "expected"),
    [
        ("decimal", "1.234,5", Decimal("1234.5")),
        ("decimal", "7,25", Decimal("7.25")),
        ("decimal", 12, Decimal(12)),
        ("integer", "1.200", Decimal(1200)),
        ("decimal", "", None),
        ("decimal", None, None),
    ],
)
def test_value_parse_reads_vietnamese_numbers(data_type: str, raw: object, expected) -> None:
    assert rules.value_parse(data_type, raw)[0] == expected


@pytest.mark.parametrize(
    ("data_type", "raw"),
    [
        ("decimal", "abc"),
        ("integer", "1,5"),
        ("decimal", "1e400"),
        ("decimal", True),
        ("decimal", "NaN"),
    ],
)
def test_value_parse_refuses_what_is_not_of_the_type(data_type: str, raw: object) -> None:
    with pytest.raises(ValueError):
        rules.value_parse(data_type, raw)


def test_aggregate_sum_average_none() -> None:
    values = [Decimal(1), Decimal(2), Decimal(4)]
    assert rules.aggregate("sum", values) == Decimal(7)
    assert rules.aggregate("avg", values) == Decimal("2.3333")
    assert rules.aggregate("none", values) is None
    assert rules.aggregate("sum", []) is None


def test_timeliness_by_first_sending() -> None:
    due = d("2026-05-18")
    assert rules.timeliness("submitted", d("2026-05-18"), due) == "on_time"
    assert rules.timeliness("returned", d("2026-05-19"), due) == "late"
    assert rules.timeliness("draft", None, due) == "missing"


def test_transitions_refuse_accepting_a_draft() -> None:
    assert rules.SUBMISSION_TRANSITIONS.target("submit", "returned") == "submitted"
    with pytest.raises(WrongState):
        rules.SUBMISSION_TRANSITIONS.check("accept", "draft")


@pytest.mark.parametrize(
    ("number", "text"),
    [(Decimal("12.0000"), "12"), (Decimal("7.2000"), "7.2"), (Decimal("1300"), "1300"), (None, "")],
)
def test_number_text_reads_back_into_the_form(number, text) -> None:
    assert rules.number_text(number) == text
    if number is not None:
        assert rules.value_parse("decimal", text)[0] == number
