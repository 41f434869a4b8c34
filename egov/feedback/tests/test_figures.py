"""Each registered figure of feedback against a naive count of the same rows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from egov.common.figures import figure_get
from egov.feedback.models import Question, Report
from egov.feedback.tests.matrix import question_for, report_for
from egov.workdays.rules import VN_TZ, working_days_between
from egov.workdays.selectors import work_calendar_get

D = datetime.date
CODES = (
    "feedback.questions_received",
    "feedback.questions_answered",
    "feedback.questions_answered_on_time",
    "feedback.reports_received",
    "feedback.reports_answered",
    "feedback.reports_answered_on_time",
    "feedback.questions_late",
    "feedback.reports_late",
)


def moment(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=VN_TZ)


@pytest.fixture
def items(world):
    """Questions and reports of two units across a few days, some answered late."""
    for unit, day, answered, due in (
        (world.commune_a, 2, 3, 10),
        (world.commune_a, 2, 12, 10),  # late
        (world.commune_a, 4, None, 10),
        (world.commune_b, 3, 5, 4),  # late
        (world.commune_b, 31, None, 31),
        (world.dept, 6, 6, 9),
    ):
        question_for(
            unit,
            asked_at=moment(day),
            due_at=moment(due, 17),
            answered_at=moment(answered) if answered else None,
        )
        report_for(
            unit,
            submitted_at=moment(day),
            due_at=moment(due, 17),
            first_due_at=moment(due, 17),
            first_answered_at=moment(answered) if answered else None,
        )


def naive(code: str, first: D, last: D) -> dict[int, int]:
    in_range = lambda at: at is not None and first <= timezone.localtime(at).date() <= last  # noqa: E731
    counts: dict[int, int] = {}
    rows = Question.objects.all() if code.startswith("feedback.questions") else Report.objects.all()
    for row in rows:
        if isinstance(row, Question):
            received, answered, due = row.asked_at, row.answered_at, row.due_at
        else:
            received, answered, due = row.submitted_at, row.first_answered_at, row.first_due_at
            answered = answered or row.closed_at
        if code.endswith("late"):
            hit = in_range(due) and due < timezone.now() and (answered is None or answered > due)
        elif code.endswith("received"):
            hit = in_range(received)
        elif code.endswith("answered"):
            hit = in_range(answered)
        else:
            hit = in_range(answered) and answered <= due
        if hit:
            counts[row.unit_id] = counts.get(row.unit_id, 0) + 1
    return counts


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(
    ("first", "last"), [(D(2026, 3, 1), D(2026, 3, 31)), (D(2026, 3, 3), D(2026, 3, 5))]
)
def test_figure_equals_a_naive_count(
    items, world, code, first, last, django_assert_max_num_queries
):
    figure = figure_get(code)

    with django_assert_max_num_queries(1):
        values = figure.read(first=first, last=last)
    only_a = figure.read(first=first, last=last, unit_ids=[world.commune_a.pk])

    assert values == naive(code, first, last)
    assert only_a == {k: v for k, v in naive(code, first, last).items() if k == world.commune_a.pk}


def test_the_month_counts_are_exact(items, world):
    march = {"first": D(2026, 3, 1), "last": D(2026, 3, 31)}

    assert figure_get("feedback.reports_answered").read(**march) == {
        world.commune_a.pk: 2,
        world.commune_b.pk: 1,
        world.dept.pk: 1,
    }
    assert figure_get("feedback.reports_answered_on_time").read(**march) == {
        world.commune_a.pk: 1,
        world.dept.pk: 1,
    }
    assert figure_get("feedback.questions_received").read(**march)[world.commune_b.pk] == 2


@pytest.mark.parametrize("code", ["feedback.questions_answer_days", "feedback.reports_answer_days"])
def test_answer_days_equal_a_row_by_row_sum(items, world, code, django_assert_max_num_queries):
    calendar = work_calendar_get()
    first, last = D(2026, 3, 1), D(2026, 3, 31)
    expected: dict[int, Decimal] = {}
    for row in Question.objects.all() if "questions" in code else Report.objects.all():
        received = row.asked_at if isinstance(row, Question) else row.submitted_at
        answered = row.answered_at if isinstance(row, Question) else row.first_answered_at
        if answered is not None and first <= timezone.localtime(answered).date() <= last:
            days = working_days_between(calendar, received, answered)
            expected[row.unit_id] = expected.get(row.unit_id, Decimal(0)) + days

    with django_assert_max_num_queries(2):
        values = figure_get(code).read(first=first, last=last)

    assert values == {unit: days.quantize(Decimal("0.001")) for unit, days in expected.items()}
    assert values[world.commune_a.pk] > 0
