import datetime
from decimal import Decimal

from egov.dashboards import rules

D = Decimal
BANDS = [
    rules.Band(D(100), "Đạt", "#1a7f37"),
    rules.Band(D(80), "Gần đạt", "#9a6700"),
    rules.Band(D(0), "Chưa đạt", "#c62828"),
]


def test_a_rate_has_two_decimals_and_none_without_a_base():
    assert rules.rate(1, 3) == D("33.33")
    assert rules.rate(0, 0) is None


def test_766_points_are_linear_up_to_the_share_of_full_marks():
    assert rules.points(D(40), full=D(8), full_at=D(50), full_when_empty=False) == D("6.40")
    assert rules.points(D(70), full=D(8), full_at=D(50), full_when_empty=False) == D(8)
    assert rules.points(None, full=D(6), full_at=D(100), full_when_empty=True) == D(6)
    assert rules.points(None, full=D(6), full_at=D(100), full_when_empty=False) is None


def test_a_level_target_wins_over_the_general_one_in_its_period():
    targets = [
        rules.TargetRule("", datetime.date(2019, 1, 1), None, D(50)),
        rules.TargetRule("commune", datetime.date(2019, 1, 1), datetime.date(2024, 12, 31), D(30)),
        rules.TargetRule("commune", datetime.date(2025, 1, 1), None, D(60)),
    ]
    assert rules.target_for(targets, level="commune", on=datetime.date(2024, 6, 30)) == D(30)
    assert rules.target_for(targets, level="commune", on=datetime.date(2025, 6, 30)) == D(60)
    assert rules.target_for(targets, level="district", on=datetime.date(2025, 6, 30)) == D(50)
    assert rules.target_for(targets, level=None, on=datetime.date(2018, 6, 30)) is None


def test_bands_relative_to_the_target():
    band = rules.band_of(BANDS, D(45), target=D(50), relative=True)
    assert band.label == "Gần đạt"
    assert rules.band_of(BANDS, D(50), target=D(50), relative=True).label == "Đạt"
    assert rules.band_of(BANDS, D(20), target=D(50), relative=True).label == "Chưa đạt"
    assert rules.band_of(BANDS, D(20), target=None, relative=True) is None
    assert rules.band_of(BANDS, None) is None


def test_bands_when_lower_is_better():
    assert (
        rules.band_of(BANDS, D(4), target=D(5), relative=True, lower_is_better=True).label == "Đạt"
    )
    assert (
        rules.band_of(BANDS, D(6), target=D(5), relative=True, lower_is_better=True).label
        == "Gần đạt"
    )


def test_a_sparkline_scales_between_the_lowest_and_highest_and_breaks_on_gaps():
    from egov.dashboards.rules import sparkline

    assert sparkline([None, None]) == []
    flat = sparkline([Decimal(5), Decimal(5)], width=20, height=10, pad=0)
    assert flat == ["0.0,5.0 20.0,5.0"]
    parts = sparkline([Decimal(0), Decimal(10), None, Decimal(5)], width=30, height=10, pad=0)
    assert parts == ["0.0,10.0 10.0,0.0", "30.0,5.0"]
