"""Building, publishing, versioning, invitations (sampling, signed links) and answers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import models
from django.utils import timezone

from egov.accounts.models import Notification
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.surveys import services
from egov.surveys.exceptions import AnswerInvalid, InvitationUsed, SurveyNotOpen, SurveyRefused
from egov.surveys.models import Invitation, Question, Response, Survey
from egov.surveys.tests.conftest import full_answers


def _invite(world, reference, contact="dan@example.vn", unit=None):
    return services.survey_invite_for_service(
        unit=unit or world.desk_a,
        procedure_code="1.001234",
        channel="direct",
        reference=reference,
        contact=contact,
    )


def test_the_sipas_template_has_the_five_factors(world, unit_head):
    survey = services.survey_create_from_template(actor=unit_head, unit=world.district_a)

    assert list(survey.sections.values_list("code", flat=True)) == [
        "access",
        "procedure",
        "civil_servant",
        "result",
        "feedback",
    ]
    assert set(Question.objects.filter(section__survey=survey).values_list("kind", flat=True)) == {
        "single",
        "likert",
        "number",
        "matrix",
        "long_text",
    }
    assert AuditEvent.objects.filter(action="surveys.survey_created").count() == 1


def test_an_officer_outside_the_unit_cannot_build_its_survey(world, other_district_officer):
    with pytest.raises(PermissionDenied):
        services.survey_create_from_template(actor=other_district_officer, unit=world.district_a)

    assert Survey.objects.count() == 0
    assert not AuditEvent.objects.filter(action="surveys.survey_created").exists()


def test_a_published_survey_is_frozen_and_a_change_is_a_new_version(world, unit_head, survey):
    section = survey.sections.get(code="result")
    with pytest.raises(SurveyRefused):
        services.question_add(
            actor=unit_head, section=section, code="extra", kind="likert", text_vi="Thêm"
        )

    draft = services.survey_new_version(actor=unit_head, survey=survey)
    services.question_add(
        actor=unit_head,
        section=draft.sections.get(code="result"),
        code="result_explained",
        kind="likert",
        text_vi="Kết quả được giải thích rõ",
        text_en="The result was explained",
    )
    published = services.survey_publish(actor=unit_head, survey=draft)
    survey.refresh_from_db()

    assert (published.family, published.version, published.status) == (
        survey.family,
        2,
        "published",
    )
    assert survey.status == "closed"
    assert Question.objects.filter(section__survey=survey).count() == 14
    assert Question.objects.filter(section__survey=published).count() == 15


def test_question_builder_refuses_bad_input(world, unit_head):
    draft = services.survey_create_from_template(actor=unit_head, unit=world.district_a)
    section = draft.sections.first()
    with pytest.raises(SurveyRefused) as refused:
        services.question_add(
            actor=unit_head,
            section=section,
            code="Bad Code",
            kind="single",
            text_vi="",
            show_if_question="nothing",
        )

    assert set(refused.value.fields) == {
        "code",
        "text_vi",
        "options_text",
        "show_if_question",
        "show_if_values",
    }


def test_invitations_every_third_dossier_once_each_with_a_signed_link(
    world, unit_head, survey, django_capture_on_commit_callbacks
):
    services.survey_update(actor=unit_head, survey=survey, is_for_invitations=True, sample_every=3)

    with django_capture_on_commit_callbacks(execute=True):
        sent = [_invite(world, f"DOSSIER-{n}") for n in range(7)]
    again = _invite(world, "DOSSIER-0")

    assert [bool(i) for i in sent] == [True, False, False, True, False, False, True]
    assert again is None
    assert Invitation.objects.count() == 3
    assert len(mail.outbox) == 3
    assert "/surveys/r/" in mail.outbox[0].body
    # the link is sent, not stored
    token = mail.outbox[0].body.split("/surveys/r/")[1].split("/")[0]
    assert services.invitation_from_token(token) == sent[0]
    assert not Notification.objects.filter(body__contains=token).exists()


def test_the_monthly_quota_stops_invitations(world, unit_head, survey):
    services.survey_update(actor=unit_head, survey=survey, is_for_invitations=True, monthly_quota=2)

    sent = [_invite(world, f"Q-{n}") for n in range(4)]

    assert [bool(i) for i in sent] == [True, True, False, False]


def test_no_invitation_without_a_survey_or_an_address(world, unit_head, survey):
    assert _invite(world, "X-1") is None  # the survey is not for invitations
    services.survey_update(actor=unit_head, survey=survey, is_for_invitations=True)

    assert _invite(world, "X-2", contact="") is None
    assert _invite(world, "X-3", unit=world.commune_b) is None
    assert Invitation.objects.count() == 0


def test_an_invited_answer_is_anonymous_and_the_link_works_once(world, unit_head, survey):
    services.survey_update(actor=unit_head, survey=survey, is_for_invitations=True)
    invitation = _invite(world, "HS-1")
    token = services.invitation_token(invitation)

    found = services.invitation_from_token(token)
    response = services.response_submit(survey=survey, answers=full_answers(5), invitation=found)

    assert (response.unit, response.procedure_code, response.channel, response.source) == (
        world.desk_a,
        "1.001234",
        "direct",
        "invitation",
    )
    assert (response.overall_score, response.is_satisfied) == (Decimal("100.00"), True)
    with pytest.raises(InvitationUsed):
        services.invitation_from_token(token)
    with pytest.raises(InvitationUsed):
        services.response_submit(survey=survey, answers=full_answers(5), invitation=found)
    assert Response.objects.count() == 1


def test_a_forged_or_expired_link_is_refused(world, unit_head, survey):
    services.survey_update(actor=unit_head, survey=survey, is_for_invitations=True)
    invitation = _invite(world, "HS-2")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    with pytest.raises(InvitationUsed, match="expired"):
        services.invitation_from_token(services.invitation_token(invitation))
    with pytest.raises(InvitationUsed, match="not valid"):
        services.invitation_from_token("forged:token")


def test_answers_to_a_closed_or_draft_survey_and_bad_answers_are_refused(world, unit_head, survey):
    with pytest.raises(AnswerInvalid) as invalid:
        services.response_submit(
            survey=survey, answers=full_answers(servant={"attitude": 4}, trips=99)
        )
    closed = services.survey_close(actor=unit_head, survey=survey)
    with pytest.raises(SurveyNotOpen):
        services.response_submit(survey=closed, answers=full_answers())

    assert invalid.value.fields == {
        "trips": "Enter a number from 0 to 20.",
        "servant": "Rate every row of this question.",
    }
    assert Response.objects.count() == 0


def test_no_table_links_an_answer_to_a_person_or_a_dossier():
    for model in (Response, Invitation):
        targets = {
            f.related_model._meta.label
            for f in model._meta.get_fields()
            if isinstance(f, models.ForeignKey)
        }
        assert targets <= {"surveys.Survey", "orgs.OrgUnit"}, model
    assert not any(
        f.related_model is Invitation for f in Response._meta.get_fields() if f.is_relation
    )
