"""Behaviour of the report's life: fill, send (a document), return, correct, send again,
accept; completeness and roll-up; who may do what; concurrent edits."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.common.transitions import WrongState
from egov.common.validation import TextRequired
from egov.documents.models import Document
from egov.reporting import selectors, services
from egov.reporting.models import Submission
from egov.reporting.services import ReportError
from egov.reporting.tests.conftest import MAY, Setup, at

pytestmark = pytest.mark.django_db
GOOD = {"01": "1.250,5", "02": "7,2", "03": "12", "04": "Ổn định"}


def fill(setup: Setup, submission: Submission, user, values=GOOD) -> Submission:
    submission.refresh_from_db()
    return services.submission_save(
        actor=user, submission=submission, values=values, expected_version=submission.version
    )


def send(submission: Submission, user) -> Submission:
    submission.refresh_from_db()
    return services.submission_submit(
        actor=user, submission=submission, expected_version=submission.version
    )


def test_period_opens_one_report_per_commune_with_cutoff_and_due_date(setup: Setup) -> None:
    assert setup.a.cutoff_first == datetime.date(2026, 4, 15)
    assert setup.a.cutoff_last == datetime.date(2026, 5, 14)
    assert setup.a.due_on == datetime.date(2026, 5, 18)  # 2 working days after Thu 14/5
    assert Submission.objects.filter(regime=setup.regime).count() == 2
    assert services.period_open(actor=None, regime=setup.regime, period=MAY) == 0


def test_journey_fill_send_return_correct_accept(setup: Setup, clock) -> None:
    a = fill(setup, setup.a, setup.filler_a)
    assert a.status == "draft"
    assert {v.indicator.code: v.number for v in a.values.select_related("indicator")}[
        "01"
    ] == Decimal("1250.5")
    a = send(a, setup.filler_a)
    assert a.status == "submitted" and a.document is not None
    document = Document.objects.get(pk=a.document_id)
    assert document.unit_id == setup.a.unit_id and "1250.5" in document.body
    a.refresh_from_db()
    a = services.submission_return(
        actor=setup.receiver, submission=a, reason="Sai số thu", expected_version=a.version
    )
    assert a.status == "returned" and a.return_reason == "Sai số thu"
    clock.set(at(2026, 5, 20))
    a = fill(setup, a, setup.filler_a, {**GOOD, "01": "1300"})
    a = send(a, setup.filler_a)
    assert a.times_submitted == 2
    assert Document.objects.filter(drafting_unit=setup.a.unit).count() == 2  # both kept
    a.refresh_from_db()
    a = services.submission_accept(actor=setup.receiver, submission=a, expected_version=a.version)
    assert a.status == "accepted"
    with pytest.raises(WrongState):
        fill(setup, a, setup.filler_a)
    actions = set(AuditEvent.objects.for_object(a).values_list("action", flat=True))
    assert actions == {
        "reporting.submission_saved",
        "reporting.submission_submitted",
        "reporting.submission_returned",
        "reporting.submission_accepted",
    }
    # Timeliness follows the first sending (15/5, before the due 18/5).
    c = selectors.completeness(setup.regime, MAY.first, today=datetime.date(2026, 5, 20))
    assert [s.unit_id for s in c.on_time] == [setup.a.unit_id]
    assert [s.unit_id for s in c.missing] == [setup.b.unit_id]
    assert (c.expected, c.submitted, c.overdue) == (2, 1, True)


def test_late_sending_counts_late_and_rollup_adds_by_rule(setup: Setup, clock) -> None:
    send(fill(setup, setup.a, setup.filler_a), setup.filler_a)
    clock.set(at(2026, 5, 19))
    send(
        fill(setup, setup.b, setup.filler_b, {"01": "100", "02": "6,8", "03": "3"}), setup.filler_b
    )
    c = selectors.completeness(setup.regime, MAY.first)
    assert [s.unit_id for s in c.late] == [setup.b.unit_id]
    assert len(c.on_time) == 1 and not c.missing
    rolled = {
        r.indicator.code: (r.value, r.units) for r in selectors.rollup(setup.regime, MAY.first)
    }
    assert rolled == {
        "01": (Decimal("1350.5"), 2),
        "02": (Decimal("7.0"), 2),
        "03": (Decimal(15), 2),
    }
    figures = selectors.reporting_figures(setup.regime, MAY.first)
    assert figures == {
        "expected": 2, "submitted": 2, "on_time": 1, "late": 1, "missing": 0, "accepted": 0
    }  # fmt: skip


def test_rollup_equals_a_naive_sum_over_sent_reports(setup: Setup) -> None:
    send(fill(setup, setup.a, setup.filler_a, {**GOOD, "01": "10"}), setup.filler_a)
    fill(setup, setup.b, setup.filler_b, {**GOOD, "01": "99"})  # a draft is not counted
    naive = sum(
        v.number
        for s in Submission.objects.filter(status__in=["submitted", "accepted"])
        for v in s.values.filter(indicator__code="01")
    )
    rolled = {r.indicator.code: r.value for r in selectors.rollup(setup.regime, MAY.first)}
    assert rolled["01"] == naive == Decimal(10)


def test_wrong_values_are_named_and_nothing_is_saved(setup: Setup) -> None:
    with pytest.raises(ReportError) as caught:
        fill(setup, setup.a, setup.filler_a, {"01": "nhiều", "03": "1,5"})
    assert set(caught.value.fields) == {"value_01", "value_03"}
    assert not setup.a.values.exists()
    setup.a.refresh_from_db()
    assert setup.a.status == "not_started"


def test_sending_needs_every_required_value(setup: Setup) -> None:
    fill(setup, setup.a, setup.filler_a, {"01": "5"})
    with pytest.raises(ReportError) as caught:
        send(setup.a, setup.filler_a)
    assert set(caught.value.fields) == {"value_02", "value_03"}


def test_only_the_reporting_unit_fills_and_only_the_receiver_decides(setup: Setup, world) -> None:
    with pytest.raises(PermissionDenied):
        fill(setup, setup.a, setup.filler_b)
    a = send(fill(setup, setup.a, setup.filler_a), setup.filler_a)
    a.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.submission_accept(actor=setup.filler_a, submission=a, expected_version=a.version)
    with pytest.raises(TextRequired):
        services.submission_return(
            actor=setup.receiver, submission=a, reason="  ", expected_version=a.version
        )


def test_two_people_saving_the_same_draft_one_is_told(setup: Setup, world) -> None:
    colleague = make_officer("phochutich.phucxa@example.vn", world.commune_a, "unit_head")
    seen = setup.a.version
    services.submission_save(
        actor=setup.filler_a, submission=setup.a, values=GOOD, expected_version=seen
    )
    with pytest.raises(ConcurrentChange):
        services.submission_save(
            actor=colleague, submission=setup.a, values={"01": "1"}, expected_version=seen
        )
    assert setup.a.values.get(indicator__code="01").number == Decimal("1250.5")


def test_double_submit_sends_once(setup: Setup) -> None:
    a = fill(setup, setup.a, setup.filler_a)
    version = a.version
    services.submission_submit(actor=setup.filler_a, submission=a, expected_version=version)
    with pytest.raises(ConcurrentChange):
        services.submission_submit(actor=setup.filler_a, submission=a, expected_version=version)
    with pytest.raises(WrongState):
        services.submission_submit(actor=setup.filler_a, submission=a, expected_version=None)
    assert Document.objects.filter(drafting_unit=setup.a.unit).count() == 1


def test_scope_unit_sees_its_own_receiver_sees_those_sent_to_it(setup: Setup) -> None:
    assert set(selectors.submissions_for_user(setup.filler_a)) == {setup.a}
    assert set(selectors.submissions_for_user(setup.receiver)) == {setup.a, setup.b}
    assert list(selectors.regimes_for_user(setup.filler_a)) == []
    assert list(selectors.regimes_for_user(setup.receiver)) == [setup.regime]


@pytest.mark.parametrize("seed", range(5))
def test_unit_figures_equal_a_naive_count(setup: Setup, clock, seed: int) -> None:
    import random

    rng = random.Random(seed)
    june = MAY.next()
    services.period_open(actor=None, regime=setup.regime, period=june)
    for submission in Submission.objects.all():
        user = setup.filler_a if submission.unit_id == setup.a.unit_id else setup.filler_b
        if rng.random() < 0.3:
            continue
        clock.set(at(2026, submission.period_first.month, rng.choice([16, 18, 19, 25])))
        send(fill(setup, submission, user), user)
    figures = selectors.reporting_unit_figures(
        user=setup.receiver, first=MAY.first, last=june.first
    )
    for unit_id, row in figures.items():
        mine = list(Submission.objects.filter(unit_id=unit_id))
        sent = [s for s in mine if s.first_submitted_at is not None]
        on_time = [
            s
            for s in sent
            if s.first_submitted_at.astimezone(at(2026, 1, 1).tzinfo).date() <= s.due_on
        ]
        assert (row.expected, row.on_time, row.late, row.missing) == (
            len(mine),
            len(on_time),
            len(sent) - len(on_time),
            len(mine) - len(sent),
        )
    assert sum(r.expected for r in figures.values()) == 4
    mine_only = selectors.reporting_unit_figures(
        user=setup.filler_a, first=MAY.first, last=june.first
    )
    assert set(mine_only) == {setup.a.unit_id}
