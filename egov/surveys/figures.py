"""Figures of satisfaction surveys for the dashboards (egov.common.figures): invitations sent
and answers per unit and day range, satisfied and dissatisfied answers, and the sum of the
answers' overall scores (0–100), so an average score is ``score_sum / responses``. One grouped
query each, on the units' own rows of the answers' roll-up (``AnswerFigure``).

The combined figures add the one-stop shop's per-dossier ratings to the answers. ``onestop``
sits above ``surveys`` (ADR 0021), so they are read through the registry where ``onestop``
declared them (``onestop.ratings``…), never imported; without them (``onestop`` not
installed) a combined figure is the answers' alone."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from decimal import Decimal

from django.db.models import Count, F, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, Number, figure_get, sums_by_unit
from egov.surveys.models import AnswerFigure, Response, Standing
from egov.surveys.rollup import rollup_cells


def _scoped(
    qs: QuerySet,
    day_field: str,
    first: datetime.date,
    last: datetime.date,
    unit_ids: Collection[int] | None,
) -> QuerySet:
    qs = qs.filter(**{f"{day_field}__range": (first, last)})
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return qs.values("unit_id")


def _grouped(qs: QuerySet, **aggregate: object) -> dict[int, Number]:
    ((name, expression),) = aggregate.items()
    return {
        row["unit_id"]: row[name]
        for row in qs.annotate(**{name: expression}).order_by()
        if row[name]
    }


def _rolled(
    name: str, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None
) -> dict[int, Number]:
    """Sum of ``name`` of the units' own roll-up rows covering the period (one query)."""
    qs = AnswerFigure.objects.filter(rollup_cells(first, last), subtree=False)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return _grouped(qs.values("unit_id"), n=Sum(name))


# The roll-up's count figures, by code: the column each sums.
ROLLED_COLUMNS = {
    "surveys.invitations_sent": "invitations",
    "surveys.responses": "responses",
    "surveys.responses_satisfied": "satisfied",
    "surveys.responses_dissatisfied": "dissatisfied",
}


def rolled_together(
    *,
    codes: Collection[str],
    first: datetime.date,
    last: datetime.date,
    unit_ids: Collection[int] | None = None,
) -> dict[str, dict[int, Number]]:
    """The roll-up count figures of ``codes`` per unit in one grouped query (the rows covering
    the period read once): the index page's overview read answers, satisfied and dissatisfied
    one query each, about 10 ms apiece at 2 M answers (issue 20)."""
    rows = AnswerFigure.objects.filter(rollup_cells(first, last), subtree=False)
    return sums_by_unit(rows, {code: Sum(ROLLED_COLUMNS[code]) for code in codes}, unit_ids)


def _alone(code: str):
    def values(
        *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
    ) -> dict[int, Number]:
        return rolled_together(codes=[code], first=first, last=last, unit_ids=unit_ids)[code]

    values.__name__ = code.rpartition(".")[2]
    return values


invitations_sent = _alone("surveys.invitations_sent")
responses = _alone("surveys.responses")
responses_satisfied = _alone("surveys.responses_satisfied")
responses_dissatisfied = _alone("surveys.responses_dissatisfied")


def _plus(
    *parts: dict[int, Number], minus: tuple[dict[int, Number], ...] = ()
) -> dict[int, Number]:
    total: dict[int, Number] = {}
    for part in parts:
        for unit_id, value in part.items():
            total[unit_id] = total.get(unit_id, 0) + value
    for part in minus:
        for unit_id, value in part.items():
            total[unit_id] = total.get(unit_id, 0) - value
    return {unit_id: value for unit_id, value in total.items() if value}


def _ratings(code: str, first, last, unit_ids) -> dict[int, Number]:
    """The one-stop shop's figure ``code`` through the registry (nothing when not declared)."""
    figure = figure_get(code)
    return {} if figure is None else figure.read(first=first, last=last, unit_ids=unit_ids)


