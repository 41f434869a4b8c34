"""The pure rules of the official layout (Decree 30/2020/NĐ-CP Appendix I): no database."""

from __future__ import annotations

import datetime

import pytest

from egov.documents.render import formats


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),
        (datetime.date(2021, 2, 28), "Hà Nội, ngày 28 tháng 02 năm 2021"),
        (datetime.date(2022, 3, 9), "Hà Nội, ngày 09 tháng 3 năm 2022"),
        (datetime.date(2023, 12, 10), "Hà Nội, ngày 10 tháng 12 năm 2023"),
    ],
)
def test_date_line_pads_days_below_10_and_the_first_two_months(day, expected):
    assert formats.date_line("Hà Nội", day, year=day.year) == expected


def test_date_line_of_an_undated_draft_leaves_day_and_month_blank():
    gap = "\u00a0" * 6
    assert formats.date_line("Ba Đình", None, year=2026) == (
        f"Ba Đình, ngày{gap}tháng{gap}năm 2026"
    )


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Thành phố Hà Nội", "Hà Nội"),
        ("Quận Ba Đình", "Ba Đình"),
        ("Phường Phúc Xá", "Phúc Xá"),
        ("Quận 1", "Quận 1"),
        ("Xã Sóc Sơn", "Sóc Sơn"),
        ("Hà Nội", "Hà Nội"),
    ],
)
def test_place_name_drops_the_unit_kind_but_keeps_a_numbered_name(name, place):
    assert formats.place_name(name) == place


def test_number_line():
    assert (
        formats.number_line(number_notation="1738/QĐ-UBND", number=1738, notation="QĐ-UBND")
        == "Số: 1738/QĐ-UBND"
    )
    assert formats.number_line(number_notation="", number=5, notation="QĐ-UBND") == "Số: 05/QĐ-UBND"
    assert (
        formats.number_line(number_notation="", number=None, notation="UBND-VHTT")
        == "Số:" + "\u00a0" * 6 + "/UBND-VHTT"
    )


def test_notation_of_a_type_and_of_a_letter():
    assert (
        formats.notation_predict(
            type_abbreviation="QĐ", issuer_abbreviation="UBND", drafting_abbreviation="VHTT"
        )
        == "QĐ-UBND"
    )
    assert (
        formats.notation_predict(
            type_abbreviation="", issuer_abbreviation="UBND", drafting_abbreviation="VHTT"
        )
        == "UBND-VHTT"
    )


def test_issuing_body_of_an_administrative_unit_is_its_peoples_committee():
    assert formats.issuing_body_lines("Quận Ba Đình", "district") == (
        "ỦY BAN NHÂN DÂN",
        "QUẬN BA ĐÌNH",
    )
    assert formats.issuing_body_lines("Phòng Văn hóa và Thông tin", "division") == (
        "PHÒNG VĂN HÓA VÀ THÔNG TIN",
    )
    assert formats.superior_body_line("Quận Ba Đình", "district") == "UBND QUẬN BA ĐÌNH"
    assert formats.superior_body_line("Sở Tài chính", "department") == "SỞ TÀI CHÍNH"
    assert formats.superior_body_line("", "") == ""


def test_letter_subject_line_starts_with_vv_once():
    assert formats.letter_subject_line("Tổ chức  Tết") == "V/v Tổ chức Tết"
    assert formats.letter_subject_line("V/v tổ chức Tết") == "V/v tổ chức Tết"


def test_grounds_end_with_semicolons_and_the_last_with_a_full_stop():
    text = "Căn cứ Luật A.\n\n  Căn cứ Nghị định B,\nCăn cứ đề nghị của C;"
    assert formats.grounds_lines(text) == (
        "Căn cứ Luật A;",
        "Căn cứ Nghị định B;",
        "Căn cứ đề nghị của C.",
    )


def test_one_addressee_stands_alone_and_several_are_listed():
    assert formats.addressee_lines("Sở Tài chính") == ("Sở Tài chính.",)
    assert formats.addressee_lines("- Sở Tài chính;\nSở Nội vụ") == (
        "- Sở Tài chính;",
        "- Sở Nội vụ.",
    )


def test_recipients_end_with_the_archive_line():
    assert formats.recipient_lines("Như trên;\n- Chủ tịch UBND quận", archive_unit="VHTT") == (
        "- Như trên;",
        "- Chủ tịch UBND quận;",
        "- Lưu: VT, VHTT.",
    )
    assert formats.recipient_lines("", archive_unit="") == ("- Lưu: VT.",)


def test_an_archive_line_typed_by_the_drafter_is_kept_last():
    assert formats.recipient_lines("- Lưu: VT, VP;\n- Như trên", archive_unit="VHTT") == (
        "- Như trên;",
        "- Lưu: VT, VP.",
    )


@pytest.mark.parametrize(
    ("authority", "line", "expected"),
    [
        ("KT.", "TM. Ủy ban nhân dân\nChủ tịch", ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")),
        ("KT.", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")),
        ("TM.", "ỦY BAN NHÂN DÂN", ("TM. ỦY BAN NHÂN DÂN",)),
        ("TL.", "Chủ tịch", ("TL. CHỦ TỊCH",)),
        ("", "", ()),
    ],
)
def test_authority_lines(authority, line, expected):
    assert formats.authority_lines(authority, line) == expected
