"""Duplicate reports: merged into the surviving report, the duplicate's reporter follows it and
is told of its answer; refused merges leave nothing behind; separating again is audited with
its reason and puts the duplicate back where it stood."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from egov.accounts.models import Notification
from egov.accounts.services import public_account_register
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.transitions import WrongState
from egov.feedback import selectors, services
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Report
from egov.workflow.models import ProcessInstance


@pytest.fixture
def neighbour(db):
    return public_account_register(
        full_name="Trần Thị Bình", password=None, citizen_id="001190054321", email="binh@example.vn"
    )


def send(person, category, area, **kw):
    data = {
        "title": "Đèn đường hỏng",
        "description": "Đèn đường trước số 10 không sáng.",
        "address": "10 Phó Đức Chính",
        "latitude": Decimal("21.043000"),
        "longitude": Decimal("105.846000"),
    }
    data.update(kw)
    return services.report_submit(actor=person, category=category, area=area, **data)


@pytest.fixture
def pair(world, citizen, neighbour, lighting):
    first = send(citizen, lighting, world.commune_a)
    second = send(neighbour, lighting, world.commune_a, latitude=Decimal("21.043500"))
    return first, second


def test_candidates_are_near_the_same_place_and_category(world, pair, ward, lighting, telecoms):
    first, second = pair
    far = send(first.reporter, lighting, world.commune_b, latitude=Decimal("21.100000"))
    other_kind = send(first.reporter, telecoms, world.commune_a)

    found = selectors.report_duplicate_candidates(ward.head, second)

    assert found == [first]
    assert far not in found and other_kind not in found


def test_merged_reporter_follows_the_survivor_and_is_told_of_its_answer(
    pair, ward, citizen, neighbour
):
    first, second = pair

    merged = services.report_merge(actor=ward.clerk, report=second, into=first)
    services.report_receive(actor=ward.clerk, report=first)
    services.report_answer(actor=ward.specialist, report=first, answer="Đã thay bóng đèn.")

    assert (merged.status, merged.duplicate_of) == ("merged", first)
    assert ProcessInstance.objects.get(pk=merged.process_id).status == "paused"
    told = list(
        Notification.objects.filter(recipient=neighbour).order_by("pk").values_list("subject")
    )
    assert told == [
        (f"Phản ánh {second.code} của bạn đã được gộp với phản ánh {first.code} cùng nội dung",),
        (f"Phản ánh {second.code} của bạn đã được trả lời",),
    ]
    assert Notification.objects.filter(recipient=citizen).count() == 1
    event = AuditEvent.objects.get(action="feedback.report_merged")
    assert event.changes["into"] == first.code


def test_merging_into_an_answered_report_tells_the_answer_at_once(pair, ward, neighbour):
    first, second = pair
    services.report_receive(actor=ward.clerk, report=first)
    services.report_answer(actor=ward.specialist, report=first, answer="Đã thay bóng đèn.")

    services.report_merge(actor=ward.clerk, report=second, into=first)

    assert Notification.objects.filter(recipient=neighbour).count() == 2


def test_refused_merges_leave_nothing(world, pair, ward, other_district_officer, neighbour):
    first, second = pair

    with pytest.raises(FeedbackError) as itself:
        services.report_merge(actor=ward.clerk, report=second, into=second)
    with pytest.raises(PermissionDenied):
        services.report_merge(actor=other_district_officer, report=second, into=first)
    services.report_merge(actor=ward.clerk, report=second, into=first)
    with pytest.raises(FeedbackError) as into_merged:
        services.report_merge(actor=ward.clerk, report=first, into=second)
    with pytest.raises(WrongState):
        services.report_merge(actor=ward.clerk, report=second, into=first)

    assert itself.value.code == "merge_itself"
    assert into_merged.value.code == "merge_target"
    assert AuditEvent.objects.filter(action="feedback.report_merged").count() == 1
    assert Report.objects.get(pk=first.pk).status == "received"


def test_separating_again_needs_a_reason_and_restores_the_report(pair, ward):
    first, second = pair
    services.report_receive(actor=ward.clerk, report=second)
    services.report_merge(actor=ward.head, report=second, into=first)

    with pytest.raises(FeedbackError) as no_reason:
        services.report_unmerge(actor=ward.head, report=second, reason=" ")
    separated = services.report_unmerge(
        actor=ward.head, report=second, reason="Hai cột đèn khác nhau"
    )

    assert list(no_reason.value.fields) == ["reason"]
    assert (separated.status, separated.duplicate_of, separated.closed_at) == (
        "processing",
        None,
        None,
    )
    assert ProcessInstance.objects.get(pk=separated.process_id).status == "running"
    event = AuditEvent.objects.get(action="feedback.report_unmerged")
    assert event.changes["reason"] == "Hai cột đèn khác nhau"


def test_officer_page_merges_and_separates(client, pair, ward):
    first, second = pair
    client.force_login(ward.clerk)
    page = reverse("feedback_officer:report-detail", args=[second.pk])

    shown = client.get(page)
    unknown = client.post(
        reverse("feedback_officer:report-action", args=[second.pk, "merge"]),
        {"into": "PA-2000-999999"},
    )
    merged = client.post(
        reverse("feedback_officer:report-action", args=[second.pk, "merge"]), {"into": first.code}
    )
    empty = client.post(reverse("feedback_officer:report-action", args=[second.pk, "unmerge"]))
    separated = client.post(
        reverse("feedback_officer:report-action", args=[second.pk, "unmerge"]),
        {"reason": "Khác chỗ"},
    )

    assert first.code in shown.content.decode()
    assert unknown.status_code == 400
    assert "Không có phản ánh nào mang mã này" in unknown.content.decode()
    assert (merged.status_code, empty.status_code, separated.status_code) == (302, 400, 302)
    assert Report.objects.get(pk=second.pk).status == "received"
