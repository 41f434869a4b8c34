"""Pure rules: number and notation (Decree 30/2020 art. 15), series, register year, recipient
status order, search folding."""

from __future__ import annotations

import datetime
import unicodedata
import zoneinfo

import pytest

from egov.documents import rules
from egov.documents.choices import NumberSeries, RecipientStatus

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("number", "text"), [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (1738, "1738")]
)
def test_numbers_below_ten_are_zero_padded(number, text):
    assert rules.number_text(number) == text


def test_number_zero_does_not_exist():
    with pytest.raises(ValueError):
        rules.number_text(0)


def test_typed_notation_and_letter_notation():
    assert rules.notation_build(type_abbreviation="QĐ", unit_abbreviation="UBND") == "QĐ-UBND"
    assert (
        rules.notation_build(
            type_abbreviation="", unit_abbreviation="UBND", drafting_abbreviation="TKBT"
        )
        == "UBND-TKBT"
    )
    assert rules.number_notation(1738, "QĐ-UBND") == "1738/QĐ-UBND"
    assert rules.number_notation(5, "UBND-VP") == "05/UBND-VP"


def test_missing_abbreviations_are_named():
    assert (
        rules.notation_missing(
            is_letter=False,
            unit_abbreviation="",
            drafting_abbreviation="",
            drafting_is_issuer=False,
        )
        == "unit"
    )
    assert rules.notation_missing(
        is_letter=True, unit_abbreviation="UBND", drafting_abbreviation="", drafting_is_issuer=False
    ) == ("drafting_unit")
    assert rules.notation_missing(
        is_letter=True,
        unit_abbreviation="UBND",
        drafting_abbreviation="VP",
        drafting_is_issuer=True,
    ) == ("drafting_unit")
    assert (
        rules.notation_missing(
            is_letter=False,
            unit_abbreviation="UBND",
            drafting_abbreviation="",
            drafting_is_issuer=True,
        )
        is None
    )


@pytest.mark.parametrize(
    ("notation", "abbr", "unit", "codes"),
    [
        ("QĐ-UBND", "QĐ", "UBND", []),
        ("QĐ-UBND", "QĐ", "", []),
        ("UBND-TKBT", "", "UBND", []),
        ("CT-UBND", "QĐ", "UBND", ["type"]),
        ("QĐ-STTTT", "QĐ", "UBND", ["issuer"]),
        ("QĐ UBND", "QĐ", "UBND", ["format"]),
        ("QĐ", "QĐ", "UBND", ["format"]),
        ("QĐ--UBND", "QĐ", "UBND", ["format"]),
        ("VP-UBND", "", "UBND", ["issuer"]),
    ],
)
def test_notation_problems(notation, abbr, unit, codes):
    found = rules.notation_problems(notation, type_abbreviation=abbr, unit_abbreviation=unit)
    assert [p.code for p in found] == codes


def test_series():
    assert rules.series_for(is_secret=True, is_legal_normative=True) == NumberSeries.SECRET
    assert rules.series_for(is_secret=False, is_legal_normative=True) == NumberSeries.LEGAL
    assert rules.series_for(is_secret=False, is_legal_normative=False) == NumberSeries.GENERAL


def test_the_register_year_is_the_vietnamese_one():
    late_utc = datetime.datetime(2025, 12, 31, 17, 30, tzinfo=datetime.UTC)
    assert rules.register_year(late_utc, VN) == (datetime.date(2026, 1, 1), 2026)
    before = datetime.datetime(2025, 12, 31, 16, 59, tzinfo=datetime.UTC)
    assert rules.register_year(before, VN) == (datetime.date(2025, 12, 31), 2025)


def test_exchange_document_id():
    assert rules.exchange_document_id(
        agency_code="000.00.00.G22",
        issued_on=datetime.date(2018, 9, 20),
        number_notation="7816/VPCP-TTĐT",
    ) == ("000.00.00.G22,2018/09/20,7816/VPCP-TTĐT")


@pytest.mark.parametrize(
    ("current", "new", "moves"),
    [
        (RecipientStatus.PENDING, RecipientStatus.SENT, True),
        (RecipientStatus.SENT, RecipientStatus.ARRIVED, True),
        (RecipientStatus.ASSIGNED, RecipientStatus.REGISTERED, False),
        (RecipientStatus.ASSIGNED, RecipientStatus.ASSIGNED, False),
        (RecipientStatus.ARRIVED, RecipientStatus.REJECTED, True),
        (RecipientStatus.COMPLETED, RecipientStatus.REJECTED, False),
        (RecipientStatus.REJECTED, RecipientStatus.REGISTERED, False),
        (RecipientStatus.FAILED, RecipientStatus.SENT, True),
    ],
)
def test_recipient_statuses_move_forward_only(current, new, moves):
    assert rules.recipient_status_moves(current, new) is moves


def test_search_folding_is_the_same_for_every_spelling():
    nfc = "Quyết định 1738/QĐ-UBND về đường"
    nfd = unicodedata.normalize("NFD", nfc)
    expected = "quyet dinh 1738 qd ubnd ve duong"
    assert rules.search_fold(nfc) == rules.search_fold(nfd) == expected
    assert rules.search_fold("QUYẾT ĐỊNH") == "quyet dinh"
    assert rules.search_terms("Đường đường  ĐƯỜNG, quyết") == ["duong", "quyet"]
    assert rules.search_words("Đường đường  ĐƯỜNG, quyết") == (["duong"], "quyet")
    assert rules.search_words("quyết định quyết") == (["quyet", "dinh"], "")
    assert rules.search_words(" Đ ") == ([], "d")
    assert rules.search_words(" ,; ") == ([], "")
    assert rules.tsquery_words(["duong", "quyet"], "di") == "duong & quyet & di:*"
    assert rules.tsquery_words(["duong", "quyet"], "") == "duong & quyet"
