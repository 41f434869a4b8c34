"""Importing a task table: xlsx/docx/csv with merged cells and bulleted cells, unit names
matched with abbreviations, collectives expanded, unmatched and ambiguous names listed for the
user (never dropped), all-or-nothing apply."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, DomainError, PermissionDenied
from egov.common.testing import files as samples
from egov.directives.choices import Recurrence, TaskUnitRole
from egov.directives.exceptions import ImportIncomplete, InvalidTask
from egov.directives.models import Task, TaskGroup, TaskImport, TaskUnit
from egov.directives.services import (
    ImportAnswer,
    task_import_apply,
    task_import_create,
    task_import_resolve,
)
from egov.directives.tests.tables import ROWS, csv_bytes, docx_bytes, xlsx_bytes


def units_of(task: Task, role: str) -> list[str]:
    return sorted(
        TaskUnit.objects.filter(task=task, role=role).values_list("unit__name", flat=True)
    )


def upload(office, directive, content: bytes, name: str = "phu-luc.xlsx") -> TaskImport:
    return task_import_create(actor=office, document=directive, file_name=name, content=content)


def problems(task_import: TaskImport) -> dict[str, tuple[str, str, list[str]]]:
    return {e["text"]: (e["kind"], e["reason"], e["rows"]) for e in task_import.unresolved}


def test_xlsx_bullets_merged_cells_and_collectives(world, hanoi, office, directive):
    imported = upload(office, directive, xlsx_bytes())

    rows = imported.rows
    assert [r["content"] for r in rows] == [
        "Phát triển hạ tầng mạng di động 5G",
        "Phủ sóng băng rộng đến các thôn, bản",
        "Xây dựng trung tâm dữ liệu của Thành phố",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Cấp mã truy xuất nguồn gốc cho đàn gia súc, gia cầm",
    ]
    # the n-th bullets of task, result and implementing unit belong together
    assert [r["expected_result"] for r in rows[:2]] == ["100% xã", "650 tỷ đồng"]
    assert [r["implementing"] for r in rows[:2]] == [["UBND các quận, huyện, thị xã"], ["Sở TT&TT"]]
    # merged area and lead cells belong to every row they cover
    assert [r["groups"] for r in rows[:3]] == [
        [["1", "Hạ tầng số"], ["", "Phủ sóng di động"]],
        [["1", "Hạ tầng số"], ["", "Phủ sóng di động"]],
        [["2", "Hạ tầng số"], ["", "Trung tâm dữ liệu"]],
    ]
    assert [r["lead"] for r in rows] == [
        ["Sở TT&TT"],
        ["Sở TT&TT"],
        ["Sở TT&TT"],
        ["Sở Nội vụ"],
        ["Sở NN&PTNT"],
    ]
    # "Sở Văn hóa - Thể thao" exists nowhere; "Phòng Văn hóa và Thông tin" twice
    assert problems(imported) == {
        "Sở Văn hóa - Thể thao": ("unit", "unmatched", ["1.6"]),
        "Phòng Văn hóa và Thông tin": ("unit", "ambiguous", ["1.6"]),
    }
    ambiguous = next(e for e in imported.unresolved if e["reason"] == "ambiguous")
    assert sorted(c[0] for c in ambiguous["candidates"]) == sorted(
        [world.division_a.pk, hanoi.division_b.pk]
    )
    assert imported.resolutions["unit:so thong tin va truyen thong"]["units"] == [world.dept.pk]
    assert sorted(
        imported.resolutions["unit:uy ban nhan dan cac quan huyen thi xa"]["units"]
    ) == sorted([world.district_a.pk, world.district_b.pk, hanoi.soc_son.pk, hanoi.son_tay.pk])
    assert AuditEvent.objects.filter(action="task_import.created").count() == 1


def test_apply_waits_for_every_name_then_creates_everything(world, hanoi, office, directive):
    imported = upload(office, directive, xlsx_bytes())

    with pytest.raises(ImportIncomplete):
        task_import_apply(actor=office, task_import=imported, expected_version=1)
    assert Task.objects.count() == 0

    imported = task_import_resolve(
        actor=office,
        task_import=imported,
        expected_version=1,
        key="unit:so van hoa - the thao",
        answer=ImportAnswer(unit=world.dept),
    )
    imported = task_import_resolve(
        actor=office,
        task_import=imported,
        expected_version=2,
        key="unit:phong van hoa va thong tin",
        answer=ImportAnswer(unit=world.division_a),
    )
    tasks = task_import_apply(actor=office, task_import=imported, expected_version=3)

    assert len(tasks) == 5
    first, second, centre, records, livestock = tasks
    assert first.lead_unit == world.dept
    assert (first.target_value, first.target_unit) == (Decimal(100), "% xã")
    assert (second.target_value, second.target_unit) == (Decimal(650), "tỷ đồng")
    assert (livestock.target_value, livestock.target_unit) == (Decimal("1.8"), "triệu con")
    assert units_of(first, TaskUnitRole.IMPLEMENT) == [
        "Huyện Sóc Sơn",
        "Quận Ba Đình",
        "Quận Hoàn Kiếm",
        "Thị xã Sơn Tây",
    ]
    assert units_of(second, TaskUnitRole.IMPLEMENT) == ["Sở Thông tin và Truyền thông"]
    assert units_of(records, TaskUnitRole.IMPLEMENT) == ["Phường Hàng Trống", "Phường Phúc Xá"]
    assert units_of(livestock, TaskUnitRole.IMPLEMENT) == [
        "Phòng Văn hóa và Thông tin",
        "Sở Thông tin và Truyền thông",
    ]
    assert first.deadline_on == datetime.date(2026, 12, 31)
    assert centre.deadline_on == datetime.date(2026, 12, 31)
    assert (records.recurrence, records.deadline_on) == (Recurrence.QUARTERLY, None)
    assert (livestock.recurrence, livestock.period_day, livestock.period_month) == (
        Recurrence.YEARLY,
        31,
        10,
    )
    assert [g.title for g in TaskGroup.objects.filter(parent__isnull=True)] == [
        "Hạ tầng số",
        "Chính quyền số",
        "Kinh tế số",
    ]
    assert first.group == second.group
    assert first.group.parent.title == "Hạ tầng số"
    assert centre.group.title == "Trung tâm dữ liệu"
    imported.refresh_from_db()
    assert imported.is_applied is True
    assert AuditEvent.objects.filter(action="task_import.applied").count() == 1


def test_docx_with_merged_cells_and_a_heading_row(world, hanoi, office, directive):
    imported = upload(office, directive, docx_bytes(), "phu-luc.docx")

    rows = imported.rows
    assert len(rows) == 5
    assert rows[0]["groups"] == [
        ["I", "HẠ TẦNG VÀ NỀN TẢNG"],
        ["1", "Hạ tầng số"],
        ["", "Phủ sóng di động"],
    ]
    assert rows[2]["lead"] == ["Sở TT&TT"]  # merged down from the row above
    assert rows[2]["groups"][1] == ["2", "Hạ tầng số"]
    assert set(problems(imported)) == {"Sở Văn hóa - Thể thao", "Phòng Văn hóa và Thông tin"}


def test_csv_reads_the_same_rows(world, hanoi, office, directive):
    rows = [list(r) for r in ROWS]
    rows[1][1] = rows[1][3] = ""  # no merging in CSV: blank area carried down, blank lead
    imported = upload(office, directive, csv_bytes(rows, delimiter=";"), "phu-luc.csv")

    assert imported.rows[2]["groups"][0] == ["1", "Hạ tầng số"]  # the area of row 1
    assert problems(imported)["Xây dựng trung tâm dữ liệu của Thành phố"] == (
        "lead",
        "missing",
        ["1.3"],
    )


def test_unmatched_name_can_be_resolved_to_a_collective(world, hanoi, office, directive):
    rows = [
        [
            "1",
            "Chính quyền số",
            "",
            "Sở Nội vụ",
            "Rà soát quy trình nội bộ",
            "",
            "Các sở, ngành liên quan",
            "30/6/2026",
        ]
    ]
    imported = upload(office, directive, xlsx_bytes(rows, merges=[]))
    assert problems(imported) == {"Các sở, ngành liên quan": ("unit", "relevant_only", ["1.3"])}

    imported = task_import_resolve(
        actor=office,
        task_import=imported,
        expected_version=1,
        key="unit:cac so nganh lien quan",
        answer=ImportAnswer(collective="departments"),
    )
    [task] = task_import_apply(actor=office, task_import=imported, expected_version=2)

    assert units_of(task, TaskUnitRole.IMPLEMENT) == [
        "Sở Kế hoạch và Đầu tư",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Nội vụ",
        "Sở Thông tin và Truyền thông",
        "Văn phòng UBND Thành phố",
    ]


def test_collective_lead_gives_one_task_per_unit(world, hanoi, office, directive):
    rows = [
        [
            "1",
            "Chính quyền số",
            "",
            "UBND các quận, huyện, thị xã",
            "Triển khai nền tảng họp trực tuyến",
            "100% quận, huyện",
            "",
            "Năm 2026",
        ]
    ]
    imported = upload(office, directive, xlsx_bytes(rows, merges=[]))

    tasks = task_import_apply(actor=office, task_import=imported, expected_version=1)

    assert sorted(t.lead_unit.name for t in tasks) == [
        "Huyện Sóc Sơn",
        "Quận Ba Đình",
        "Quận Hoàn Kiếm",
        "Thị xã Sơn Tây",
    ]
    assert {t.deadline_on for t in tasks} == {datetime.date(2026, 12, 31)}


def test_unreadable_deadline_is_asked_for(world, hanoi, office, directive):
    rows = [
        [
            "1",
            "Chính quyền số",
            "",
            "Sở Nội vụ",
            "Triển khai chữ ký số",
            "",
            "Sở Nội vụ",
            "Theo tiến độ dự án",
        ]
    ]
    imported = upload(office, directive, xlsx_bytes(rows, merges=[]))
    assert problems(imported) == {"Theo tiến độ dự án": ("deadline", "unparsed", ["1.3"])}

    imported = task_import_resolve(
        actor=office,
        task_import=imported,
        expected_version=1,
        key="deadline:theo tien do du an",
        answer=ImportAnswer(deadline_text="30/09/2026"),
    )
    [task] = task_import_apply(actor=office, task_import=imported, expected_version=2)

    assert task.deadline_on == datetime.date(2026, 9, 30)


def test_apply_is_all_or_nothing(world, hanoi, office, directive):
    rows = [
        ["1", "A", "", "Sở Nội vụ", "Nhiệm vụ hợp lệ", "", "", "30/6/2026"],
        ["2", "A", "", "Sở Nội vụ", "Hạn trước ngày giao", "", "", "01/01/2026"],
    ]
    imported = upload(office, directive, xlsx_bytes(rows, merges=[]))

    with translation.override("en"), pytest.raises(InvalidTask, match="Table 1, row 4"):
        task_import_apply(actor=office, task_import=imported, expected_version=1)

    assert Task.objects.count() == 0
    assert TaskGroup.objects.count() == 0
    imported.refresh_from_db()
    assert imported.is_applied is False


def test_same_file_twice_is_one_import_and_apply_once(world, hanoi, office, directive):
    rows = [["1", "A", "", "Sở Nội vụ", "Nhiệm vụ", "", "", "30/6/2026"]]
    # The same bytes twice: a workbook built again carries a new creation time (another file).
    content = xlsx_bytes(rows, merges=[])
    first = upload(office, directive, content)
    again = upload(office, directive, content)
    assert again.pk == first.pk
    task_import_apply(actor=office, task_import=first, expected_version=1)

    with pytest.raises(ConcurrentChange):
        task_import_apply(actor=office, task_import=first, expected_version=1)
    with pytest.raises(ImportIncomplete):
        task_import_apply(actor=office, task_import=first, expected_version=2)
    assert Task.objects.count() == 1


def test_only_the_assigning_office_imports(world, hanoi, dept_head, directive):
    with pytest.raises(PermissionDenied):
        upload(dept_head, directive, xlsx_bytes())

    assert TaskImport.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="task_import").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bang.pdf", b"%PDF-1.4"),
        ("bang.xlsx", b"not a zip"),
        ("bang.docx", b"PK\x03\x04broken"),
        ("bang.csv", "TT,Ghi chú\n1,x\n".encode()),
        ("bang.csv", "Nhiệm vụ".encode("utf-16")),
    ],
)
def test_unreadable_files_are_refused_with_a_message(world, office, directive, name, content):
    with pytest.raises(DomainError) as error:
        upload(office, directive, content, name)

    assert error.value.fields["file"]
    assert TaskImport.objects.count() == 0


def test_a_workbook_too_large_once_unpacked_is_refused(monkeypatch):
    """The task-table importer shares the zip-bomb guard of every workbook reader."""
    import io
    import zipfile

    from django.utils import translation

    from egov.directives.exceptions import ImportFileInvalid
    from egov.directives.importing.files import read_tables

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5000)
    monkeypatch.setattr("egov.common.tables.MAX_UNPACKED_BYTES", 4000)

    with translation.override("en"), pytest.raises(ImportFileInvalid) as error:
        read_tables("tasks.xlsx", out.getvalue())

    assert error.value.message == "The workbook is too large once unpacked."


IMPORT_HOSTILE = [
    *samples.HOSTILE,
    samples.Hostile("html_as_csv", "bang.csv", lambda: b"<html><script>x</script></html>", ""),
    samples.Hostile("exe_as_csv", "bang.csv", samples.renamed_executable, ""),
    samples.Hostile("oversize", "bang.xlsx", lambda: samples.oversize(5 * 1024 * 1024), ""),
]


@pytest.mark.parametrize("hostile", IMPORT_HOSTILE, ids=lambda h: h.id)
def test_task_table_imports_refuse_every_hostile_file(world, office, directive, hostile):
    with pytest.raises(DomainError) as refused:
        upload(office, directive, hostile.build(), hostile.filename)

    assert refused.value.fields["file"] == refused.value.message
    assert TaskImport.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="task_import").exists()
