"""The satisfaction from both sources: survey answers and the one-stop shop's ratings (read
through the figures registry, onestop being above surveys), per series and together, for a
unit's subtree; the combined figures for the dashboards equal the sums of their parts."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from egov.common import figures as registry
from egov.common.figures import figure_get
from egov.onestop.models import DossierRating
from egov.onestop.services.figures import figures_refresh_range
from egov.onestop.tests.factories import ProcedureFactory
from egov.onestop.tests.figures_factories import DossierFactory
from egov.surveys import services
from egov.surveys.models import Response, Survey
from egov.surveys.selectors_combined import (
    Series,
    satisfaction_by_unit_below,
    satisfaction_combined,
)
from egov.surveys.tests.conftest import full_answers

DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def rated(world, survey):
    """District A: answers 5, 4, 1 (two satisfied, one dissatisfied); one-stop ratings in
    district A 5, 2 and in commune A (below it) 4, 1, 3; district B 5 (outside)."""
    for level in (5, 4, 1):
        services.response_submit(survey=survey, answers=full_answers(level))
    procedure = ProcedureFactory(level="district")
    moment = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(10)))
    scores = [
        (world.district_a, 5),
        (world.district_a, 2),
        (world.commune_a, 4),
        (world.commune_a, 1),
        (world.commune_a, 3),
        (world.district_b, 5),
    ]
    for number, (unit, score) in enumerate(scores):
        dossier = DossierFactory(
            code=f"R-{number}",
            procedure=procedure,
            status="returned",
            competent_unit_id=unit.pk,
            receiving_unit_id=unit.pk,
            received_at=moment,
            submitted_at=moment,
            due_at=moment,
            finished_at=moment,
        )
        rating = DossierRating.objects.create(dossier=dossier, unit=unit, score=score)
        DossierRating.objects.filter(pk=rating.pk).update(rated_at=moment)
    figures_refresh_range(day_from=DAY, day_to=DAY)


def test_both_series_and_their_sum_for_the_subtree(world, rated):
    today = timezone.localdate()

    result = satisfaction_combined(world.district_a, first=DAY, last=today)

    assert result.answers == Series(rated=3, satisfied=2, dissatisfied=1)
    assert result.ratings == Series(rated=5, satisfied=2, dissatisfied=2)
    assert result.combined == Series(rated=8, satisfied=4, dissatisfied=3)
    assert result.combined.share.value == Decimal("50.0")
    # Decision 766: (8 - 3) / 8 = 62.5 %; 6 × 0.625 / 0.9 = 4.17 points
    assert (result.combined.ratio_766, result.combined.points_766) == (
        Decimal("62.5"),
        Decimal("4.17"),
    )


def test_the_combined_figures_are_the_sums_of_their_parts(world, rated):
    today = timezone.localdate()
    read = {
        code: figure_get(code).read(first=DAY, last=today)
        for code in (
            "surveys.combined_rated",
            "surveys.combined_satisfied",
            "surveys.combined_not_dissatisfied",
        )
    }

    assert read == {
        "surveys.combined_rated": {
            world.district_a.pk: 5,
            world.commune_a.pk: 3,
            world.district_b.pk: 1,
        },
        "surveys.combined_satisfied": {
            world.district_a.pk: 3,
            world.commune_a.pk: 1,
            world.district_b.pk: 1,
        },
        "surveys.combined_not_dissatisfied": {
            world.district_a.pk: 3,
            world.commune_a.pk: 2,
            world.district_b.pk: 1,
        },
    }


def test_without_the_one_stop_figures_the_answers_stand_alone(world, rated, monkeypatch):
    monkeypatch.setattr(
        registry,
        "_registry",
        {k: v for k, v in registry._registry.items() if not k.startswith("onestop.")},
    )

    result = satisfaction_combined(world.district_a, first=DAY, last=timezone.localdate())

    assert result.ratings is None
    assert result.combined == Series(rated=3, satisfied=2, dissatisfied=1)


def test_the_index_page_and_the_public_page_show_both_series(
    client, world, unit_head, survey, rated
):
    services.survey_results_publish(actor=unit_head, survey=survey)
    client.force_login(unit_head)
    query = {"first": DAY.isoformat()}

    index = client.get(reverse("surveys:survey-index", args=[survey.pk]), query)
    client.logout()
    public = client.get(reverse("surveys:public-unit", args=[world.district_a.pk]), query)

    for page in (index, public):
        text = page.content.decode()
        assert page.status_code == 200
        assert "Đánh giá tại bộ phận một cửa" in text
        assert "62,5 %" in text


def test_units_below_roll_their_subtrees_up_in_constant_queries(
    world, rated, django_assert_num_queries
):
    today = timezone.localdate()
    Response.objects.create(
        survey=Survey.objects.get(),
        unit=world.desk_a,
        source="invitation",
        submitted_on=today,
        is_satisfied=True,
    )
    services.rollup_rebuild()  # the answer above was written directly

    # the subtree, the children, the survey figures together (1), the one-stop ratings (2:
    # the roll-up's count, then the satisfied and dissatisfied ratings read together)
    with django_assert_num_queries(5):
        rows = satisfaction_by_unit_below(world.district_a, first=DAY, last=today)

    assert [(row.unit, row.is_own) for row in rows] == [
        (world.district_a, True),
        (world.desk_a, False),
        (world.division_a, False),
        (world.commune_a, False),
    ]
    assert [(row.answers.rated, row.ratings.rated) for row in rows] == [
        (3, 2),
        (1, 0),
        (0, 0),
        (0, 3),
    ]
    assert rows[3].combined == Series(rated=3, satisfied=1, dissatisfied=1)
    with django_assert_num_queries(5):  # more units and rows, the same queries
        city = satisfaction_by_unit_below(world.city, first=DAY, last=today)
    assert [(row.unit, row.combined.rated) for row in city] == [
        (world.city, 0),
        (world.district_a, 9),
        (world.district_b, 1),
        (world.dept, 0),
        (world.city_office, 0),
    ]
