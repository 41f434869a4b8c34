"""The daily escalation of late questions and reports: the head of the unit as soon as the time
limit has passed, one level up the org tree every EGOV_FEEDBACK_ESCALATION_DAYS working days,
once per item × time limit × level, audited; late items in the figures."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from conftest import make_officer
from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.common.figures import figure_get
from egov.feedback import services
from egov.feedback.models import Escalation, Question, Report
from egov.feedback.rules import escalation_level_due
from egov.feedback.services.escalation import escalations_send
from egov.feedback.tests.matrix import question_for
from egov.workdays.rules import VN_TZ

DUE = datetime.datetime(2026, 3, 2, 17, 0, tzinfo=VN_TZ)  # a Monday, end of the day


def at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("late", "days", "expected"),
    [(False, "0", 0), (True, "0", 1), (True, "4.9", 1), (True, "5", 2), (True, "10", 3)],
)
def test_level_due(late, days, expected):
    assert escalation_level_due(late=late, late_days=Decimal(days), interval=5, top=3) == expected


def test_level_never_passes_the_root():
    assert escalation_level_due(late=True, late_days=Decimal(50), interval=5, top=3) == 3


@pytest.fixture
def late_report(world, citizen, ward, lighting):
    sent = services.report_submit(
        actor=citizen,
        category=lighting,
        area=world.commune_a,
        title="Đèn đường hỏng",
        description="Đèn không sáng.",
        address="10 Phó Đức Chính",
    )
    Report.objects.filter(pk=sent.pk).update(due_at=DUE, first_due_at=DUE)
    return sent


@pytest.fixture
def district_head(world):
    return make_officer("chutich.badinh@example.vn", world.district_a, "unit_head")


def test_late_report_goes_to_the_ward_head_then_to_the_district(
    late_report, ward, district_head, settings
):
    settings.EGOV_FEEDBACK_ESCALATION_DAYS = 5

    first = escalations_send(now=at(3))
    again = escalations_send(now=at(3, 16))
    later = escalations_send(now=at(10))  # 5.25 working days late

    assert (first.reports, first.people, again.reports, later.reports) == (1, 1, 0, 1)
    rows = list(Escalation.objects.order_by("level").values_list("level", "unit__name"))
    assert rows == [(1, "Phường Phúc Xá"), (2, "Quận Ba Đình")]
    told = Notification.objects.order_by("pk").values_list("recipient__email", "subject")
    assert list(told) == [
        (ward.head.email, f"Phản ánh trễ hạn {late_report.code}: Đèn đường hỏng"),
        (district_head.email, f"Phản ánh trễ hạn {late_report.code}: Đèn đường hỏng"),
    ]
    late_report.refresh_from_db()
    assert late_report.escalation_level == 2
    events = AuditEvent.objects.filter(action="feedback.report_escalated").order_by("pk")
    assert [e.changes["level"] for e in events] == [1, 2]


def test_after_missed_days_the_item_goes_straight_to_its_level(late_report, ward, settings):
    settings.EGOV_FEEDBACK_ESCALATION_DAYS = 5

    run = escalations_send(now=at(31))

    assert run.reports == 1
    assert list(Escalation.objects.values_list("level", "unit__name")) == [(3, "Thành phố Hà Nội")]


def test_answered_and_in_time_items_are_not_escalated(late_report, world, ward):
    services.report_receive(actor=ward.clerk, report=late_report)
    Report.objects.filter(pk=late_report.pk).update(due_at=DUE)
    services.report_answer(actor=ward.specialist, report=late_report, answer="Đã thay bóng.")
    question_for(world.commune_a, asked_at=at(2), due_at=at(20))

    run = escalations_send(now=at(3))

    assert (run.questions, run.reports, run.people) == (0, 0, 0)
    assert Escalation.objects.count() == 0
    assert AuditEvent.objects.filter(action__endswith="_escalated").count() == 0


def test_without_a_head_the_question_goes_to_the_head_over_the_unit(world):
    head = make_officer("chutich.hoankiem@example.vn", world.district_b, "unit_head", subtree=True)
    question = question_for(world.commune_b, asked_at=at(2, 8), due_at=DUE)

    run = escalations_send(now=at(3))

    assert (run.questions, run.people) == (1, 1)
    escalation = Escalation.objects.get()
    assert (escalation.question, escalation.unit, escalation.recipients) == (
        question,
        world.commune_b,
        1,
    )
    assert Notification.objects.get().recipient == head
    assert Question.objects.get().escalation_level == 1


def test_a_reopened_report_escalates_anew(late_report, ward, citizen):
    escalations_send(now=at(3))
    Report.objects.filter(pk=late_report.pk).update(due_at=at(2, 9))
    services.report_receive(actor=ward.clerk, report=late_report)
    services.report_answer(actor=ward.specialist, report=late_report, answer="Đã xử lý.")

    reopened = services.report_reopen(actor=citizen, report=late_report, reason="Chưa sáng")

    assert reopened.escalation_level == 0
    assert reopened.due_at != DUE


def test_the_command_prints_its_counts(late_report, ward):
    out = io.StringIO()
    call_command("feedback_escalations", date="2026-03-03", stdout=out)
    call_command("feedback_escalations", date="2026-03-03", stdout=out)

    assert out.getvalue().splitlines() == [
        "Feedback escalations: 0 questions and 1 reports escalated, 1 people told.",
        "Feedback escalations: 0 questions and 0 reports escalated, 0 people told.",
    ]


def test_late_items_are_in_the_figures(late_report, world):
    question_for(world.commune_a, asked_at=at(2, 8), due_at=DUE)
    question_for(world.commune_a, asked_at=at(2, 8), due_at=DUE, answered_at=at(2, 9))
    march = {"first": datetime.date(2026, 3, 1), "last": datetime.date(2026, 3, 31)}

    assert figure_get("feedback.reports_late").read(**march) == {world.commune_a.pk: 1}
    assert figure_get("feedback.questions_late").read(**march) == {world.commune_a.pk: 1}
