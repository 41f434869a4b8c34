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
from egov.orgs.loaders.apply import orgunit_now_named
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
    services.rollup_rebuild()  # the answers were written in bulk
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


# Illustrative Hà Nội standings 2018–2024 (not the published figures: replace them with the
# PAPI and PCI reports' own numbers): each dimension's score per year, the total and the rank.
DEMO_SOURCE = "Số liệu minh hoạ của bản demo (thay bằng số liệu công bố của báo cáo %s %d)"
PAPI_DEMO = {
    "participation": (5.10, 5.05, 5.22, 5.30, 5.28, 5.35, 5.41),
    "transparency": (5.05, 5.10, 5.31, 5.26, 5.40, 5.44, 5.52),
    "accountability": (4.20, 4.31, 4.28, 4.40, 4.45, 4.42, 4.51),
    "corruption": (6.02, 6.10, 6.25, 6.21, 6.33, 6.40, 6.38),
    "procedures": (7.30, 7.28, 7.35, 7.41, 7.38, 7.46, 7.50),
    "services": (7.15, 7.20, 7.38, 7.36, 7.45, 7.52, 7.49),
    "environment": (3.10, 3.02, 3.15, 3.22, 3.18, 3.25, 3.21),
    "e_governance": (2.60, 3.05, 3.42, 3.88, 4.10, 4.35, 4.62),
}
PAPI_RANKS = (35, 32, 26, 24, 22, 19, 17)
PCI_DEMO = {
    "entry_costs": (7.30, 7.42, 7.51, 7.60, 7.55, 7.68, 7.72),
    "land_access": (5.40, 5.35, 5.50, 5.62, 5.58, 5.70, 5.66),
    "transparency": (6.60, 6.72, 6.85, 6.90, 6.94, 7.02, 7.10),
    "time_costs": (6.80, 6.95, 7.10, 7.05, 7.22, 7.30, 7.35),
    "informal_charges": (5.90, 6.05, 6.20, 6.31, 6.28, 6.40, 6.52),
    "equal_competition": (5.50, 5.62, 5.71, 5.80, 5.76, 5.90, 5.95),
    "proactivity": (6.40, 6.55, 6.62, 6.70, 6.58, 6.75, 6.80),
    "business_support": (7.00, 7.15, 7.22, 7.30, 7.41, 7.48, 7.55),
    "labour_training": (7.10, 7.25, 7.30, 7.42, 7.50, 7.56, 7.60),
    "legal_institutions": (6.30, 6.42, 6.50, 6.61, 6.55, 6.70, 6.78),
}
PCI_TOTALS = (65.40, 66.21, 67.10, 67.52, 67.30, 68.12, 68.60)
PCI_RANKS = (14, 12, 9, 9, 10, 8, 7)
YEARS = tuple(range(2018, 2025))
# The 2020 plan's targets: PAPI up five places and each weak dimension's score; PCI in the top 8.
PAPI_TARGETS_2020 = {"e_governance": 3.50, "environment": 3.30, "accountability": 4.50}
PAPI_OWNERS = {
    "participation": "Sở Nội vụ",
    "transparency": "Văn phòng UBND Thành phố",
    "accountability": "Thanh tra Thành phố",
    "corruption": "Thanh tra Thành phố",
    "procedures": "Sở Tư pháp",
    "services": "Sở Y tế",
    "environment": "Sở Nông nghiệp và Môi trường",
    "e_governance": "Sở Khoa học và Công nghệ",
}
PCI_OWNERS = {
    "land_access": "Sở Nông nghiệp và Môi trường",
    "informal_charges": "Thanh tra Thành phố",
    "equal_competition": "Sở Tài chính",
    "proactivity": "Văn phòng UBND Thành phố",
}
PLAN_2020 = "Kế hoạch nâng cao chỉ số PAPI, PCI năm 2020 của UBND Thành phố"


def _standings_series(
    actor: Any, province: OrgUnit, index: str, dimensions: dict, totals, ranks
) -> int:
    written = 0
    for position, year in enumerate(YEARS):
        source = DEMO_SOURCE % (index.upper(), year)
        for code, scores in dimensions.items():
            services.standing_record(
                actor=actor,
                province=province,
                index=index,
                year=year,
                dimension=code,
                score=Decimal(str(scores[position])),
                source=source,
            )
            written += 1
        services.standing_record(
            actor=actor,
            province=province,
            index=index,
            year=year,
            score=Decimal(str(totals[position])),
            rank=ranks[position],
            source=source,
        )
        written += 1
    return written


def standings_demo_load(*, actor: Any, province: OrgUnit) -> dict[str, int]:
    """Hà Nội's PAPI and PCI standings 2018–2024 (illustrative), the 2020 plan's targets and
    the responsible department of each dimension (those the tree has)."""
    papi_totals = [round(sum(s[i] for s in PAPI_DEMO.values()), 2) for i in range(len(YEARS))]
    written = _standings_series(actor, province, "papi", PAPI_DEMO, papi_totals, PAPI_RANKS)
    written += _standings_series(actor, province, "pci", PCI_DEMO, PCI_TOTALS, PCI_RANKS)
    for index, targets, rank in (("papi", PAPI_TARGETS_2020, PAPI_RANKS[1] - 5), ("pci", {}, 8)):
        services.standing_record(
            actor=actor,
            province=province,
            index=index,
            year=2020,
            target_rank=rank,
            target_plan=PLAN_2020,
        )
        for code, target in targets.items():
            services.standing_record(
                actor=actor,
                province=province,
                index=index,
                year=2020,
                dimension=code,
                target_score=Decimal(str(target)),
                target_plan=PLAN_2020,
            )
    owners = 0
    for index, names in (("papi", PAPI_OWNERS), ("pci", PCI_OWNERS)):
        for code, name in names.items():
            unit = orgunit_now_named(name)
            if unit is None or not unit.path.startswith(province.path):
                continue
            services.dimension_owner_set(
                actor=actor, province=province, index=index, dimension=code, unit=unit
            )
            owners += 1
    return {"index standings": written, "responsible units": owners}
