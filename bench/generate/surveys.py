"""Satisfaction survey answers (issue 20's scale: 2 M answers) and the invitations behind them.

Every district and department publishes the shipped SIPAS survey through the app's services
(before the bulk load, so their audit entries head the chain the bulk rows continue). Answers
are then written with COPY: each goes to an agency by its log-normal size; a district's answer
comes by invitation from one of its communes (70 %) or by the public link at the district;
the day is uniform over the last ``ANSWER_YEARS`` years; the procedure by the Zipf weights of
the dossiers; the channel online (60 %), at the desk (38 %) or by post. Each unit rates around
its own mean (drawn once, 3.2 to 4.6 of 5), so indices differ between units. The scores and
the satisfied / dissatisfied flags are the app's own (``rules.response_score``). Each answer
by invitation has its answered invitation, sent 0–3 days before; about as many invitations
again stay unanswered (response rate about 60 %). The roll-up is then rebuilt by the app's
own ``rollup_rebuild``.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from bench.generate.sink import Sink, table_spec
from bench.generate.world import World, pick
from egov.surveys.models import Invitation, Response, Survey

ANSWER_YEARS = 3
ACCOUNT = "khaosat.bench@hanoi.bench"
CHANNELS = ("online", "direct", "postal")
SERVANT_ROWS = ("attitude", "guidance", "competence")
RESPONSE_COLUMNS = (
    "id",
    "survey_id",
    "unit_id",
    "procedure_code",
    "channel",
    "source",
    "submitted_on",
    "answers",
    "overall_score",
    "is_satisfied",
    "is_dissatisfied",
)
INVITATION_COLUMNS = (
    "id",
    "survey_id",
    "unit_id",
    "procedure_code",
    "channel",
    "reference_hash",
    "sent_on",
    "expires_at",
    "is_answered",
)
LIKERTS = (
    "access_place",
    "access_online",
    "procedure_public",
    "procedure_papers",
    "result_on_time",
    "result_correct",
    "feedback_channel",
    "feedback_handled",
)


@dataclass
class SurveyPlan:
    """The published surveys (agency unit id → survey id) and what was written."""

    surveys: dict[int, int] = field(default_factory=dict)
    responses: int = 0
    invitations: int = 0


def surveys_publish() -> SurveyPlan:
    """A published SIPAS survey, results public, for every district and department, made by
    the app's services as a city survey officer (runs before the bulk load)."""
    from egov.accounts.services import officer_account_create
    from egov.orgs.choices import UnitKind
    from egov.orgs.models import OrgUnit
    from egov.orgs.services import membership_grant
    from egov.surveys import services

    city = OrgUnit.objects.get(kind=UnitKind.PROVINCE, parent=None)
    officer = officer_account_create(
        actor=None, full_name="Cán bộ khảo sát", email=ACCOUNT, password=None
    )
    membership_grant(
        actor=None,
        user=officer,
        unit=city,
        role="specialist",
        includes_subtree=True,
        started_on=datetime.date(2016, 1, 1),
    )
    plan = SurveyPlan()
    agencies = OrgUnit.objects.filter(
        kind__in=(UnitKind.DISTRICT, UnitKind.DEPARTMENT), status="active"
    ).order_by("path")
    for unit in agencies:
        survey = services.survey_create_from_template(actor=officer, unit=unit)
        survey = services.survey_publish(actor=officer, survey=survey)
        services.survey_results_publish(actor=officer, survey=survey)
        plan.surveys[unit.pk] = survey.pk
    return plan


def _level(rng: random.Random, mean: float) -> int:
    return min(5, max(1, round(rng.gauss(mean, 0.9))))


