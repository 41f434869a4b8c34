"""Every time limit across the 2026 holidays (Tết 16–20/2, 27/4, 30/4–1/5, 31/8–2/9), and the
rule set in force by date: 10 working days to accept a complaint until 30/6/2026, 7 from
1/7/2026 (Decree 155/2026)."""

from __future__ import annotations

import datetime

import pytest

from egov.complaints import rules
from egov.complaints.choices import Outcome, PetitionKind
from egov.complaints.selectors import limits_of, rule_set_in_force
from egov.workdays.selectors import work_calendar_get

D = datetime.date
pytestmark = pytest.mark.django_db


def _limits(day: datetime.date) -> rules.Limits:
    return limits_of(rule_set_in_force(day))


def test_the_rule_set_changes_on_1_july_2026() -> None:
    assert rule_set_in_force(D(2026, 6, 30)).code == "LKN2011-LTC2018"
    assert rule_set_in_force(D(2026, 7, 1)).code == "ND155-2026"
    assert rule_set_in_force(D(2026, 12, 6)).complaint_acceptance_days == 7


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 2, 13), D(2026, 3, 6)),  # old rule, 10 working days over Tết
        (D(2026, 6, 30), D(2026, 7, 14)),  # last day of the old rule: 10 working days
        (D(2026, 7, 1), D(2026, 7, 10)),  # first day of the new rule: 7 working days
        (D(2026, 8, 24), D(2026, 9, 7)),  # new rule over 31/8–2/9
    ],
)
def test_complaint_acceptance_counts_working_days_of_the_rule_in_force(
    received: datetime.date, due: datetime.date
) -> None:
    limits = _limits(received)
    calendar = work_calendar_get()
    got = rules.acceptance_due(calendar, limits, kind=PetitionKind.COMPLAINT, received_on=received)
    assert got == due


def test_denunciation_acceptance_is_7_working_days_over_the_april_holidays() -> None:
    calendar = work_calendar_get()
    due = rules.acceptance_due(
        calendar,
        _limits(D(2026, 4, 24)),
        kind=PetitionKind.DENUNCIATION,
        received_on=D(2026, 4, 24),
    )
    assert due == D(2026, 5, 8)


def test_a_request_has_no_acceptance() -> None:
    calendar = work_calendar_get()
    limits = _limits(D(2026, 8, 3))
    assert (
        rules.acceptance_due(calendar, limits, kind=PetitionKind.REQUEST, received_on=D(2026, 8, 3))
        is None
    )


@pytest.mark.parametrize(
    ("accepted", "is_complex", "is_remote", "due"),
    [
        (D(2026, 8, 2), False, False, D(2026, 9, 3)),  # day 30 is 1/9, a holiday, then 2/9
        (D(2026, 1, 5), True, False, D(2026, 2, 23)),  # day 45 is 19/2 (Tết)
        (D(2026, 10, 1), False, True, D(2026, 11, 16)),  # remote 45: 15/11 is a Sunday
        (D(2026, 10, 1), True, True, D(2026, 11, 30)),  # remote and complex 60
        (D(2026, 10, 26), False, False, D(2026, 11, 25)),  # 25/11: the day after 24/11 off
    ],
)
def test_first_instance_settlement_in_days_ending_on_a_working_day(
    accepted: datetime.date, is_complex: bool, is_remote: bool, due: datetime.date
) -> None:
    calendar = work_calendar_get()
    got = rules.settlement_due(
        calendar,
        _limits(accepted),
        kind=PetitionKind.COMPLAINT,
        accepted_on=accepted,
        is_complex=is_complex,
        is_remote=is_remote,
    )
    assert got == due


@pytest.mark.parametrize(
    ("extensions", "due"),
    [(0, D(2026, 7, 31)), (1, D(2026, 9, 3)), (2, D(2026, 9, 29))],
)
def test_denunciation_settlement_30_days_extended_twice_at_most(
    extensions: int, due: datetime.date
) -> None:
    calendar = work_calendar_get()
    limits = _limits(D(2026, 7, 1))
    got = rules.settlement_due(
        calendar,
        limits,
        kind=PetitionKind.DENUNCIATION,
        accepted_on=D(2026, 7, 1),
        is_complex=False,
        is_remote=False,
        extensions=extensions,
    )
    assert got == due
    assert rules.extension_problem(limits, kind=PetitionKind.DENUNCIATION, extensions=1) is None
    assert rules.extension_problem(limits, kind=PetitionKind.DENUNCIATION, extensions=2)
    assert rules.extension_problem(limits, kind=PetitionKind.COMPLAINT, extensions=0)


def test_time_limit_to_complain_is_90_days() -> None:
    limits = _limits(D(2026, 12, 1))
    received = D(2026, 12, 1)
    assert not rules.complaint_too_late(
        limits, contested_on=received - datetime.timedelta(days=90), received_on=received
    )
    assert rules.complaint_too_late(
        limits, contested_on=received - datetime.timedelta(days=91), received_on=received
    )


def test_outcomes_the_law_gives() -> None:
    accept = {"outcome": Outcome.ACCEPT, "is_competent": True, "reasons": []}
    assert rules.outcome_problem(kind=PetitionKind.COMPLAINT, is_anonymous=False, **accept) is None
    assert rules.outcome_problem(kind=PetitionKind.REQUEST, is_anonymous=False, **accept)
    assert rules.outcome_problem(kind=PetitionKind.DENUNCIATION, is_anonymous=True, **accept)
    assert rules.outcome_problem(
        kind=PetitionKind.COMPLAINT,
        is_anonymous=False,
        outcome=Outcome.ACCEPT,
        is_competent=False,
        reasons=[],
    )
    assert rules.outcome_problem(
        kind=PetitionKind.COMPLAINT,
        is_anonymous=False,
        outcome=Outcome.TRANSFER,
        is_competent=True,
        reasons=[],
    )


def test_match_key_ignores_accents_case_and_spacing() -> None:
    one = rules.match_key(name="Nguyễn Văn An", id_number="", content="Đất  bị thu hồi")
    two = rules.match_key(name="nguyen van an", id_number="", content="dat bi THU hoi ")
    assert one == two
