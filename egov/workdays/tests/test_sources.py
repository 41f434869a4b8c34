"""The shipped adjustments agree with the holidays package and cite their sources. No DB."""

from __future__ import annotations

import datetime

import holidays

from egov.workdays import sources
from egov.workdays.choices import AdjustmentKind, Confidence

D = datetime.date
SHIPPED = sources.shipped_adjustments()
BY_DAY = {row["on"]: row for row in SHIPPED}


def test_the_package_is_the_one_the_data_was_checked_against():
    assert holidays.__version__ == "0.109"


def test_every_substitution_of_the_package_has_its_make_up_saturday():
    # 2018 is included: its 31/12/2018 day off is repaid on Saturday 05/01/2019.
    pairs = sources.package_substitutions(first_year=2018, last_year=2026)
    in_range = {off: makeup for off, makeup in pairs.items() if 2019 <= makeup.year <= 2026}

    assert in_range == {
        D(2018, 12, 31): D(2019, 1, 5),
        D(2019, 4, 29): D(2019, 5, 4),
        D(2024, 4, 29): D(2024, 5, 4),
        D(2025, 5, 2): D(2025, 4, 26),
        D(2026, 8, 31): D(2026, 8, 22),
    }
    for day_off, makeup in in_range.items():
        row = BY_DAY[makeup]
        assert (row["kind"], row["swapped_with"]) == (AdjustmentKind.EXTRA_WORKING_DAY, day_off)


def test_in_package_marks_exactly_the_rows_derivable_from_the_package_label():
    derivable = set(sources.package_substitutions(first_year=2018, last_year=2026).values())

    assert {row["on"] for row in SHIPPED if row["in_package"]} == derivable & set(BY_DAY)


def test_shipped_rows():
    assert [
        (row["on"], row["kind"], row["swapped_with"], row["confidence"]) for row in SHIPPED
    ] == [
        (D(2019, 1, 5), "extra_working_day", D(2018, 12, 31), "high"),
        (D(2019, 5, 4), "extra_working_day", D(2019, 4, 29), "high"),
        (D(2024, 5, 4), "extra_working_day", D(2024, 4, 29), "high"),
        (D(2025, 2, 8), "extra_working_day", D(2025, 1, 27), "medium"),
        (D(2025, 4, 26), "extra_working_day", D(2025, 5, 2), "high"),
        (D(2026, 1, 2), "extra_day_off", D(2026, 1, 10), "medium"),
        (D(2026, 1, 10), "extra_working_day", D(2026, 1, 2), "medium"),
        (D(2026, 8, 22), "extra_working_day", D(2026, 8, 31), "medium"),
    ]


def test_every_row_cites_a_source_and_has_a_known_confidence():
    for row in SHIPPED:
        assert len(row["source"]) > 40
        assert row["confidence"] in Confidence.values
        assert row["description"]


def test_make_up_saturdays_are_saturdays_and_repay_a_day_off():
    package = sources.package_days_off(first_year=2018, last_year=2026)
    extra_days_off = {r["on"] for r in SHIPPED if r["kind"] == AdjustmentKind.EXTRA_DAY_OFF}
    for row in SHIPPED:
        if row["kind"] == AdjustmentKind.EXTRA_WORKING_DAY:
            assert row["on"].weekday() == 5
            assert row["swapped_with"] in package or row["swapped_with"] in extra_days_off


def test_tet_2025_make_up_day_is_not_in_the_package():
    package = sources.package_days_off(first_year=2025, last_year=2025)

    assert package[D(2025, 1, 27)] == "29 of Lunar New Year"
    assert D(2025, 2, 8) not in package
