"""The plans' "≥ 80 % of periodic reports shared with the national reporting system" (Plan
190/KH-UBND, 2021–2025) on the leader's dashboard: declared with its target and band, read
through the figures registry from the reporting app's sendings."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from egov.common.periods import period_of
from egov.dashboards.models import IndicatorSet
from egov.dashboards.selectors import board_for, indicators_of
from egov.reporting import services as reporting
from egov.reporting.choices import Frequency, NationalSendingState
from egov.reporting.models import NationalSending, Submission
from egov.reporting.tests.conftest import INDICATORS

pytestmark = pytest.mark.django_db
CODE = "reports-shared-nationally"
MAY = datetime.date(2026, 5, 1)


@pytest.fixture
def shared(scene):
    """May 2026: the two communes report to the city; the national system acknowledged
    Phúc Xá's report twice (its first version and a correction), Hàng Trống's not at all."""
    world = scene.world
    regime = reporting.regime_create(
        actor=None,
        indicators=INDICATORS,
        code="kt-xh",
        name="Báo cáo kinh tế - xã hội tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.city,
        deadline_days=2,
    )
    reporting.period_open(actor=None, regime=regime, period=period_of("month", MAY))
    report = Submission.objects.get(regime=regime, unit=world.commune_a)
    for n in (1, 2):
        NationalSending.objects.create(
            submission=report,
            message={"PhienBan": n},
            idempotency_key=f"k{n}",
            state=NationalSendingState.ACKNOWLEDGED,
            receipt=f"TN0000000{n}",
        )
    return scene


def test_the_indicator_is_declared_with_its_target_and_band(scene) -> None:
    indicator = IndicatorSet.objects.get().indicators.get(code=CODE)

    assert (indicator.numerator, indicator.denominator) == (
        "reporting.reports_shared_nationally",
        "reporting.reports_of_the_city",
    )
    assert [(t.valid_from, t.value) for t in indicator.targets.all()] == [
        (datetime.date(2021, 1, 1), Decimal(80))
    ]
    assert indicator.legend.code == "plan-target"


def test_the_leader_sees_the_share_against_its_target(shared, client) -> None:
    world = shared.world
    indicator_set = IndicatorSet.objects.get()
    board = board_for(
        top=world.city,
        period=period_of("quarter", MAY),
        indicators=indicators_of(indicator_set, kind="rate"),
        indicator_set=indicator_set,
    )
    city = board.top.cells[CODE]
    rows = {row.unit.pk: row.cells[CODE] for row in board.children}

    assert (city.numerator, city.denominator, city.value) == (1, 2, Decimal("50.00"))
    assert (city.target, city.band.label) == (Decimal(80), "Chưa đạt")
    assert rows[world.district_a.pk].value == Decimal("100.00")
    assert rows[world.district_b.pk].value == Decimal("0.00")

    client.force_login(shared.leader)
    page = client.get(reverse("dashboards:dashboard"), {"kind": "quarter", "on": "2026-05-15"})
    assert page.status_code == 200
    assert "Tỷ lệ báo cáo định kỳ được chia sẻ với Hệ thống thông tin báo cáo quốc gia" in (
        page.content.decode()
    )
