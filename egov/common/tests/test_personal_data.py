"""The shared personal-data check (feedback's published answers, disclosure's published items)."""

from __future__ import annotations

from django.utils import translation

from egov.common.personal_data import personal_data_found, personal_data_warning


def test_id_numbers_phones_and_emails_are_found() -> None:
    text = "Hộ ông A, CCCD 001085012345, ĐT 0912 345 678, thư a.b@example.vn; CMND 012345678"
    assert personal_data_found(text) == [
        ("email", "a.b@example.vn"),
        ("phone", "0912 345 678"),
        ("id_number", "001085012345"),
        ("id_number", "012345678"),
    ]


def test_a_phone_number_is_not_reported_again_as_an_id_number() -> None:
    assert personal_data_found("gọi 0912345678") == [("phone", "0912345678")]


def test_the_warning_names_what_was_found_and_is_empty_otherwise() -> None:
    assert personal_data_warning("Dự toán ngân sách xã năm 2026: 12,5 tỷ đồng") == ""
    with translation.override("en"):
        warning = personal_data_warning("CCCD 001085012345")
    assert warning == (
        "The text still holds an ID number (001085012345). Remove it, or confirm that it may be "
        "published."
    )
