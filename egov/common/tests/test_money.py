"""Amounts typed in Vietnamese formats and their words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from egov.common.money import AmountUnreadable, vnd_in_words, vnd_parse


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("150.000", 150_000),
        ("150.000 đ", 150_000),
        ("150.000đ", 150_000),
        ("150.000 đồng", 150_000),
        ("150,000", 150_000),
        ("150 000", 150_000),
        ("150\u00a0000 ₫", 150_000),
        (" 1.500.000 VND ", 1_500_000),
        ("VND 75.000", 75_000),
        ("150.000,00", 150_000),
        ("150,000.00", 150_000),
        ("150,00", 150),
        ("150000", 150_000),
        ("150", 150),
        ("0", 0),
    ],
)
def test_vietnamese_and_other_usual_formats_are_read(text, amount):
    assert vnd_parse(text) == amount


@pytest.mark.parametrize(
    "text",
    [
        "",
        "đ",
        "abc",
        "-150.000",
        "1.50",
        "1,5",
        "150.000,50",
        "1.500,000",
        "15.00.000",
        "150.0000",
        "1.500.000.00",
        "150k",
        "１５０",
    ],
)
def test_ambiguous_or_unreadable_amounts_are_refused(text):
    with pytest.raises(AmountUnreadable):
        vnd_parse(text)


@given(st.integers(min_value=0, max_value=10**13))
def test_an_amount_written_with_vietnamese_grouping_reads_back(amount):
    assert vnd_parse(f"{amount:,}".replace(",", ".") + " đ") == amount
    assert vnd_parse(f"{amount:,}") == amount


def test_words():
    assert vnd_in_words(150_000) == "Một trăm năm mươi nghìn đồng"
    assert vnd_in_words(1_500_000) == "Một triệu năm trăm nghìn đồng"
    assert vnd_in_words(105) == "Một trăm lẻ năm đồng"
