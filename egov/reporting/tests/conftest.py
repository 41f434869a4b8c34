"""Fixtures of the reporting tests: a monthly regime of the communes of the test city sent to
the department, its May 2026 period opened, and the officers of each side."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from conftest import World, make_officer
from egov.accounts.models import User
from egov.common.periods import period_of
from egov.reporting import services
from egov.reporting.choices import Aggregation, DataType, Frequency
from egov.reporting.models import Regime, Submission
from egov.workdays.rules import VN_TZ

MAY = period_of("month", datetime.date(2026, 5, 1))
INDICATORS = [
    services.IndicatorIn("01", "Thu ngân sách", "tỷ đồng", DataType.DECIMAL, Aggregation.SUM),
    services.IndicatorIn("02", "Tăng trưởng GRDP", "%", DataType.DECIMAL, Aggregation.AVERAGE),
    services.IndicatorIn("03", "Doanh nghiệp mới", "doanh nghiệp", DataType.INTEGER),
    services.IndicatorIn("04", "Đánh giá", "", DataType.TEXT, Aggregation.NONE, required=False),
]


def at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=VN_TZ)


class Clock:
    def __init__(self) -> None:
        self.moment: datetime.datetime | None = None

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    real_now = timezone.now
    frozen = Clock()
    frozen.set(at(2026, 5, 15))
    monkeypatch.setattr(timezone, "now", lambda: frozen.moment or real_now())
    return frozen


@dataclass
class Setup:
    regime: Regime
    a: Submission
    b: Submission
    filler_a: User
    filler_b: User
    receiver: User


@pytest.fixture
def setup(world: World) -> Setup:
    regime = services.regime_create(
        actor=None,
        indicators=INDICATORS,
        code="kt-xh",
        name="Báo cáo kinh tế - xã hội tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        deadline_days=2,
    )
    services.period_open(actor=None, regime=regime, period=MAY)
    return Setup(
        regime=regime,
        a=Submission.objects.get(regime=regime, unit=world.commune_a),
        b=Submission.objects.get(regime=regime, unit=world.commune_b),
        filler_a=make_officer("chuyenvien.phucxa@example.vn", world.commune_a, "specialist"),
        filler_b=make_officer("chuyenvien.hangtrong@example.vn", world.commune_b, "specialist"),
        receiver=make_officer("chuyenvien.stc@example.vn", world.dept, "specialist"),
    )
