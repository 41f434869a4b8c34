"""Pure rules of the press release: the default period on the working-day calendar, the
date line, the title, the number and the drafted text."""

from __future__ import annotations

import datetime

import pytest

from egov.directives.press.rules import (
    Assignment,
    DirectiveFacts,
    Period,
    committee_name,
    notation,
    number_notation,
    past_working_week,
    release_item,
    release_title,
    title_parts,
)
from egov.documents.render.formats import date_line
from egov.workdays.tests.calendars import shipped_calendar

CAL = shipped_calendar()
D = datetime.date


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param(D(2026, 11, 22), (D(2026, 11, 16), D(2026, 11, 20)), id="sunday"),
        pytest.param(D(2026, 11, 21), (D(2026, 11, 16), D(2026, 11, 20)), id="saturday"),
        pytest.param(D(2026, 11, 20), (D(2026, 11, 9), D(2026, 11, 13)), id="friday-not-done"),
        pytest.param(D(2026, 1, 12), (D(2026, 1, 5), D(2026, 1, 10)), id="make-up-saturday"),
        pytest.param(D(2026, 1, 5), (D(2025, 12, 29), D(2025, 12, 31)), id="new-year-off"),
        pytest.param(D(2026, 2, 24), (D(2026, 2, 9), D(2026, 2, 13)), id="tet-week-skipped"),
    ],
)
def test_past_working_week(today, expected):
    assert past_working_week(CAL, today) == Period(*expected)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (D(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (D(2026, 2, 14), "ngày 14 tháng 02 năm 2026"),
        (D(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (D(2026, 11, 20), "ngày 20 tháng 11 năm 2026"),
    ],
)
def test_date_line_pads_days_below_ten_and_months_one_and_two(day, text):
    """The release prints the date line of the official layout (Decree 30/2020 Appendix I)."""
    assert date_line("Hà Nội", day, year=day.year) == f"Hà Nội, {text}"


def test_place_date_title_issuer_and_number():
    period = Period(D(2026, 11, 16), D(2026, 11, 20))

    assert committee_name(name="Thành phố Hà Nội", kind="province") == "UBND Thành phố"
    assert committee_name(name="Quận Ba Đình", kind="district") == "UBND Quận Ba Đình"
    assert release_title(period) == (
        "Thông cáo báo chí về một số kết quả chỉ đạo, điều hành nổi bật của UBND Thành phố "
        "từ ngày 16/11/2026 đến ngày 20/11/2026"
    )
    assert title_parts(release_title(period)) == (
        "THÔNG CÁO BÁO CHÍ",
        "Về một số kết quả chỉ đạo, điều hành nổi bật của UBND Thành phố từ ngày 16/11/2026 "
        "đến ngày 20/11/2026",
    )
    assert notation("UBND") == "TCBC-UBND"
    assert number_notation(12, "UBND") == "12/TCBC-UBND"
    assert number_notation(None, "UBND") == "\u00a0" * 6 + "/TCBC-UBND"


def test_release_item_drafts_headline_paragraph_and_assignments():
    facts = DirectiveFacts(
        document_id=7,
        type_name="Chỉ thị",
        number_notation="18/CT-UBND",
        issued_on=D(2026, 11, 17),
        subject="Về tăng cường phòng, chống dịch bệnh gia súc",
        assignments=[
            Assignment(
                "Sở Nông nghiệp và Môi trường",
                ["UBND các xã, phường"],
                "Tổ chức tiêm phòng vắc xin đợt 2 năm 2026.",
                D(2026, 12, 15),
            ),
            Assignment("Sở Y tế", [], "Giám sát dịch bệnh lây từ động vật sang người", None),
        ],
    )

    assert release_item(facts) == {
        "document_id": 7,
        "headline": "Về tăng cường phòng, chống dịch bệnh gia súc",
        "paragraph": "Ngày 17/11/2026, UBND Thành phố ban hành Chỉ thị số 18/CT-UBND về tăng "
        "cường phòng, chống dịch bệnh gia súc.",
        "assignments": [
            "Sở Nông nghiệp và Môi trường chủ trì, phối hợp với UBND các xã, phường: tổ chức "
            "tiêm phòng vắc xin đợt 2 năm 2026 (thời hạn: 15/12/2026).",
            "Sở Y tế chủ trì: giám sát dịch bệnh lây từ động vật sang người.",
        ],
    }
