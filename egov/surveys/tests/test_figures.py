"""The dashboards' figures equal naive counts of the rows, per unit and day range."""

from __future__ import annotations

import datetime
from decimal import Decimal

from egov.common.figures import figure_get
from egov.surveys.models import Invitation, Response
from egov.surveys.services import rollup_rebuild

DAY = datetime.date(2026, 3, 10)


def _rows(world, survey):
    spec = [
        (world.district_a, DAY, Decimal("80.00"), True),
        (world.district_a, DAY + datetime.timedelta(days=1), Decimal("40.00"), False),
        (world.desk_a, DAY, Decimal("100.00"), True),
        (world.desk_a, DAY + datetime.timedelta(days=40), Decimal("90.00"), True),
    ]
    for n, (unit, day, score, satisfied) in enumerate(spec):
        Response.objects.create(
            survey=survey,
            unit=unit,
            source="public",
            submitted_on=day,
            answers={},
            overall_score=score,
            is_satisfied=satisfied,
        )
        Invitation.objects.create(
            survey=survey,
            unit=unit,
            reference_hash=f"h{n}",
            sent_on=day,
            expires_at=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC),
        )
    rollup_rebuild()  # the rows above were written directly


def test_figures_match_naive_counts(world, survey):
    _rows(world, survey)
    first, last = DAY, DAY + datetime.timedelta(days=30)
    in_range = [r for r in Response.objects.all() if first <= r.submitted_on <= last]

    def naive(pick):
        out = {}
        for r in in_range:
            out[r.unit_id] = out.get(r.unit_id, 0) + pick(r)
        return {k: v for k, v in out.items() if v}

    read = {
        code: figure_get(code).read(first=first, last=last)
        for code in (
            "surveys.invitations_sent",
            "surveys.responses",
            "surveys.responses_satisfied",
            "surveys.score_sum",
        )
    }

    assert read["surveys.responses"] == naive(lambda r: 1)
    assert read["surveys.invitations_sent"] == naive(lambda r: 1)
    assert read["surveys.responses_satisfied"] == naive(lambda r: int(r.is_satisfied))
    assert read["surveys.score_sum"] == naive(lambda r: r.overall_score)
    assert read["surveys.score_sum"] == {
        world.district_a.pk: Decimal("120.00"),
        world.desk_a.pk: Decimal("100.00"),
    }
    assert figure_get("surveys.responses").read(
        first=first, last=last, unit_ids=[world.desk_a.pk]
    ) == {world.desk_a.pk: 1}


def test_agencies_count_once_each_and_publishing_needs_published_results(world, survey):
    _rows(world, survey)
    first, last = DAY, DAY + datetime.timedelta(days=30)
    surveyed = figure_get("surveys.agencies_surveyed")
    published = figure_get("surveys.agencies_published")

    assert surveyed.read(first=first, last=last) == {survey.unit_id: 1}
    assert published.read(first=first, last=last) == {}
    survey.results_published = True
    survey.save(update_fields=["results_published"])
    assert published.read(first=first, last=last) == {survey.unit_id: 1}
    assert published.read(first=first, last=last, unit_ids=[survey.unit_id + 999]) == {}
    assert (
        surveyed.read(first=DAY - datetime.timedelta(days=9), last=DAY - datetime.timedelta(days=1))
        == {}
    )
