"""Pure rules: definition checks, who may act, the control sheet grade."""

from __future__ import annotations

from decimal import Decimal

import pytest

from egov.workflow import rules
from egov.workflow.rules import Problem
from egov.workflow.tests.factories import at

D = Decimal


@pytest.mark.parametrize(
    ("days", "valid"),
    [
        (D("0.125"), True),
        (D("0.5"), True),
        (D("2.5"), True),
        (D("0.1"), False),
        (D(0), False),
        (D("-1"), False),
    ],
)
def test_allowances_are_whole_hours(days, valid):
    assert rules.allowance_is_valid(days) is valid


def test_a_good_definition_has_no_problem():
    steps = [
        (1, D("0.5"), "front_desk_officer"),
        (2, D("3"), "specialist"),
        (3, D("2"), "unit_head"),
    ]

    assert rules.definition_problems(D("5.5"), steps) == []


def test_definition_problems_are_all_reported():
    steps = [(1, D("0.5"), "specialist"), (3, D("0.1"), "citizen")]

    assert rules.definition_problems(D("5"), steps) == [
        Problem("orders", {"orders": "1, 3"}),
        Problem("allowance", {"order": 3, "days": D("0.1")}),
        Problem("role", {"order": 3, "role": "citizen"}),
        Problem("sum", {"sum": D("0.6"), "total": D("5")}),
    ]
    assert rules.definition_problems(D("1"), []) == [Problem("no_steps")]


def test_heads_act_on_lower_roles_only():
    assert rules.supervisors_over("specialist") == ("division_head", "unit_head")
    assert rules.supervisors_over("division_head") == ("unit_head",)
    assert rules.supervisors_over("unit_head") == ()
    assert rules.roles_supervised_by("clerk") == ()
    assert rules.roles_supervised_by("division_head") == (
        "clerk",
        "front_desk_officer",
        "specialist",
    )
    assert rules.roles_supervised_by("unit_head") == (
        "clerk",
        "front_desk_officer",
        "specialist",
        "division_head",
    )
    assert rules.roles_supervised_by("system_admin") == ()


@pytest.mark.parametrize(
    ("left", "grade"),
    [
        (at(2025, 2, 4, 17), "early"),
        (at(2025, 2, 5, 8), "on_time"),
        (at(2025, 2, 5, 15), "on_time"),
        (at(2025, 2, 5, 15, 1), "late"),
    ],
)
def test_timeliness_by_the_due_day(left, grade):
    assert rules.timeliness_grade(left_at=left, due_at=at(2025, 2, 5, 15), tz=rules_tz()) == grade


def rules_tz():
    from egov.workdays.rules import VN_TZ

    return VN_TZ


def test_hours_convert_to_working_days():
    assert rules.hours_to_days(D(3)) == D("0.375")
