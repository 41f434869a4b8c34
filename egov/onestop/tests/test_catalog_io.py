"""Catalog import and export: exact round trips in JSON, CSV and XLSX, all-or-nothing imports
with a per-row error report, and no crash on bad files."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from egov.audit.models import AuditEvent
from egov.onestop.models import Procedure
from egov.onestop.selectors import catalog_export
from egov.onestop.services import catalog_import
from egov.onestop.tests.factories import catalog_delete_all

pytestmark = pytest.mark.django_db
FORMATS = ["json", "csv", "xlsx"]


def _sheets(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


@pytest.mark.parametrize("file_format", FORMATS)
def test_export_import_export_gives_the_same_catalog(catalog, file_format):
    first = catalog_export(file_format).content
    as_json = catalog_export("json").content
    catalog_delete_all()

    report = catalog_import(actor=None, file=first, format=file_format)

    assert (len(report.created), report.updated, report.errors) == (46, (), ())
    again = catalog_export(file_format).content
    if file_format == "xlsx":  # the workbook's own timestamps differ; the cells must not
        assert _sheets(again) == _sheets(first)
    else:
        assert again == first
    assert catalog_export("json").content == as_json


@pytest.mark.parametrize("file_format", FORMATS)
def test_importing_an_export_back_changes_nothing(catalog, file_format):
    events = AuditEvent.objects.count()

    report = catalog_import(
        actor=None, file=catalog_export(file_format).content, format=file_format
    )

    assert (report.created, report.updated, len(report.skipped)) == ((), (), 46)
    assert AuditEvent.objects.count() == events


def test_json_export_shape(catalog):
    body = json.loads(catalog_export("json").content)

    record = next(p for p in body["procedures"] if p["code"] == "HN-900")
    assert (body["format"], body["format_version"], len(body["procedures"])) == (
        "egov-onestop-catalog",
        1,
        46,
    )
    assert (record["working_days"], record["same_day_cutoff"], record["effective_to"]) == (
        2.5,
        "15:00",
        "2026-12-31",
    )
    assert record["documents"][0]["template_file"] == "onestop/templates/don.docx"
    assert record["fees"] == []


def test_csv_export_header_and_embedded_children(catalog):
    text = catalog_export("csv").content.decode("utf-8")

    assert text.startswith("\ufeffcode,version,name,field_code,field_name,level,")
    assert text.splitlines()[0].endswith(",notes,fees,documents")


def test_xlsx_keeps_formula_like_text_as_text(catalog):
    book = load_workbook(io.BytesIO(catalog_export("xlsx").content))
    notes = [row[-1] for row in book["procedures"].iter_rows(values_only=True)]

    assert "=SUM(A1) must stay text" in notes
    assert book["procedures"].cell(row=2, column=34).data_type == "s"


def test_update_replaces_fees_and_documents_and_is_audited(catalog):
    body = json.loads(catalog_export("json").content)
    record = next(p for p in body["procedures"] if p["code"] == "1.013225")
    record["fees"] = [
        {
            "kind": "charge",
            "amount_vnd": 50000,
            "unit": "lần",
            "note": "",
            "source": "",
            "confidence": "low",
        }
    ]
    record["documents"] = record["documents"][:1]

    report = catalog_import(actor=None, file=json.dumps(body).encode(), format="json")

    permit = Procedure.objects.get(code="1.013225")
    assert (report.updated, len(report.skipped)) == (("1.013225 v1",), 45)
    assert [f.amount_vnd for f in permit.fees.all()] == [50000]
    assert permit.documents.count() == 1
    event = AuditEvent.objects.get(action="onestop.procedure_updated")
    assert sorted(event.changes) == ["documents", "fees", "source"]
    assert event.changes["source"] == "import:json"
