"""Dates a person typed are checked the same way everywhere; Vietnamese names sort as in a
dictionary."""

from __future__ import annotations

import datetime

from django.utils import translation

from egov.common.text import vi_sort_key
from egov.common.validation import day_problem, days_order_problem

D = datetime.date


def test_a_day_before_1945_or_after_the_bound_is_a_problem():
    with translation.override("vi"):
        assert day_problem(D(1, 1, 1)) == "Kiểm tra lại ngày: 01/01/0001 là trước ngày 02/09/1945."
        assert day_problem(D(2026, 12, 7), latest=D(2026, 12, 6)) == (
            "Ngày không được sau ngày 06/12/2026."
        )
    assert day_problem(D(1945, 9, 2)) is None
    assert day_problem(None) is None


def test_a_range_must_be_in_order_and_may_be_open():
    assert days_order_problem(D(2026, 2, 10), D(2026, 2, 9), message="late") == "late"
    assert days_order_problem(D(2026, 2, 10), D(2026, 2, 10)) is None
    assert days_order_problem(None, D(2026, 2, 9)) is None


def test_vietnamese_dictionary_order():
    names = ["Biên Giang", "Đống Đa", "Bách Khoa", "Dương Nội", "Ứng Hòa", "Uy Nỗ", "Ô Chợ Dừa"]

    assert sorted(names, key=vi_sort_key) == [
        "Bách Khoa",
        "Biên Giang",
        "Dương Nội",
        "Đống Đa",
        "Ô Chợ Dừa",
        "Uy Nỗ",
        "Ứng Hòa",
    ]
