"""Importing legacy dossiers from CSV / XLSX: all or nothing, with a per-row error report."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.testing import files as samples
from egov.onestop.models import Dossier, DossierDayFigure, DossierNotice
from egov.onestop.services.dossier_import import dossiers_import
from egov.onestop.services.dossier_officer import search_text
from egov.orgs.levels import level_of
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ

HEADER = [
    "code",
    "procedure_code",
    "channel",
    "status",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "competent_unit",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "result_note",
]
GOOD = [
    [
        "H26-210304-0001",
        "1.001193",
        "direct",
        "returned",
        "Nguyễn Văn An",
        "001085012345",
        "0912345678",
        "00001",
        "2021-03-04 09:15",
        "2021-03-05 09:15",
        "2021-03-04 16:00",
        "2021-03-05 10:00",
        "",
    ],
    [
        "H26-210304-0002",
        "1.001193",
        "2",
        "refused",
        "Trần Thị Bình",
        "001190023451",
        "",
        "00001",
        "",
        "",
        "04/03/2021 10:30",
        "",
        "Hồ sơ không thuộc thẩm quyền.",
    ],
    [
        "H26-210304-0003",
        "1.001193",
        "postal",
        "result_ready",
        "Lê Văn Cường",
        "001088034562",
        "",
        "00001",
        "2021-03-04T14:00+07:00",
        "2021-03-05 14:00",
        "2021-03-08 09:00",
        "",
        "",
    ],
]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.fixture
def units(world, sample):
    """Commune A gets an administrative-unit code (the legacy files name units by code)."""
    OrgUnit.objects.filter(pk=world.commune_a.pk).update(
        admin_code="00001", admin_code_scheme="test"
    )
    return world


def test_imports_every_row_with_forms_audit_and_figures(units, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = dossiers_import(actor=None, file=_csv(GOOD), format="csv", source="old.csv")

    assert report.is_ok and report.created == 3
    returned = Dossier.objects.get(code="H26-210304-0001")
    assert (
        returned.status,
        returned.channel,
        returned.competent_unit_id,
        returned.receiving_unit_id,
    ) == ("returned", "direct", units.commune_a.pk, units.desk_a.pk)
    assert returned.received_at == datetime.datetime(2021, 3, 4, 9, 15, tzinfo=VN_TZ)
    assert returned.timeliness == "early"
    assert returned.search_text == search_text(returned)
    late = Dossier.objects.get(code="H26-210304-0003")
    assert (late.status, late.timeliness, late.returned_at) == ("result_ready", "late", None)
    refused = Dossier.objects.get(code="H26-210304-0002")
    assert (refused.channel, refused.received_at) == ("online", None)
    notice = DossierNotice.objects.get(dossier=refused)
    assert (notice.kind, notice.reason) == ("refusal", "Hồ sơ không thuộc thẩm quyền.")
    event = AuditEvent.objects.get(action="onestop.dossiers_imported")
    assert (event.changes["rows"], event.changes["source"]) == (3, "old.csv")
    day = DossierDayFigure.objects.get(
        unit=units.commune_a, day=datetime.date(2021, 3, 4), channel="direct"
    )
    assert (day.received, day.refused) == (1, 0)
    assert (
        DossierDayFigure.objects.get(
            unit=units.commune_a, day=datetime.date(2021, 3, 4), channel="online"
        ).refused
        == 1
    )


def test_a_failed_batch_writes_nothing_and_reports_every_row(units):
    rows = [
        GOOD[0],
        [
            "H26-210304-0004",
            "9.999999",
            "direct",
            "returned",
            "A",
            "1",
            "",
            "00001",
            "2021-03-04 09:15",
            "",
            "2021-03-03 08:00",
            "",
            "",
        ],
        [
            "bad code",
            "1.001193",
            "fax",
            "processing",
            "",
            "",
            "",
            "99999",
            "hôm qua",
            "",
            "",
            "",
            "",
        ],
    ]

    report = dossiers_import(actor=None, file=_csv(rows), format="csv")

    assert not report.is_ok and report.created == 0
    assert {(e.row, e.field) for e in report.errors} == {
        (3, "procedure_code"),
        (3, "returned_at"),
        (3, "finished_at"),
        (4, "code"),
        (4, "channel"),
        (4, "status"),
        (4, "applicant_name"),
        (4, "applicant_id_number"),
        (4, "competent_unit"),
        (4, "received_at"),
    }
    assert Dossier.objects.count() == 0
    assert not AuditEvent.objects.filter(action="onestop.dossiers_imported").exists()


def test_codes_must_be_new_and_unique_in_the_file(units):
    dossiers_import(actor=None, file=_csv([GOOD[0]]), format="csv")

    with translation.override("en"):
        report = dossiers_import(actor=None, file=_csv([GOOD[0], GOOD[1], GOOD[1]]), format="csv")

    assert [(e.row, e.field, e.message) for e in report.errors] == [
        (2, "code", "A dossier with this code exists."),
        (4, "code", "Also on row 3 of the file."),
    ]
    assert Dossier.objects.count() == 1


def test_every_code_already_in_the_database_is_reported_on_its_row(units):
    dossiers_import(actor=None, file=_csv([GOOD[0], GOOD[2]]), format="csv")

    with translation.override("en"):
        report = dossiers_import(
            actor=None, file=_csv([GOOD[1], GOOD[2], GOOD[0], GOOD[2]]), format="csv"
        )

    assert [(e.row, e.field, e.message) for e in report.errors] == [
        (3, "code", "A dossier with this code exists."),
        (4, "code", "A dossier with this code exists."),
        (5, "code", "Also on row 3 of the file."),
    ]
    assert report.error_count == 3
    assert sorted(Dossier.objects.values_list("code", flat=True)) == [
        "H26-210304-0001",
        "H26-210304-0003",
    ]


def test_unit_of_another_level_is_refused(units):
    row = [*GOOD[0]]
    row[7] = "001"  # district A: not a commune

    report = dossiers_import(actor=None, file=_csv([row]), format="csv")

    assert [(e.row, e.field) for e in report.errors] == [(2, "competent_unit")]


def test_missing_columns_are_a_file_error(units):
    with translation.override("en"):
        report = dossiers_import(actor=None, file=_csv([], header=["code", "status"]), format="csv")

    assert [(e.row, e.field) for e in report.errors] == [(1, "")]
    assert "procedure_code" in report.errors[0].message


def _naive(*parts: int) -> list[datetime.datetime]:
    """A naive date cell as a spreadsheet holds it (local time)."""
    return [datetime.datetime(*parts, tzinfo=VN_TZ).replace(tzinfo=None)]


def test_xlsx_with_date_cells(units):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(
        [
            "H26-210304-0009",
            "1.001193",
            "direct",
            "returned",
            "Phạm Thị Dung",
            "001192045673",
            "",
            "00001",
            *_naive(2021, 3, 4, 9),
            *_naive(2021, 3, 5, 9),
            *_naive(2021, 3, 5, 9),
            *_naive(2021, 3, 5, 16),
            "",
        ]
    )
    content = io.BytesIO()
    book.save(content)

    report = dossiers_import(actor=None, file=content.getvalue(), format="xlsx")

    assert report.created == 1
    dossier = Dossier.objects.get(code="H26-210304-0009")
    assert (dossier.timeliness, dossier.finished_at) == (
        "on_time",
        datetime.datetime(2021, 3, 5, 9, 0, tzinfo=VN_TZ),
    )


def test_only_a_system_administrator_imports(units, specialist, system_admin):
    with pytest.raises(PermissionDenied):
        dossiers_import(actor=specialist, file=_csv(GOOD), format="csv")
    assert Dossier.objects.count() == 0

    assert dossiers_import(actor=system_admin, file=_csv(GOOD), format="csv").created == 3


def test_command_imports_or_reports(units, tmp_path):
    good, bad, report = tmp_path / "ok.csv", tmp_path / "bad.csv", tmp_path / "errors.csv"
    good.write_bytes(_csv(GOOD))
    bad.write_bytes(_csv([[*GOOD[0][:1], "9.999999", *GOOD[0][2:]]]))
    out = io.StringIO()

    call_command("import_dossiers", str(good), stdout=out)
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_dossiers", str(bad), "--errors", str(report), stderr=io.StringIO())

    assert out.getvalue().strip() == "ok.csv: imported 3 dossiers."
    assert report.read_text(encoding="utf-8").splitlines()[1].startswith("2,procedure_code,")
    assert Dossier.objects.count() == 3


def test_unit_lookups_agree_with_the_routing_functions(units):
    from egov.onestop.services.dossier_import import _Lookups
    from egov.onestop.services.online import InvalidApplication, receiving_desk_for

    lookups = _Lookups()
    for unit in OrgUnit.objects.all():
        try:
            desk = receiving_desk_for(unit).pk
        except InvalidApplication:
            desk = None
        assert (lookups.desk(unit), lookups.level(unit)) == (desk, level_of(unit)), unit.name


@pytest.mark.parametrize(
    ("build", "file_format", "message"),
    [
        (samples.pdf, "csv", "The file is not a CSV table."),
        (samples.docx, "xlsx", "The file is not an Excel workbook (.xlsx)."),
        (samples.xlsx_zip_bomb, "xlsx", "The file is too large once unpacked."),
        (
            lambda: _xlsx_with_macros(),
            "xlsx",
            "Office files with macros are not accepted.",
        ),
    ],
)
def test_the_file_goes_through_the_intake_first(units, build, file_format, message):
    with translation.override("en"):
        report = dossiers_import(actor=None, file=build(), format=file_format)

    assert [(e.row, e.message) for e in report.errors] == [(0, message)]
    assert not Dossier.objects.exists()


def _xlsx_with_macros() -> bytes:
    content = io.BytesIO(samples.xlsx())
    with zipfile.ZipFile(content, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro project")
    return content.getvalue()