def combined_rated(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return _plus(
        responses(first=first, last=last, unit_ids=unit_ids),
        _ratings("onestop.ratings", first, last, unit_ids),
    )


def combined_satisfied(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return _plus(
        responses_satisfied(first=first, last=last, unit_ids=unit_ids),
        _ratings("onestop.ratings_satisfied", first, last, unit_ids),
    )


def combined_not_dissatisfied(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    """Decision 766's numerator: answers and ratings less those that are dissatisfied."""
    return _plus(
        combined_rated(first=first, last=last, unit_ids=unit_ids),
        minus=(
            responses_dissatisfied(first=first, last=last, unit_ids=unit_ids),
            _ratings("onestop.ratings_dissatisfied", first, last, unit_ids),
        ),
    )


def score_sum(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return {k: Decimal(v) for k, v in _rolled("score_sum", first, last, unit_ids).items()}


def _agencies(first, last, unit_ids, **where: object) -> dict[int, Number]:
    """1 for each agency (the unit a survey belongs to) whose surveys were answered in the
    range, so that a subtree's sum counts its agencies."""
    qs = Response.objects.filter(submitted_on__range=(first, last), **where)
    if unit_ids is not None:
        qs = qs.filter(survey__unit_id__in=list(unit_ids))
    return dict.fromkeys(qs.values_list("survey__unit_id", flat=True).distinct().order_by(), 1)


def agencies_surveyed(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return _agencies(first, last, unit_ids)


def agencies_published(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return _agencies(first, last, unit_ids, survey__results_published=True)


FIGURES = (
    Figure(
        code="surveys.invitations_sent",
        label=_("Survey invitations sent"),
        description=_(
            "Invitations to a satisfaction survey sent after a service, by the day sent."
        ),
        measure=Measure.COUNT,
        values=invitations_sent,
        together=rolled_together,
    ),
    Figure(
        code="surveys.responses",
        label=_("Survey answers"),
        description=_("Answers to satisfaction surveys, by the unit served and the day answered."),
        measure=Measure.COUNT,
        values=responses,
        together=rolled_together,
    ),
    Figure(
        code="surveys.responses_satisfied",
        label=_("Satisfied survey answers"),
        description=_("Answers whose overall score reaches the survey's satisfied threshold."),
        measure=Measure.COUNT,
        values=responses_satisfied,
        together=rolled_together,
    ),
    Figure(
        code="surveys.responses_dissatisfied",
        label=_("Dissatisfied survey answers"),
        description=_(
            "Answers whose mean rating is below 3 (dissatisfied or worse): the answers Decision "
            "766's satisfaction ratio subtracts."
        ),
        measure=Measure.COUNT,
        values=responses_dissatisfied,
        together=rolled_together,
    ),
    Figure(
        code="surveys.combined_rated",
        label=_("Survey answers and one-stop ratings"),
        description=_(
            "Survey answers plus the one-stop shop's per-dossier ratings given in the period."
        ),
        measure=Measure.COUNT,
        values=combined_rated,
    ),
    Figure(
        code="surveys.combined_satisfied",
        label=_("Satisfied answers and ratings"),
        description=_(
            "Satisfied survey answers plus one-stop ratings at 'satisfied' or above (4 or 5 of 5)."
        ),
        measure=Measure.COUNT,
        values=combined_satisfied,
    ),
    Figure(
        code="surveys.combined_not_dissatisfied",
        label=_("Answers and ratings not dissatisfied"),
        description=_(
            "Survey answers and one-stop ratings less the dissatisfied ones (Decision 766: the "
            "numerator of the satisfaction ratio in handling procedures)."
        ),
        measure=Measure.COUNT,
        values=combined_not_dissatisfied,
    ),
    Figure(
        code="surveys.score_sum",
        label=_("Sum of survey scores"),
        description=_(
            "Sum of the answers' overall scores (0–100); divided by the answers it gives the "
            "average score."
        ),
        measure=Measure.SCORE,
        values=score_sum,
    ),
    Figure(
        code="surveys.agencies_surveyed",
        label=_("Agencies measuring satisfaction"),
        description=_("Agencies whose satisfaction surveys were answered in the period (1 each)."),
        measure=Measure.COUNT,
        values=agencies_surveyed,
    ),
    Figure(
        code="surveys.agencies_published",
        label=_("Agencies publishing satisfaction"),
        description=_(
            "Agencies whose surveys were answered in the period and whose results are published "
            "(1 each)."
        ),
        measure=Measure.COUNT,
        values=agencies_published,
    ),
)


def _dimension_rows(first: datetime.date, last: datetime.date, unit_ids, **where: object):
    """Dimension scores of the years whose last day (31 December, the survey year's end) lies
    in the range, carrying a target for the same year."""
    years = [
        y for y in range(first.year, last.year + 1) if first <= datetime.date(y, 12, 31) <= last
    ]
    qs = Standing.objects.filter(
        year__in=years, score__isnull=False, target_score__isnull=False, **where
    ).exclude(dimension="")
    if unit_ids is not None:
        qs = qs.filter(province_id__in=list(unit_ids))
    rows = qs.values("province_id").annotate(n=Count("pk")).order_by()
    return {row["province_id"]: row["n"] for row in rows}


def dimensions_targeted(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return _dimension_rows(first, last, unit_ids)


def dimensions_on_target(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return _dimension_rows(first, last, unit_ids, score__gte=F("target_score"))


STANDING_FIGURES = (
    Figure(
        code="surveys.index_dimensions_targeted",
        label=_("Index dimensions with a target"),
        description=_(
            "Dimensions of the governance indices (PAPI, PCI, SIPAS…) scored for a year ending "
            "in the period that carry a target for that year, per province."
        ),
        measure=Measure.COUNT,
        values=dimensions_targeted,
    ),
    Figure(
        code="surveys.index_dimensions_on_target",
        label=_("Index dimensions on target"),
        description=_("Of those dimensions, the ones whose score reached the target."),
        measure=Measure.COUNT,
        values=dimensions_on_target,
    ),
)
