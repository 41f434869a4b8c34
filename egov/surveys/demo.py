"""Hà Nội demo data of satisfaction surveys: the SIPAS template published by a few units, a
year of anonymous answers with unit-specific tendencies (so their indices differ), invitations
for a response rate, and the results published. Surveys go through the services (audited);
the answers are bulk-inserted with their scores computed by the same rules. Never meant for
production."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone

from egov.common.periods import add_months
from egov.orgs.models import OrgUnit
from egov.surveys import services
from egov.surveys.choices import AnswerSource
from egov.surveys.models import Invitation, Response, Survey
from egov.surveys.rules import QuestionSpec, response_score
from egov.surveys.selectors import question_specs, section_weights

PROCEDURES = ("1.001234", "2.000889", "1.004227", "2.001035")
CHANNELS = ("direct", "online", "postal")


def _answers(rng: random.Random, specs: Sequence[QuestionSpec], bias: float) -> dict[str, Any]:
    def level() -> int:
        return max(1, min(5, round(rng.gauss(bias, 0.9))))

    answers: dict[str, Any] = {}
    for spec in specs:
        if spec.kind == "likert":
            answers[spec.code] = level()
        elif spec.kind == "matrix":
            answers[spec.code] = {row: level() for row in spec.rows}
        elif spec.kind == "single" and spec.code == "extra_payment":
            answers[spec.code] = "yes" if rng.random() < max(0.0, (3.2 - bias) / 10) else "no"
        elif spec.kind == "single":
            answers[spec.code] = rng.choice(list(spec.options))
        elif spec.kind == "number":
            answers[spec.code] = rng.randint(1, 3 if bias > 3.8 else 5)
    return answers


def _responses(
    survey: Survey, unit: OrgUnit, bias: float, count: int, today: datetime.date, rng: random.Random
) -> tuple[list[Response], list[Invitation]]:
    specs = question_specs(survey)
    weights = section_weights(survey)
    start = add_months(today.replace(day=1), -11)
    span = (today - start).days
    responses, invitations = [], []
    for number in range(count):
        day = start + datetime.timedelta(days=rng.randint(0, span))
        answers = _answers(rng, specs, bias + (day - start).days / span * 0.3)
        score = response_score(
            specs,
            answers,
            weights=weights,
            satisfied_from=survey.satisfied_from,
            respondent_threshold=survey.respondent_threshold,
        )
        invited = number % 2 == 0
        procedure, channel = rng.choice(PROCEDURES), rng.choice(CHANNELS)
        responses.append(
            Response(
                survey=survey,
                unit=unit,
                procedure_code=procedure,
                channel=channel,
                source=AnswerSource.INVITATION if invited else AnswerSource.PUBLIC_LINK,
                submitted_on=day,
                answers=answers,
                overall_score=score.overall,
                is_satisfied=score.is_satisfied,
                is_dissatisfied=score.is_dissatisfied,
            )
        )
        for extra in range(2 if invited else 0):  # about one answer for two invitations
            invitations.append(
                Invitation(
                    survey=survey,
                    unit=unit,
                    procedure_code=procedure,
                    channel=channel,
                    reference_hash=f"demo-{survey.pk}-{number}-{extra}",
                    sent_on=day,
                    is_answered=extra == 0,
                    expires_at=timezone.now() - datetime.timedelta(days=1),
                )
            )
    return responses, invitations


def surveys_demo_load(
    *, actor: Any, units: Sequence[tuple[OrgUnit, float, int]], today: datetime.date | None = None
) -> dict[str, int]:
    """For each ``(unit, mean rating, answers)``: a published SIPAS survey with results on the
    public page; the first unit also invites after every third returned dossier and has a draft
    version 2 being edited."""
    today = today or timezone.localdate()
    rng = random.Random(2026)  # noqa: S311 (demo data, not security)
    answers = 0
    for position, (unit, bias, count) in enumerate(units):
        survey = services.survey_create_from_template(actor=actor, unit=unit)
        if position == 0:
            services.section_weight_set(
                actor=actor, section=survey.sections.get(code="civil_servant"), weight=Decimal(2)
            )
        services.survey_update(
            actor=actor,
            survey=survey,
            is_for_invitations=True,
            sample_every=3 if position == 0 else 1,
            monthly_quota=None if position == 0 else 200,
        )
        survey = services.survey_publish(actor=actor, survey=survey)
        responses, invitations = _responses(survey, unit, bias, count, today, rng)
        Response.objects.bulk_create(responses, batch_size=500)
        Invitation.objects.bulk_create(invitations, batch_size=500)
        services.survey_results_publish(actor=actor, survey=survey)
        answers += len(responses)
        if position == 0:
            _draft_next_version(actor, survey)
    return {"surveys": len(units), "survey answers": answers}


def _draft_next_version(actor: Any, survey: Survey) -> Survey:
    """A draft version 2 being edited: a section on digital services added before the feedback
    factor, with a question, so the builder's editing shows on the first run."""
    draft = services.survey_new_version(actor=actor, survey=survey)
    section = services.section_add(
        actor=actor,
        survey=draft,
        code="digital",
        title_vi="Dịch vụ công trực tuyến",
        title_en="Online public services",
        weight=Decimal(1),
    )
    services.section_move(actor=actor, section=section, direction="up")
    services.question_add(
        actor=actor,
        section=section,
        code="online_easy",
        kind="likert",
        text_vi="Nộp hồ sơ trực tuyến dễ dàng, không phải đến nộp bản giấy",
        text_en="Applying online was easy, with no paper copy to bring",
        is_required=True,
    )
    return draft
