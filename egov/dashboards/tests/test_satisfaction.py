"""The combined satisfaction indicator (survey answers and one-stop ratings, ADR 0023) on the
leader's dashboard: read through the figures registry, with its target and band."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_officer
from egov.dashboards.models import IndicatorSet
from egov.dashboards.selectors import board_for, indicators_of
from egov.dashboards.tests.conftest import Q3, at
from egov.onestop.models import Dossier, DossierRating
from egov.onestop.services.figures import figures_refresh_range
from egov.surveys import services as surveys
from egov.surveys.tests.conftest import full_answers
from egov.workdays.rules import VN_TZ

pytestmark = pytest.mark.django_db
CODE = "satisfied-combined"


@pytest.fixture
def rated(scene, monkeypatch):
    """District A in July 2026: survey answers rated 5, 4 and 1 (two satisfied) and one-stop
    ratings 5 and 2 (one satisfied): 3 of 5 satisfied."""
    head = make_officer("truongphong.badinh@example.vn", scene.world.district_a, "unit_head")
    draft = surveys.survey_create_from_template(actor=head, unit=scene.world.district_a)
    survey = surveys.survey_publish(actor=head, survey=draft)
    moment = datetime.datetime(2026, 7, 10, 10, tzinfo=VN_TZ)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    for level in (5, 4, 1):
        surveys.response_submit(survey=survey, answers=full_answers(level), channel="online")
    dossiers = Dossier.objects.filter(competent_unit=scene.world.district_a).order_by("pk")
    for dossier, score in zip(dossiers, (5, 2), strict=False):
        rating = DossierRating.objects.create(
            dossier=dossier, unit=dossier.competent_unit, score=score
        )
        DossierRating.objects.filter(pk=rating.pk).update(rated_at=at(7, 16))
    figures_refresh_range(day_from=datetime.date(2026, 7, 1), day_to=datetime.date(2026, 7, 31))
    monkeypatch.undo()
    return scene


def test_the_indicator_is_declared_with_its_target_and_band(scene):
    indicator = IndicatorSet.objects.get().indicators.get(code=CODE)

    assert (indicator.numerator, indicator.denominator) == (
        "surveys.combined_satisfied",
        "surveys.combined_rated",
    )
    assert [t.value for t in indicator.targets.all()] == [Decimal(90)]
    assert indicator.legend.code == "plan-target"


def test_the_leader_sees_the_combined_satisfaction_with_real_values(rated, client):
    indicator_set = IndicatorSet.objects.get()
    from egov.common.periods import period_of

    board = board_for(
        top=rated.world.city,
        period=period_of("quarter", datetime.date(2026, 7, 15)),
        indicators=indicators_of(indicator_set, kind="rate"),
        indicator_set=indicator_set,
    )
    city = board.top.cells[CODE]
    rows = {row.unit.pk: row.cells[CODE] for row in board.children}

    assert (city.numerator, city.denominator, city.value) == (3, 5, Decimal("60.00"))
    assert (city.target, city.band.label) == (Decimal(90), "Chưa đạt")
    assert rows[rated.world.district_a.pk].value == Decimal("60.00")
    assert rows[rated.world.district_b.pk].available is True
    assert rows[rated.world.district_b.pk].value is None  # nothing rated there

    client.force_login(rated.leader)
    page = client.get(reverse("dashboards:dashboard"), Q3)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tỷ lệ hài lòng chung: khảo sát và đánh giá tại một cửa" in html
    assert "60,0" in html
