"""Pauses (restart or exclude), the due reset allowed once, finishing and cancelling."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from egov.audit.models import AuditEvent
from egov.common.validation import TextRequired
from egov.workflow.exceptions import DueResetRefused, InvalidTransition
from egov.workflow.models import Pause, StepInstance
from egov.workflow.selectors import ClockState, clock_state
from egov.workflow.services import (
    process_cancel,
    process_due_reset,
    process_finish,
    process_pause,
    process_resume,
    step_forward,
)
from egov.workflow.tests.factories import at, started

D = Decimal
HOURS = datetime.timedelta(hours=1)


@pytest.fixture
def at_appraisal(world, clock, citizen, front_desk_officer):
    """Received Wed 22/01/2025 10:00 (due 05/02 15:00), at step 2 since 22/01 11:00 (due
    23/01 16:00), paused on Thu 23/01/2025 10:00."""
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    clock.set(at(2025, 1, 22, 11))
    return step_forward(actor=front_desk_officer, instance=instance, expected_version=1)


def test_pause_excluding_the_wait_moves_every_due_moment(at_appraisal, clock, specialist):
    clock.set(at(2025, 1, 23, 10))
    instance = process_pause(
        actor=specialist,
        instance=at_appraisal,
        expected_version=2,
        reason="Chờ công dân nộp bản sao",
        restarts_clock=False,
    )
    clock.set(at(2025, 2, 3, 10))
    instance = process_resume(actor=specialist, instance=instance, expected_version=3)

    # paused 16 working hours (23/01 6 h, 24/01 8 h, 03/02 2 h; Tết does not count)
    pause = Pause.objects.get(instance=instance)
    assert (pause.ended_at, pause.excluded_days) == (at(2025, 2, 3, 10), D("2.000"))
    assert (instance.status, instance.legal_due_at, instance.due_at) == (
        "running",
        at(2025, 2, 7, 15),
        at(2025, 2, 7, 15),
    )
    assert instance.current_step.due_at == at(2025, 2, 3, 16)

    clock.set(at(2025, 2, 3, 13, 30))
    instance = step_forward(actor=specialist, instance=instance, expected_version=4)
    step = StepInstance.objects.get(instance=instance, seq=2)
    # 25.5 working hours since 22/01 11:00, less the 16 paused
    assert (step.paused_days, step.used_days, step.timeliness) == (D("2"), D("1.188"), "on_time")


def test_pause_restarting_the_time_limit_counts_it_again_in_full(at_appraisal, clock, specialist):
    """Decree 61/2018 art. 19: the complete dossier arrives Mon 03/02 16:00, after the
    cut-off: 5.5 days from Tue 04/02 08:00, over the make-up Saturday 08/02."""
    clock.set(at(2025, 1, 23, 10))
    instance = process_pause(
        actor=specialist,
        instance=at_appraisal,
        expected_version=2,
        reason="Yêu cầu bổ sung hồ sơ",
        restarts_clock=True,
    )
    clock.set(at(2025, 2, 3, 16))
    instance = process_resume(actor=None, instance=instance, expected_version=3)

    step = instance.current_step
    assert (instance.counting_started_at, instance.legal_due_at, instance.due_at) == (
        at(2025, 2, 4, 8),
        at(2025, 2, 10, 12),
        at(2025, 2, 10, 12),
    )
    assert (step.counted_from, step.due_at, step.paused_days) == (
        at(2025, 2, 4, 8),
        at(2025, 2, 5, 12),
        D(0),
    )
    assert Pause.objects.get(instance=instance).excluded_days is None


def test_clock_is_frozen_while_paused(at_appraisal, clock, specialist):
    clock.set(at(2025, 2, 4, 9))
    instance = process_pause(
        actor=specialist,
        instance=at_appraisal,
        expected_version=2,
        reason="Chờ nghĩa vụ tài chính",
        restarts_clock=False,
    )

    state = clock_state(instance, at(2025, 2, 5, 16))

    assert state == ClockState(
        due_at=at(2025, 2, 5, 15),
        legal_due_at=at(2025, 2, 5, 15),
        remaining=13 * HOURS,
        remaining_days=D("1.625"),
        day_hours=8,
        is_overdue=False,
        is_paused=True,
        paused_since=at(2025, 2, 4, 9),
        paused_total=D("1.750"),
        was_reset=False,
    )


def test_clock_counts_working_time_left_and_overdue(at_appraisal):
    before = clock_state(at_appraisal, at(2025, 1, 24, 17))
    after = clock_state(at_appraisal, at(2025, 2, 6, 9))

    assert (before.remaining, before.is_overdue) == (22 * HOURS, False)
    assert (after.remaining, after.remaining_days, after.is_overdue) == (
        -3 * HOURS,
        D("-0.375"),
        True,
    )


def test_due_reset_once_before_the_due_moment(at_appraisal, clock, specialist):
    clock.set(at(2025, 2, 4, 9))
    instance = process_due_reset(
        actor=specialist,
        instance=at_appraisal,
        expected_version=2,
        new_due_at=at(2025, 2, 7, 17),
        reason="Chờ ý kiến Sở Xây dựng",
    )

    assert (
        instance.due_at,
        instance.legal_due_at,
        instance.due_reset_count,
        instance.due_reset_reason,
    ) == (at(2025, 2, 7, 17), at(2025, 2, 5, 15), 1, "Chờ ý kiến Sở Xây dựng")
    events = AuditEvent.objects.count()
    with pytest.raises(DueResetRefused) as refused:
        process_due_reset(
            actor=specialist,
            instance=instance,
            expected_version=3,
            new_due_at=at(2025, 2, 10, 17),
            reason="Lần hai",
        )
    assert refused.value.code == "due_reset_refused"
    assert AuditEvent.objects.count() == events
    instance.refresh_from_db()
    assert (instance.due_at, instance.version) == (at(2025, 2, 7, 17), 3)


def test_due_reset_refused_once_the_due_moment_has_passed(at_appraisal, clock, specialist):
    clock.set(at(2025, 2, 5, 15, 1))

    with pytest.raises(DueResetRefused):
        process_due_reset(
            actor=specialist,
            instance=at_appraisal,
            expected_version=2,
            new_due_at=at(2025, 2, 7, 17),
            reason="Muộn",
        )
    at_appraisal.refresh_from_db()
    assert (at_appraisal.due_reset_count, at_appraisal.due_at) == (0, at(2025, 2, 5, 15))


def test_due_reset_must_move_the_due_moment_later(at_appraisal, clock, specialist):
    clock.set(at(2025, 2, 4, 9))

    with pytest.raises(DueResetRefused):
        process_due_reset(
            actor=specialist,
            instance=at_appraisal,
            expected_version=2,
            new_due_at=at(2025, 2, 5, 10),
            reason="Sớm hơn",
        )


def test_refusing_needs_a_reason_and_is_graded(at_appraisal, clock, specialist):
    clock.set(at(2025, 1, 23, 9))
    with pytest.raises(TextRequired):
        process_finish(
            actor=specialist, instance=at_appraisal, expected_version=2, outcome="refused"
        )

    instance = process_finish(
        actor=specialist,
        instance=at_appraisal,
        expected_version=2,
        outcome="refused",
        note="Không đủ điều kiện hưởng",
    )

    assert (instance.status, instance.outcome, instance.timeliness, instance.closing_note) == (
        "finished",
        "refused",
        "early",
        "Không đủ điều kiện hưởng",
    )


def test_cancel_ends_an_open_pause_and_the_step(at_appraisal, clock, specialist):
    clock.set(at(2025, 1, 23, 10))
    instance = process_pause(
        actor=specialist,
        instance=at_appraisal,
        expected_version=2,
        reason="Chờ bổ sung",
        restarts_clock=True,
    )
    clock.set(at(2025, 1, 24, 10))

    instance = process_cancel(
        actor=None, instance=instance, expected_version=3, reason="Công dân rút hồ sơ"
    )

    assert (instance.status, instance.finished_at, instance.current_step) == (
        "cancelled",
        at(2025, 1, 24, 10),
        None,
    )
    assert Pause.objects.get(instance=instance).ended_at == at(2025, 1, 24, 10)
    assert StepInstance.objects.get(instance=instance, seq=2).action == "cancelled"


def test_a_paused_item_cannot_be_forwarded(at_appraisal, clock, specialist):
    instance = process_pause(
        actor=specialist,
        instance=at_appraisal,
        expected_version=2,
        reason="Chờ bổ sung",
        restarts_clock=False,
    )

    with pytest.raises(InvalidTransition):
        step_forward(actor=specialist, instance=instance, expected_version=3)
