"""Pure rules of the exchange: value mappings, codes, dates, retry timing, tokens."""

from __future__ import annotations

import datetime

import pytest

from egov.documents.choices import Urgency
from egov.exchange import rules
from egov.exchange.edxml import (
    date_parse,
    document_id_compose,
    document_id_split,
    is_agency_code,
    timestamp_format,
    timestamp_parse,
)
from egov.exchange.edxml.values import VIETNAM


@pytest.mark.parametrize(
    ("urgency", "priority"),
    [
        (Urgency.NORMAL, 0),
        (Urgency.URGENT, 1),
        (Urgency.VERY_URGENT, 2),
        (Urgency.EXPRESS, 3),
        (Urgency.EXPRESS_TIMED, 4),
    ],
)
def test_urgency_and_priority_map_both_ways(urgency, priority):
    assert rules.priority_of(urgency) == priority
    assert rules.urgency_of(priority) == urgency


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("000.00.00.G22", True),
        ("000.00.18.G12", True),
        ("000.00.00.H26", True),
        ("A01.B2.00.H26", True),
        ("000.00.00.Z22", False),
        ("000.00.00.g22", False),
        ("00.00.00.G22", False),
        ("000.00.00.G2", False),
        ("000.00.00.G22 ", False),
        ("", False),
    ],
)
def test_agency_codes_in_the_qcvn_102_form(code, valid):
    assert is_agency_code(code) is valid


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026/11/20", datetime.date(2026, 11, 20)),
        ("20/11/2026", datetime.date(2026, 11, 20)),
        ("2026-11-20", datetime.date(2026, 11, 20)),
        ("1/2/2026", datetime.date(2026, 2, 1)),
        ("2026/11/20 00:00:00", datetime.date(2026, 11, 20)),
    ],
)
def test_dates_are_read_in_both_orders(text, day):
    assert date_parse(text) == day


@pytest.mark.parametrize("text", ["20/11/26", "2026/02/30", "20.11.2026", "", "2026/11"])
def test_unreadable_dates_are_refused(text):
    with pytest.raises(ValueError):
        date_parse(text)


def test_times_without_a_zone_are_vietnamese_and_written_back_so():
    moment = timestamp_parse("2026/11/20 09:15:30")

    assert moment == datetime.datetime(2026, 11, 20, 2, 15, 30, tzinfo=datetime.UTC)
    assert timestamp_parse("2026-11-20T02:15:30Z") == moment
    assert timestamp_parse("20/11/2026 09:15") == moment.replace(second=0)
    assert timestamp_format(moment.astimezone(datetime.UTC)) == "2026/11/20 09:15:30"
    assert moment.tzinfo == VIETNAM


def test_document_ids_compose_and_split():
    document_id = document_id_compose("000.00.00.G22", datetime.date(2018, 9, 20), "7816/VPCP-TTĐT")

    assert document_id == "000.00.00.G22,2018/09/20,7816/VPCP-TTĐT"
    assert document_id_split(document_id) == (
        "000.00.00.G22",
        datetime.date(2018, 9, 20),
        "7816/VPCP-TTĐT",
    )
    with pytest.raises(ValueError, match="VPCP"):
        document_id_split("G22,2018/09/20,7816/VPCP")


def test_retries_back_off_exponentially_up_to_six_hours():
    delays = [rules.retry_delay(n, base_seconds=60) for n in (1, 2, 3, 4, 20)]

    assert delays == [
        datetime.timedelta(minutes=1),
        datetime.timedelta(minutes=2),
        datetime.timedelta(minutes=4),
        datetime.timedelta(minutes=8),
        datetime.timedelta(hours=6),
    ]


@pytest.mark.parametrize(
    ("status", "retry"),
    [
        (None, True),
        (500, True),
        (503, True),
        (408, True),
        (429, True),
        (400, False),
        (401, False),
        (404, False),
        (422, False),
        (413, False),
    ],
)
def test_only_network_and_server_errors_are_retried(status, retry):
    assert rules.is_retryable(status) is retry


def test_document_types_match_by_name_then_notation_then_letter():
    types = [(1, "Quyết định", "QĐ", 2), (2, "Công văn", "", 18), (3, "Thông báo", "TB", 7)]

    assert rules.document_type_match("QUYET DINH", None, "UBND", types) == 1
    assert rules.document_type_match("Loại lạ", None, "TB-UBND", types) == 3
    assert rules.document_type_match("Loại lạ", None, "VPCP-TTĐT", types) == 2
    assert rules.document_type_match("Loại lạ", None, "X", [(1, "Quyết định", "QĐ", 2)]) is None


def test_a_decree_30_type_number_decides_before_the_notation():
    types = [(1, "Quyết định", "QĐ", 2), (2, "Công văn", "", 18), (3, "Thông báo", "TB", 7)]

    assert rules.document_type_match("CV", 7, "UBND-VX", types) == 3
    assert rules.document_type_match("Văn bản", 18, "TB-UBND", types) == 2
    assert rules.document_type_match("Thông báo", 18, "UBND-VX", types) == 3  # the name first
    # 1 and 2 are also the validator's two classes: the notation decides, not Quyết định.
    assert rules.document_type_match("Văn bản", 2, "TB-UBND", types) == 3
    assert rules.document_type_match("Văn bản", 2, "UBND-VX", types) == 2


def test_token_prefix_is_read_from_the_token_shape_only():
    assert rules.token_prefix_of("egovx_a1b2c3_secret_with_underscores") == "a1b2c3"
    assert rules.token_prefix_of("egov_a1b2c3_secret") is None
    assert rules.token_prefix_of("egovx__secret") is None
    assert rules.token_prefix_of("garbage") is None
