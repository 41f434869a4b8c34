"""Surveys API (/api/v1/surveys/): for kiosks and the desk's rating tablets, the structure of a
published survey and answering it (422 with the questions in error); and the published indices
of agencies as open data. All anonymous. No `from __future__ import annotations`: ninja reads
the annotations."""

import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from egov.common.api_body import json_body, json_body_doc
from egov.common.api_errors import api_errors
from egov.orgs.models import OrgUnit
from egov.surveys import services
from egov.surveys.choices import AnswerSource, ServiceChannel
from egov.surveys.exceptions import AnswerInvalid
from egov.surveys.models import Survey
from egov.surveys.schemas import (
    AnswerIn,
    AnswerOut,
    FactorOut,
    IndexOut,
    PublishingUnitOut,
    ShareOut,
    SurveyOut,
)
from egov.surveys.selectors import (
    published_surveys_of,
    published_units,
    survey_index,
    survey_open_get,
    survey_structure,
)
from egov.surveys.throttle import answer_throttle

router = Router(tags=["surveys"])


class PeriodFilter(Schema):
    first: datetime.date | None = None
    last: datetime.date | None = None


def _structure(survey: Survey) -> dict:
    return {
        "id": survey.pk,
        "unit_id": survey.unit_id,
        "unit_name": survey.unit.name,
        "version": survey.version,
        "status": survey.status,
        "title_vi": survey.title_vi,
        "title_en": survey.title_en,
        "intro_vi": survey.intro_vi,
        "intro_en": survey.intro_en,
        "sections": [
            {
                "code": s.code,
                "title_vi": s.title_vi,
                "title_en": s.title_en,
                "weight": s.weight,
                "questions": [
                    {
                        "code": q.code,
                        "kind": q.kind,
                        "text_vi": q.text_vi,
                        "text_en": q.text_en,
                        "is_required": q.is_required,
                        "is_scored": q.is_scored,
                        "options": q.options,
                        "rows": q.rows,
                        "min_value": q.min_value,
                        "max_value": q.max_value,
                        "show_if": q.show_if or None,
                    }
                    for q in s.questions.all()
                ],
            }
            for s in survey_structure(survey)
        ],
    }


@router.get("/published", response=list[PublishingUnitOut], auth=None)
def published_unit_list(request: HttpRequest) -> list[dict]:
    """Agencies that publish their satisfaction figures."""
    return [{"unit_id": u.pk, "name": u.name} for u in published_units()]


@router.get("/units/{unit_id}/indices", response=list[IndexOut], auth=None)
def unit_index_list(request: HttpRequest, unit_id: int, period: Query[PeriodFilter]) -> list[dict]:
    """The published indices of an agency for a period (default: this year to date)."""
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    surveys = published_surveys_of(unit) if unit else []
    if not surveys:
        raise Http404
    today = timezone.localdate()
    first = period.first or today.replace(month=1, day=1)
    last = period.last or today
    out = []
    for survey in surveys:
        report = survey_index(survey, unit=unit, first=first, last=last)
        out.append(
            {
                "survey_id": survey.pk,
                "title_vi": survey.title_vi,
                "first": first,
                "last": last,
                "responses": report.responses,
                "too_few": report.too_few,
                "overall_index": report.overall,
                "satisfied": ShareOut(**report.satisfied.__dict__),
                "factors": [
                    FactorOut(
                        code=s.code,
                        title_vi=s.title_vi,
                        weight=s.weight,
                        index=ShareOut(**share.__dict__),
                    )
                    for s, share in report.factors
                ],
                "ratio_766": report.ratio_766,
                "points_766": report.points_766,
            }
        )
    return out


@router.get("/{survey_id}", response=SurveyOut, auth=None)
def survey_get(request: HttpRequest, survey_id: int) -> dict:
    """A published (or closed) survey's sections and questions."""
    return _structure(survey_open_get(survey_id))


@router.post(
    "/{survey_id}/responses",
    response={201: AnswerOut},
    auth=None,
    openapi_extra=json_body_doc(AnswerIn),
)
@api_errors(429)
def response_submit(request: HttpRequest, survey_id: int) -> Status:
    """Record one anonymous answer (a kiosk or rating tablet). 422 lists the questions in
    error; 409 when the survey is not open; 429 past the per-address limit."""
    survey = survey_open_get(survey_id)
    payload = json_body(request, AnswerIn, error=AnswerInvalid)
    answer_throttle(request)
    channel = payload.channel if payload.channel in ServiceChannel.values else ""
    response = services.response_submit(
        survey=survey,
        answers=payload.answers,
        source=AnswerSource.KIOSK,
        procedure_code=payload.procedure_code,
        channel=channel,
    )
    return Status(201, {"recorded": True, "overall_score": response.overall_score})
