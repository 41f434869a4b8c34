"""Requests that the sender supplement a report (the national portal's "PA chờ bổ sung"): the
clock stops while the sender answers, the request is audited and visible to the sender, and a
first request after the national portal's limit, like a late refusal, is counted late."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.figures import figure_get
from egov.common.transitions import WrongState
from egov.feedback import services
from egov.feedback.exceptions import FeedbackError
from egov.workdays.selectors import deadline_compute

SENT_AT = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)  # a Monday


def at(moment: datetime.datetime):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def send(citizen, category, area, **kw):
    data = {
        "title": "Đèn đường hỏng",
        "description": "Đèn đường trước số 10 không sáng.",
        "address": "10 Phó Đức Chính",
    }
    return services.report_submit(actor=citizen, category=category, area=area, **data, **kw)


def _actions(report) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(report.pk), action__startswith="feedback.report")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_limits_of_the_national_portal_are_set_from_sending(world, citizen, lighting):
    report = send(citizen, lighting, world.commune_a)

    assert report.refuse_due_at == deadline_compute(report.submitted_at, 2).due_at
    assert report.supplement_due_at == deadline_compute(report.submitted_at, 5).due_at


def test_the_clock_stops_while_the_sender_supplements(
    world, citizen, lighting, ward, dept_specialist
):
    with at(SENT_AT):
        report = send(citizen, lighting, world.commune_a)
        due = report.due_at
    with at(SENT_AT + datetime.timedelta(days=1)):
        with pytest.raises(PermissionDenied):  # not the officer of the reception step
            services.report_request_supplement(
                actor=dept_specialist, report=report, reason="Thiếu ảnh"
            )
        asked = services.report_request_supplement(
            actor=ward.clerk, report=report, reason="Cho biết số cột đèn."
        )
        with pytest.raises(WrongState):  # no answer while the sender is asked
            services.report_answer(actor=ward.specialist, report=asked, answer="Đã sửa.")
    with at(SENT_AT + datetime.timedelta(days=8)):
        with pytest.raises(FeedbackError) as empty:
            services.report_supplement(actor=citizen, report=asked, text="  ")
        done = services.report_supplement(actor=citizen, report=asked, text="Cột số 17.")

    assert asked.status == "supplement" and empty.value.fields.keys() == {"text"}
    assert (done.status, done.supplement_text) == ("received", "Cột số 17.")
    assert done.due_at > due and done.first_due_at == done.due_at  # the wait is not counted
    assert done.supplement_requested_at == SENT_AT + datetime.timedelta(days=1)
    assert _actions(done) == [
        "feedback.report_submitted",
        "feedback.report_supplement_requested",
        "feedback.report_supplemented",
    ]
    requested = AuditEvent.objects.get(action="feedback.report_supplement_requested")
    assert requested.changes["late"] is False and requested.changes["first"] is True
    assert Notification.objects.filter(recipient=citizen).count() == 1
    services.report_receive(actor=ward.clerk, report=done)  # handled on where it stood


def test_only_the_sender_supplements_and_an_officer_for_a_caller(world, citizen, lighting, ward):
    report = send(citizen, lighting, world.commune_a)
    services.report_request_supplement(actor=ward.clerk, report=report, reason="Thiếu địa chỉ")
    with pytest.raises(PermissionDenied):
        services.report_supplement(actor=ward.clerk, report=report, text="Số 10")

    called = services.report_submit(
        actor=ward.clerk,
        category=lighting,
        area=world.commune_a,
        title="Đèn hỏng",
        description="Gọi điện báo đèn hỏng.",
        address="Ngõ 5",
        channel="phone",
        contact_name="Bà Lan",
        contact_phone="0912345678",
    )
    services.report_request_supplement(actor=ward.clerk, report=called, reason="Số nhà?")
    done = services.report_supplement(actor=ward.clerk, report=called, text="Số 5")
    assert done.status == "received"


def test_a_late_refusal_and_a_late_first_request_are_counted(world, citizen, lighting, ward):
    with at(SENT_AT):
        in_time = send(citizen, lighting, world.commune_a)
        refused_late = send(citizen, lighting, world.commune_a)
        asked_late = send(citizen, lighting, world.commune_a)
    with at(SENT_AT + datetime.timedelta(days=1)):
        services.report_refuse(actor=ward.clerk, report=in_time, reason="Không đủ thông tin")
    with at(SENT_AT + datetime.timedelta(days=9)):
        services.report_refuse(actor=ward.clerk, report=refused_late, reason="Không rõ nơi")
        services.report_request_supplement(actor=ward.clerk, report=asked_late, reason="Ảnh?")
        services.report_supplement(actor=citizen, report=asked_late, text="Ảnh đã gửi.")
        services.report_request_supplement(actor=ward.clerk, report=asked_late, reason="Lần 2")
    march = {"first": datetime.date(2026, 3, 1), "last": datetime.date(2026, 3, 31)}
    ward_a = world.commune_a.pk

    assert figure_get("feedback.reports_refused").read(**march) == {ward_a: 2}
    assert figure_get("feedback.reports_refused_late").read(**march) == {ward_a: 1}
    assert figure_get("feedback.supplements_requested").read(**march) == {ward_a: 1}
    assert figure_get("feedback.supplements_requested_late").read(**march) == {ward_a: 1}
    late = AuditEvent.objects.filter(action="feedback.report_supplement_requested")
    assert [event.changes["late"] for event in late.order_by("pk")] == [True, False]


def test_the_sender_sees_the_request_and_supplements_on_the_page(
    client, world, citizen, lighting, ward
):
    report = send(citizen, lighting, world.commune_a)
    client.force_login(ward.clerk)
    asked = client.post(
        reverse("feedback_officer:report-action", args=[report.pk, "request-supplement"]),
        {"reason": "Cho biết số cột đèn."},
    )
    client.force_login(citizen)
    page = client.get(reverse("feedback:report-mine", args=[report.pk]))
    empty = client.post(reverse("feedback:report-supplement", args=[report.pk]), {"text": ""})
    sent = client.post(
        reverse("feedback:report-supplement", args=[report.pk]), {"text": "Cột số 17."}
    )
    after = client.get(reverse("feedback:report-mine", args=[report.pk]))

    assert asked.status_code == 302
    assert "Cho biết số cột đèn." in page.content.decode()
    assert reverse("feedback:report-supplement", args=[report.pk]) in page.content.decode()
    assert empty.status_code == 400 and sent.status_code == 302
    assert "Cột số 17." in after.content.decode()
    assert reverse("feedback:report-supplement", args=[report.pk]) not in after.content.decode()
