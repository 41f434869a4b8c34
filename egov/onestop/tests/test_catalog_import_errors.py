"""Catalog import errors: every bad row reported (sheet, row, column, translated message),
nothing written, and a report instead of a crash for bad files."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from egov.audit.models import AuditEvent
from egov.onestop.interchange import RowError
from egov.onestop.models import Field, Procedure
from egov.onestop.selectors import catalog_export
from egov.onestop.services import catalog_import
from egov.onestop.tests.factories import catalog_delete_all

pytestmark = pytest.mark.django_db


def _bad_records() -> bytes:
    good = {
        "code": "1.000001",
        "version": 1,
        "name": "Thủ tục thử",
        "field_code": "thu",
        "field_name": "Thử",
        "level": "commune",
        "catalog_era": "2025-two-level",
        "competent_authority": "UBND cấp xã",
        "is_same_day": False,
        "is_active": True,
        "fees": [{"kind": "fee", "amount_vnd": 1000}],
        "documents": [
            {"name": "Đơn", "originals_count": 1, "copies_count": 0, "is_required": True}
        ],
    }
    rows = [
        good,
        {**good, "code": "1.00002"},
        {**good, "code": "1.000003", "fees": [{"kind": "fee", "amount_vnd": -1}]},
        {**good, "code": "1.000004", "level": "hamlet", "working_days": "abc"},
        {**good, "code": "1.000005", "name": "", "effective_from": "31/12/2025"},
        {
            **good,
            "code": "1.000006",
            "documents": [
                {
                    "name": "Đơn",
                    "originals_count": 1,
                    "copies_count": 0,
                    "is_required": True,
                    "template_file": "../../settings.py",
                }
            ],
        },
        good,
    ]
    return json.dumps({"procedures": rows}).encode()


def test_bad_rows_are_all_reported_and_nothing_is_written(db):
    with translation.override("en"):
        report = catalog_import(actor=None, file=_bad_records(), format="json")

    assert [(e.row, e.field) for e in report.errors] == [
        (2, "code"),
        (3, "fees[1].amount_vnd"),
        (4, "working_days"),
        (5, "name"),
        (5, "effective_from"),
        (6, "documents[1].template_file"),
        (6, "documents[1].template_file"),
        (7, "code"),
    ]
    assert report.errors[1].message == "Ensure this value is greater than or equal to 0."
    assert report.errors[5].message == "Template files must be in onestop/templates/."
    assert report.errors[7].message == "This code and version appear twice in the file."
    assert (Procedure.objects.count(), Field.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        0,
    )


def test_an_invalid_choice_is_reported_once_the_cells_are_readable(db):
    rows = json.loads(_bad_records())["procedures"]
    rows = [{**rows[0], "level": "hamlet"}]

    with translation.override("en"):
        report = catalog_import(
            actor=None, file=json.dumps({"procedures": rows}).encode(), format="json"
        )

    assert report.errors == (
        RowError("procedures", 1, "level", "Value 'hamlet' is not a valid choice."),
    )


def test_csv_errors_name_the_line(catalog):
    lines = catalog_export("csv").content.decode("utf-8-sig").splitlines()
    lines[3] = lines[3].replace(",commune,", ",village,", 1)
    catalog_delete_all()

    with translation.override("en"):
        report = catalog_import(actor=None, file="\n".join(lines).encode(), format="csv")

    assert report.errors == (
        RowError("procedures", 4, "level", "Value 'village' is not a valid choice."),
    )
    assert Procedure.objects.count() == 0


def test_xlsx_errors_name_the_sheet_and_row(catalog):
    book = load_workbook(io.BytesIO(catalog_export("xlsx").content))
    book["fees"]["D3"] = -2000
    book["documents"]["A5"] = "9.999999"
    out = io.BytesIO()
    book.save(out)

    with translation.override("en"):
        report = catalog_import(actor=None, file=out.getvalue(), format="xlsx")

    assert [(e.sheet, e.row, e.field) for e in report.errors] == [
        ("documents", 5, "code"),
        ("fees", 3, "amount_vnd"),
    ]
    assert Procedure.objects.get(code="1.013225").fees.count() == 3


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return out.getvalue()


UNREADABLE_XLSX = "The file is not a readable Excel workbook (.xlsx)."


@pytest.mark.parametrize(
    ("file_format", "content", "expected"),
    [
        ("xlsx", b"not a workbook", [("", 0, "", UNREADABLE_XLSX)]),
        ("xlsx", b"\x89PNG\r\n\x1a\n" + bytes(64), [("", 0, "", UNREADABLE_XLSX)]),
        ("xlsx", _zip_without_workbook(), [("", 0, "", UNREADABLE_XLSX)]),
        ("xlsx", b"PK\x03\x04broken", [("", 0, "", UNREADABLE_XLSX)]),
        ("csv", b"\xff\xfe\x00\xd8garbage", [("", 0, "", "The file is not a UTF-8 CSV file.")]),
        ("csv", b"", [("", 0, "", "The file is empty.")]),
        ("json", b"{", [("", 0, "", "The file is not valid UTF-8 JSON.")]),
        ("json", b"[" * 100_000, [("", 0, "", "The file is not valid UTF-8 JSON.")]),
        ("json", b"[]", [("", 0, "", "The file has no list of procedures.")]),
        ("json", b'{"procedures": [1]}', [("procedures", 1, "", "Enter a JSON object.")]),
        (
            "json",
            b'{"procedures": [{"code": "1.000001", "fees": "x"}]}',
            [
                ("procedures", 1, "fees", "Enter a JSON list of objects."),
                ("procedures", 1, "version", "This field is required."),
            ],
        ),
        ("pdf", b"%PDF-1.4", [("", 0, "format", "Choose json, csv or xlsx.")]),
    ],
)
def test_bad_files_give_a_report_not_an_exception(db, file_format, content, expected):
    with translation.override("en"):
        report = catalog_import(actor=None, file=content, format=file_format)

    assert [(e.sheet, e.row, e.field, e.message) for e in report.errors][:2] == expected


def test_missing_columns_are_listed(db):
    with translation.override("en"):
        report = catalog_import(actor=None, file=b"code,name\n1.001193,x\n", format="csv")

    assert len(report.errors) == 34
    assert report.errors[0] == RowError("procedures", 1, "version", "This column is missing.")


def test_xlsx_without_the_fees_sheet(catalog):
    book = load_workbook(io.BytesIO(catalog_export("xlsx").content))
    del book["fees"]
    out = io.BytesIO()
    book.save(out)

    with translation.override("en"):
        report = catalog_import(actor=None, file=out.getvalue(), format="xlsx")

    assert report.errors == (RowError("fees", 0, "", "The workbook has no sheet named fees."),)


def test_too_large_a_file_is_refused(db, monkeypatch):
    monkeypatch.setattr("egov.onestop.services.catalog_io.MAX_FILE_BYTES", 10)

    with translation.override("en"):
        report = catalog_import(actor=None, file=io.BytesIO(b"x" * 11), format="json")

    assert report.errors == (RowError("", 0, "", "The file is larger than 10 MB."),)


def test_a_workbook_too_large_once_unpacked_is_refused(catalog, monkeypatch):
    content = catalog_export("xlsx").content
    monkeypatch.setattr("egov.common.tables.MAX_UNPACKED_BYTES", 1000)

    with translation.override("en"):
        report = catalog_import(actor=None, file=content, format="xlsx")

    assert report.errors == (RowError("", 0, "", "The workbook is too large once unpacked."),)


@pytest.mark.parametrize("file_format", ["json", "csv", "xlsx"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=3000))
def test_random_bytes_never_crash_an_import(db, file_format, content):
    report = catalog_import(actor=None, file=content, format=file_format)

    assert report.errors
    assert Procedure.objects.count() == 0
