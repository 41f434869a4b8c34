"""Behaviour of questions and reports through their services."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image

from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.files import FileRefused
from egov.common.testing import files as samples
from egov.common.transitions import WrongState
from egov.documents.models import Document
from egov.feedback import selectors, services
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import CategoryRoute, Question, Report
from egov.feedback.tests.conftest import photo_bytes


def ask(citizen, unit, **kw):
    data = {"title": "Cấp lại giấy khai sinh", "body": "Tôi cần giấy tờ gì để cấp lại?"}
    data.update(kw)
    return services.question_ask(actor=citizen, unit=unit, **data)


def report(citizen, category, area, **kw):
    data = {
        "title": "Đèn đường hỏng",
        "description": "Đèn đường trước số 10 không sáng đã một tuần.",
        "address": "10 Phó Đức Chính",
    }
    data.update(kw)
    return services.report_submit(actor=citizen, category=category, area=area, **data)


# Questions


def test_a_double_click_asks_one_question(world, citizen):
    first = ask(citizen, world.commune_a, request_key="k1")
    again = ask(citizen, world.commune_a, request_key="k1")

    assert again.pk == first.pk
    assert Question.objects.count() == 1
    assert first.code.startswith("HD-") and first.due_at > first.asked_at


def test_an_officer_cannot_ask_and_empty_text_is_refused(world, citizen, ward):
    with pytest.raises(PermissionDenied):
        ask(ward.clerk, world.commune_a)
    with pytest.raises(FeedbackError) as refused:
        ask(citizen, world.commune_a, body="   ")
    assert refused.value.fields == {"body": "Trường này là bắt buộc."}
    assert Question.objects.count() == 0


def test_answer_tells_the_asker_and_publish_hides_the_asker(world, citizen, ward):
    question = ask(citizen, world.commune_a, body="Tôi là An, số 0912345678, hỏi về khai sinh.")

    services.question_answer(actor=ward.specialist, question=question, answer="Mang tờ khai.")
    with pytest.raises(FeedbackError) as warned:
        services.question_publish(
            actor=ward.specialist,
            question=question,
            public_title="Cấp lại giấy khai sinh",
            public_body=question.body,
        )
    published = services.question_publish(
        actor=ward.specialist,
        question=question,
        public_title="Cấp lại giấy khai sinh",
        public_body="Hỏi về cấp lại giấy khai sinh.",
    )

    assert warned.value.code == "personal_data"
    assert "0912345678" in warned.value.message
    assert published.status == "published"
    assert Notification.objects.filter(recipient=citizen).count() == 1
    assert [q.pk for q in selectors.answer_search(text="GIAY KHAI SINH")] == [question.pk]
    assert [q.pk for q in selectors.answer_suggest(text="khai sinh cho con")] == [question.pk]


def test_only_the_unit_answers_and_only_a_head_reassigns(world, citizen, ward, dept_specialist):
    question = ask(citizen, world.commune_a)

    with pytest.raises(PermissionDenied):
        services.question_answer(actor=dept_specialist, question=question, answer="x")
    with pytest.raises(PermissionDenied):
        services.question_reassign(
            actor=ward.specialist, question=question, to_unit=world.dept, reason="Sai nơi"
        )
    services.question_reassign(
        actor=ward.head, question=question, to_unit=world.dept, reason="Thuộc Sở"
    )
    services.question_answer(actor=dept_specialist, question=question, answer="Trả lời.")

    question.refresh_from_db()
    assert (question.unit, question.status) == (world.dept, "answered")
    assert AuditEvent.objects.filter(action="feedback.question_reassigned").count() == 1


def test_the_answer_is_a_letter_of_the_units_register(world, citizen, ward):
    question = ask(citizen, world.commune_a)

    with pytest.raises(PermissionDenied):  # the registry does not let a clerk alone draft
        services.question_answer(actor=ward.clerk, question=question, answer="Mang tờ khai.")
    services.question_answer(actor=ward.specialist, question=question, answer="Mang tờ khai.")
    corrected = services.question_answer(
        actor=ward.specialist, question=question, answer="Mang tờ khai và CCCD."
    )

    letter = Document.objects.get()  # the correction changed the draft, not a second letter
    assert corrected.answer_document_id == letter.pk
    assert (letter.doc_type.code, letter.status, letter.drafting_unit) == (
        "cong-van",
        "draft",
        world.commune_a,
    )
    assert question.code in letter.subject and letter.body == "Mang tờ khai và CCCD."
    assert citizen.full_name in letter.recipients_text
    event = AuditEvent.objects.filter(action="feedback.question_answered").last()
    assert event.changes["document"] == letter.pk


# Reports


def test_routing_by_area_fixed_unit_and_route(world, citizen, lighting, telecoms):
    in_ward = report(citizen, lighting, world.commune_a)
    to_dept = report(citizen, telecoms, world.commune_a)
    CategoryRoute.objects.create(category=lighting, area=world.district_b, unit=world.district_b)
    to_district = report(citizen, lighting, world.commune_b)

    assert in_ward.unit == world.commune_a
    assert to_dept.unit == world.dept
    assert to_district.unit == world.district_b
    assert in_ward.status == "received" and in_ward.process_id is not None
    assert in_ward.due_at > to_dept.due_at - datetime.timedelta(days=30)


def test_photo_location_is_kept_and_stripped_from_the_copy(world, citizen, lighting):
    sent = report(citizen, lighting, world.commune_a, photos=[io.BytesIO(photo_bytes())])

    photo = sent.photos.get()
    with photo.file.open("rb") as kept:
        exif = Image.open(io.BytesIO(kept.read())).getexif()
    assert (photo.exif_latitude, photo.exif_longitude) == (Decimal("21.03"), Decimal("105.85"))
    assert dict(exif) == {}


def test_bad_input_is_refused_and_nothing_is_kept(world, citizen, lighting):
    with pytest.raises(FileRefused):
        report(citizen, lighting, world.commune_a, photos=[io.BytesIO(samples.pdf())])
    with pytest.raises(FeedbackError) as outside:
        report(
            citizen, lighting, world.commune_a, latitude=Decimal("10.8"), longitude=Decimal("106.6")
        )
    with pytest.raises(FeedbackError) as long_title:
        report(citizen, lighting, world.commune_a, title="x" * 201)

    assert outside.value.code == "outside_province"
    assert list(long_title.value.fields) == ["title"]
    assert Report.objects.count() == 0


def test_full_handling_rating_and_one_reopen(world, citizen, ward, lighting):
    sent = report(citizen, lighting, world.commune_a, request_key="r1")
    assert report(citizen, lighting, world.commune_a, request_key="r1").pk == sent.pk

    with pytest.raises(WrongState):
        services.report_rate(actor=citizen, report=sent, rating="like")
    services.report_receive(actor=ward.clerk, report=sent)
    services.report_assign(actor=ward.head, report=sent, assignee=ward.specialist)
    answered = services.report_answer(actor=ward.specialist, report=sent, answer="Đã thay bóng.")
    assert answered.status == "answered" and not answered.is_late
    reopened = services.report_reopen(actor=citizen, report=sent, reason="Vẫn chưa sáng")
    assert reopened.status == "received"
    services.report_receive(actor=ward.clerk, report=sent)
    services.report_answer(actor=ward.specialist, report=sent, answer="Đã sửa dây.")
    rated = services.report_rate(actor=citizen, report=sent, rating="dislike")

    assert (rated.status, rated.rating) == ("closed", "dislike")
    with pytest.raises(FeedbackError) as twice:
        services.report_reopen(actor=citizen, report=sent, reason="Lần nữa")
    assert twice.value.code == "reopened_once"
    assert Notification.objects.filter(recipient=citizen).count() == 2


def test_reopen_after_the_allowed_time_is_refused(world, citizen, ward, lighting, settings):
    sent = report(citizen, lighting, world.commune_a)
    services.report_receive(actor=ward.clerk, report=sent)
    services.report_answer(actor=ward.specialist, report=sent, answer="Đã xử lý.")
    Report.objects.filter(pk=sent.pk).update(
        answered_at=timezone.now() - datetime.timedelta(days=settings.EGOV_FEEDBACK_REOPEN_DAYS + 1)
    )

    with pytest.raises(FeedbackError) as late:
        services.report_reopen(actor=citizen, report=sent, reason="Chưa xong")

    assert late.value.code == "reopen_too_late"


def test_hand_over_moves_the_report_to_the_other_unit(world, citizen, ward, lighting):
    sent = report(citizen, lighting, world.commune_a)

    services.report_hand_over(
        actor=ward.clerk, report=sent, to_unit=world.district_a, reason="Thuộc quận"
    )

    sent.refresh_from_db()
    assert sent.unit == world.district_a
    assert AuditEvent.objects.filter(action="feedback.report_handed_over").count() == 1


def test_an_officer_enters_a_report_for_a_caller(world, ward, lighting):
    entered = services.report_submit(
        actor=ward.clerk,
        category=lighting,
        area=world.commune_a,
        title="Đèn hỏng",
        description="Người dân gọi điện báo.",
        address="Ngõ 5",
        channel="phone",
        contact_name="Trần Thị Bình",
        contact_phone="0987654321",
    )

    event = AuditEvent.objects.get(action="feedback.report_submitted")
    assert (entered.reporter, entered.entered_by, entered.channel) == (None, ward.clerk, "phone")
    assert event.changes["on_behalf_of"] == "Trần Thị Bình"


def test_officers_see_their_units_only(world, citizen, ward, other_district_officer, lighting):
    sent = report(citizen, lighting, world.commune_a)

    assert list(selectors.report_list_for_officer(ward.clerk)) == [sent]
    assert list(selectors.report_list_for_officer(other_district_officer)) == []
