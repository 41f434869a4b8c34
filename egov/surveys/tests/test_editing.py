"""Editing a draft's sections and questions: add, change (against the version the editor saw),
move and remove; conditions kept after the question they depend on; published versions and
versions with answers protected; every change audited."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.surveys import services
from egov.surveys.exceptions import SurveyRefused
from egov.surveys.models import Question, Response, Section


@pytest.fixture
def draft(world, unit_head):
    return services.survey_create_from_template(actor=unit_head, unit=world.district_a)


def _codes(survey):
    return list(survey.sections.order_by("order").values_list("code", flat=True))


def _question_codes(section):
    return list(section.questions.order_by("order").values_list("code", flat=True))


def _edit(question, **overrides):
    data = {
        "section": question.section,
        "kind": question.kind,
        "text_vi": question.text_vi,
        "text_en": question.text_en,
        "is_required": question.is_required,
        "options_text": services.options_text_of(question),
        "min_value": question.min_value,
        "max_value": question.max_value,
        "show_if_question": question.show_if.get("question", ""),
        "show_if_values": ",".join(question.show_if.get("values", [])),
    }
    data.update(overrides)
    return data


def test_sections_are_added_changed_moved_and_removed(world, unit_head, draft):
    section = services.section_add(
        actor=unit_head,
        survey=draft,
        code="digital",
        title_vi="Chuyển đổi số",
        title_en="Digital service",
        weight=Decimal("0.5"),
    )
    services.section_move(actor=unit_head, section=section, direction="up")
    changed = services.section_update(
        actor=unit_head,
        section=section,
        expected_version=1,
        title_vi="Dịch vụ số",
        weight=Decimal(2),
    )
    services.section_remove(actor=unit_head, section=draft.sections.get(code="access"))

    assert _codes(draft) == ["procedure", "civil_servant", "result", "digital", "feedback"]
    assert (changed.title_vi, changed.title_en, changed.weight, changed.version) == (
        "Dịch vụ số",
        "Digital service",
        Decimal(2),
        2,
    )
    assert not Question.objects.filter(code="access_place").exists()
    changes = [
        e.changes for e in AuditEvent.objects.filter(action="surveys.survey_changed").order_by("pk")
    ]
    assert changes == [
        {"section_added": "digital"},
        {"section_moved": "digital", "direction": "up"},
        {
            "section_removed": "access",
            "questions_removed": ["info_channel", "access_place", "access_online"],
        },
    ]
    edited = AuditEvent.objects.get(action="surveys.section_changed")
    assert edited.changes == {
        "title_vi": ["Chuyển đổi số", "Dịch vụ số"],
        "weight": ["0.50", "2"],
        "survey": draft.pk,
        "code": "digital",
    }


def test_a_section_change_on_a_stale_page_is_refused(world, unit_head, draft):
    section = draft.sections.get(code="result")
    services.section_update(actor=unit_head, section=section, expected_version=1, weight=Decimal(3))

    with pytest.raises(ConcurrentChange):
        services.section_update(actor=unit_head, section=section, expected_version=1, title_vi="Cũ")

    section.refresh_from_db()
    assert (section.title_vi, section.weight, section.version) == ("Kết quả giải quyết", 3, 2)
    assert AuditEvent.objects.filter(action="surveys.section_changed").count() == 1


def test_bad_sections_are_refused(world, unit_head, draft):
    with pytest.raises(SurveyRefused) as refused:
        services.section_add(
            actor=unit_head, survey=draft, code="result", title_vi=" ", weight=Decimal(101)
        )
    blank = services.survey_create_blank(actor=unit_head, unit=world.district_a, title_vi="Ngắn")
    with pytest.raises(SurveyRefused) as last:
        services.section_remove(actor=unit_head, section=blank.sections.get())

    assert set(refused.value.fields) == {"code", "title_vi", "weight"}
    assert last.value.message == "A survey keeps at least one section."
    assert Section.objects.filter(survey=blank).count() == 1


def test_a_question_is_changed_against_the_version_seen(world, unit_head, draft):
    question = Question.objects.get(section__survey=draft, code="info_channel")
    target = draft.sections.get(code="feedback")

    changed = services.question_update(
        actor=unit_head,
        question=question,
        expected_version=1,
        **_edit(
            question,
            section=target,
            text_vi="Ông/Bà biết thủ tục qua đâu?",
            options_text="portal | Cổng dịch vụ công\nzalo | Zalo của phường",
            is_required=True,
        ),
    )
    with pytest.raises(ConcurrentChange):
        services.question_update(
            actor=unit_head, question=question, expected_version=1, **_edit(question)
        )

    changed.refresh_from_db()
    assert (changed.section_id, changed.version, changed.is_required) == (target.pk, 2, True)
    assert [o["value"] for o in changed.options] == ["portal", "zalo"]
    assert _question_codes(target)[-1] == "info_channel"
    event = AuditEvent.objects.get(action="surveys.question_changed")
    assert event.changes["text_vi"] == [
        "Ông/Bà biết thông tin về thủ tục qua kênh nào?",
        "Ông/Bà biết thủ tục qua đâu?",
    ]
    assert event.changes["section_id"] == [question.section_id, target.pk]


def test_a_question_keeps_the_answers_its_dependents_are_shown_on(world, unit_head, draft):
    controller = Question.objects.get(section__survey=draft, code="extra_payment")

    with pytest.raises(SurveyRefused) as refused:
        services.question_update(
            actor=unit_head,
            question=controller,
            expected_version=1,
            **_edit(controller, options_text="no | Không\nmaybe | Có thể"),
        )
    likert = services.question_update(
        actor=unit_head,
        question=Question.objects.get(section__survey=draft, code="trips"),
        expected_version=1,
        **_edit(
            Question.objects.get(section__survey=draft, code="trips"),
            kind="likert",
            min_value=0,
            max_value=20,
        ),
    )

    assert refused.value.fields == {
        "options_text": "Question extra_payment_detail is shown on answers this question would "
        "no longer have."
    }
    assert (likert.is_scored, likert.min_value, likert.max_value) == (True, None, None)


def test_a_condition_stays_after_the_question_it_depends_on(world, unit_head, draft):
    section = draft.sections.get(code="civil_servant")
    dependent = Question.objects.get(section=section, code="extra_payment_detail")
    before = _question_codes(section)

    with pytest.raises(SurveyRefused) as moved:
        services.question_move(actor=unit_head, question=dependent, direction="up")
    with pytest.raises(SurveyRefused) as added_early:
        services.question_add(
            actor=unit_head,
            section=draft.sections.get(code="access"),
            code="early",
            kind="short_text",
            text_vi="Sớm",
            show_if_question="extra_payment",
            show_if_values="yes",
        )
    services.question_move(
        actor=unit_head, question=Question.objects.get(code="servant"), direction="down"
    )

    assert moved.value.code == "survey_order"
    assert added_early.value.code == "survey_order"
    assert not Question.objects.filter(code="early").exists()
    assert before == ["servant", "extra_payment", "extra_payment_detail"]
    assert _question_codes(section) == ["extra_payment", "servant", "extra_payment_detail"]


def test_published_and_answered_versions_are_protected(world, unit_head, draft):
    answered = services.survey_create_from_template(actor=unit_head, unit=world.district_a)
    Response.objects.create(
        survey=answered,
        unit=world.district_a,
        source="public",
        submitted_on=datetime.date(2026, 1, 5),
    )
    published = services.survey_publish(actor=unit_head, survey=draft)
    events = AuditEvent.objects.count()

    with pytest.raises(SurveyRefused) as frozen:
        services.section_add(actor=unit_head, survey=published, code="x", title_vi="X")
    with pytest.raises(SurveyRefused) as has_answers:
        services.question_move(
            actor=unit_head,
            question=Question.objects.get(section__survey=answered, code="access_online"),
            direction="up",
        )

    assert frozen.value.code == "survey_frozen"
    assert has_answers.value.code == "survey_answered"
    assert AuditEvent.objects.count() == events


def test_an_officer_outside_the_unit_cannot_edit(world, other_district_officer, draft):
    question = Question.objects.get(section__survey=draft, code="trips")

    with pytest.raises(PermissionDenied):
        services.question_update(
            actor=other_district_officer, question=question, expected_version=1, **_edit(question)
        )

    question.refresh_from_db()
    assert question.version == 1
    assert not AuditEvent.objects.filter(action="surveys.question_changed").exists()


def test_the_edit_pages(client, world, unit_head, draft):
    client.force_login(unit_head)
    question = Question.objects.get(section__survey=draft, code="trips")
    section = draft.sections.get(code="result")
    url = reverse("surveys:question-edit", args=[draft.pk, question.pk])
    form = {
        "section": question.section_id,
        "kind": "number",
        "text_vi": "Số lần đi lại",
        "min_value": "0",
        "max_value": "10",
    }

    shown = client.get(url)
    saved = client.post(url, {**form, "expected_version": "1"})
    stale = client.post(url, {**form, "text_vi": "Cũ", "expected_version": "1"})
    section_saved = client.post(
        reverse("surveys:section-edit", args=[draft.pk, section.pk]),
        {"title_vi": "Kết quả", "weight": "1.5", "expected_version": "1"},
    )
    added = client.post(
        reverse("surveys:survey-action", args=[draft.pk, "section-add"]),
        {"section-code": "digital", "section-title_vi": "Dịch vụ số", "section-weight": "1"},
    )
    moved = client.post(
        reverse("surveys:survey-action", args=[draft.pk, "section-move"]),
        {"section": section.pk, "direction": "down"},
    )
    bad_id = client.post(
        reverse("surveys:survey-action", args=[draft.pk, "question-move"]),
        {"question": "abc", "direction": "up"},
    )

    assert shown.status_code == 200
    assert "Số lần đi lại" not in shown.content.decode()
    assert saved.status_code == 302
    assert stale.status_code == 409
    assert "Người khác đã thay đổi “trips” trước" in stale.content.decode()
    question.refresh_from_db()
    assert (question.text_vi, question.max_value, question.version) == ("Số lần đi lại", 10, 2)
    assert section_saved.status_code == 302
    assert added.status_code == 302
    assert moved.status_code == 302
    assert _codes(draft) == [
        "access",
        "procedure",
        "civil_servant",
        "feedback",
        "result",
        "digital",
    ]
    assert bad_id.status_code == 404