def answers_create(
    sink: Sink,
    world: World,
    rng: random.Random,
    plan: SurveyPlan,
    count: int,
    days: list[datetime.date],
) -> SurveyPlan:
    """COPY ``count`` answers and their invitations over the last ``ANSWER_YEARS`` years of
    ``days``."""
    from egov.surveys.rules import response_score
    from egov.surveys.selectors import question_specs, section_weights

    if not plan.surveys or count <= 0:
        return plan
    survey = Survey.objects.get(pk=next(iter(plan.surveys.values())))
    specs, weights = question_specs(survey), section_weights(survey)
    start = days[-1].replace(year=days[-1].year - ANSWER_YEARS)
    days = [d for d in days if d > start]
    agencies = [u for u in [*world.districts, *world.departments] if u in plan.surveys]
    sizes = {u: rng.lognormvariate(0, 0.5) for u in agencies}
    cumulative, total = [], 0.0
    for unit_id in agencies:
        total += sizes[unit_id]
        cumulative.append(total)
    communes: dict[int, list[int]] = {}
    for commune in world.communes:
        communes.setdefault(world.units[commune].parent_id, []).append(commune)
    means: dict[int, float] = {}
    procedures, procedure_weights = world.procedures, world.weights["procedure"]
    response_id = sink.next_id(Response)
    index_of = {p.code: i for i, p in enumerate(procedures)}
    # invitations kept compactly until the answers' COPY is done: survey, unit, procedure
    # index, channel index, day sent (ordinal), answered
    sent_rows = [array("q") for _ in range(6)]

    def rows() -> Iterator[tuple]:
        for n in range(count):
            agency = pick(rng, agencies, cumulative)
            below = communes.get(agency, [])
            invited = bool(below) and rng.random() < 0.7
            unit_id = rng.choice(below) if invited else agency
            mean = means.get(unit_id)
            if mean is None:
                mean = means[unit_id] = rng.uniform(3.2, 4.6)
            levels = [_level(rng, mean) for _ in range(11)]
            answers = {
                "info_channel": rng.choice(("portal", "desk", "other")),
                "trips": rng.randint(1, 3),
                "servant": dict(zip(SERVANT_ROWS, levels[:3], strict=True)),
                "extra_payment": "yes" if rng.random() < 0.01 else "no",
                **dict(zip(LIKERTS, levels[3:], strict=True)),
            }
            score = response_score(
                specs, answers, weights=weights, satisfied_from=4, respondent_threshold=50
            )
            day = rng.choice(days)
            roll = rng.random()
            channel = "online" if roll < 0.6 else ("direct" if roll < 0.98 else "postal")
            procedure = pick(rng, procedures, procedure_weights)
            code = procedure.code
            survey_id = plan.surveys[agency]
            yield (
                response_id + n,
                survey_id,
                unit_id,
                code,
                channel,
                "invitation" if invited else "public",
                day,
                answers,
                score.overall or Decimal(0),
                score.is_satisfied,
                score.is_dissatisfied,
            )
            if invited:
                for answered in (True, *([False] * (rng.random() < 0.66))):
                    sent = max(days[0], day - datetime.timedelta(days=rng.randint(0, 3)))
                    row = (
                        survey_id,
                        unit_id,
                        index_of[procedure.code],
                        CHANNELS.index(channel),
                        sent.toordinal(),
                        answered,
                    )
                    for column, value in zip(sent_rows, row, strict=True):
                        column.append(int(value))

    first_id = sink.next_id(Invitation)  # read before any COPY starts on the connection

    def invitation_rows() -> Iterator[tuple]:
        for n, (survey_id, unit_id, proc, channel, sent, answered) in enumerate(
            zip(*sent_rows, strict=True)
        ):
            day = datetime.date.fromordinal(sent)
            yield (
                first_id + n,
                survey_id,
                unit_id,
                procedures[proc].code,
                CHANNELS[channel],
                hashlib.sha256(f"bench-{first_id + n}".encode()).hexdigest(),
                day,
                datetime.datetime.combine(
                    day + datetime.timedelta(days=14), datetime.time(), datetime.UTC
                ),
                bool(answered),
            )

    plan.responses = sink.copy(table_spec(Response, RESPONSE_COLUMNS), rows())
    plan.invitations = sink.copy(table_spec(Invitation, INVITATION_COLUMNS), invitation_rows())
    return plan


def rollup() -> int:
    """The app's own rebuild of the answers' roll-up; returns the rows written."""
    from egov.surveys.services.rollup import rollup_rebuild

    return rollup_rebuild().rows
