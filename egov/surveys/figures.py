"""Figures of satisfaction surveys for the dashboards (egov.common.figures): invitations sent
and answers per unit and day range, satisfied answers, and the sum of the answers' overall
scores (0–100), so an average score is ``score_sum / responses``. One grouped query each."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, Number
from egov.surveys.models import Invitation, Response


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


def invitations_sent(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return _grouped(_scoped(Invitation.objects, "sent_on", first, last, unit_ids), n=Count("pk"))


def responses(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    return _grouped(_scoped(Response.objects, "submitted_on", first, last, unit_ids), n=Count("pk"))


def responses_satisfied(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    qs = _scoped(Response.objects, "submitted_on", first, last, unit_ids)
    return _grouped(qs, n=Count("pk", filter=Q(is_satisfied=True)))


def score_sum(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, Number]:
    qs = _scoped(Response.objects, "submitted_on", first, last, unit_ids)
    return {k: Decimal(v) for k, v in _grouped(qs, n=Sum("overall_score")).items()}


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
    ),
    Figure(
        code="surveys.responses",
        label=_("Survey answers"),
        description=_("Answers to satisfaction surveys, by the unit served and the day answered."),
        measure=Measure.COUNT,
        values=responses,
    ),
    Figure(
        code="surveys.responses_satisfied",
        label=_("Satisfied survey answers"),
        description=_("Answers whose overall score reaches the survey's satisfied threshold."),
        measure=Measure.COUNT,
        values=responses_satisfied,
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
