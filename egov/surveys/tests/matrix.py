"""URL arguments of the survey routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a draft survey of the scoped unit for the
officer pages (with one section and no question: publishing it is refused with a 400 to those
who see it), and a published survey with published results, and an invitation to it, for the
public routes."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import Max
from django.utils import timezone

from egov.orgs.models import OrgUnit
from egov.surveys.models import Invitation, Question, Section, Survey
from egov.surveys.services import invitation_token


def _survey(unit: OrgUnit, *, published: bool = False) -> Survey:
    family = (Survey.objects.aggregate(top=Max("family"))["top"] or 0) + 1
    survey = Survey.objects.create(
        unit=unit,
        family=family,
        title_vi="Khảo sát",
        status="published" if published else "draft",
        results_published=published,
    )
    section = Section.objects.create(survey=survey, code="result", title_vi="Kết quả")
    if published:
        Question.objects.create(
            section=section, code="q", kind="likert", text_vi="Hài lòng?", is_scored=True
        )
    return survey


def _question(unit: OrgUnit) -> dict[str, object]:
    survey = _survey(unit)
    question = Question.objects.create(
        section=survey.sections.get(), code="q", kind="likert", text_vi="Hài lòng?"
    )
    return {"pk": survey.pk, "question_id": question.pk}


def _invitation(unit: OrgUnit) -> dict[str, object]:
    invitation = Invitation.objects.create(
        survey=_survey(unit, published=True),
        unit=unit,
        reference_hash=f"matrix-{unit.pk}-{timezone.now().timestamp()}",
        sent_on=timezone.localdate(),
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    return {"token": invitation_token(invitation)}


def _province_of(unit: OrgUnit) -> dict[str, object]:
    """The province above ``unit`` (its own standings pages), with the PAPI index."""
    province = next(
        p for p in OrgUnit.objects.filter(kind="province") if unit.path.startswith(p.path)
    )
    return {"province_id": province.pk, "index": "papi"}


SURVEYS_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "surveys:survey-detail": lambda unit: {"pk": _survey(unit).pk},
    "surveys:survey-index": lambda unit: {"pk": _survey(unit).pk},
    "surveys:survey-poster": lambda unit: {"pk": _survey(unit).pk},
    "surveys:section-edit": lambda unit: {
        "pk": (survey := _survey(unit)).pk,
        "section_id": survey.sections.get().pk,
    },
    "surveys:question-edit": _question,
    "surveys:survey-action": lambda unit: {"pk": _survey(unit).pk, "action": "publish"},
    "surveys:standing-record": _province_of,
    "surveys:dimension-owner": _province_of,
    "surveys:survey-answer": lambda unit: {"pk": _survey(unit, published=True).pk},
    "surveys:invitation-answer": _invitation,
    "surveys:public-unit": lambda unit: {"unit_id": _survey(unit, published=True).unit_id},
    "api:survey_get": lambda unit: {"survey_id": _survey(unit, published=True).pk},
    "api:response_submit": lambda unit: {"survey_id": _survey(unit, published=True).pk},
    "api:unit_index_list": lambda unit: {"unit_id": _survey(unit, published=True).unit_id},
}
