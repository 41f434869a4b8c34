"""Task tables as the city's offices really write them: the deadline inside the result or
task cell in each of its usual forms, a result cell merged over two rows, a bulleted result
of one item, tasks without any deadline (one question per row, shared by the tasks of one
cell), outside bodies (police, social insurance, a ministry, an institute, a state company)
and groups below the commune (thôn, tổ dân phố) kept as registered bodies or as text."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError
from egov.directives.choices import Recurrence, TaskUnitRole
from egov.directives.importing.schedule import schedule_find
from egov.directives.importing.units import UnitDirectory, UnitRow, similar_ranked
from egov.directives.models import Task, TaskImport, TaskUnit
from egov.directives.services import (
    ImportAnswer,
    task_import_answer_all,
    task_import_apply,
    task_import_create,
    task_import_report,
    task_import_resolve,
)
from egov.directives.tests.tables import xlsx_bytes
from egov.orgs.models import OutsideBody
from egov.orgs.services import outside_body_create

D = datetime.date

# Rows 3.. of the sheet (a title row, then the header); the result cells of table rows 6 and 7
# are one merged cell "Thường xuyên".
ROWS = [
    ["1", "An ninh", "Phòng cháy", "Sở Nội vụ", "Kiểm tra phòng cháy tại chung cư",
     "- Hoàn thành trước 15/6/2026", "Công an Thành phố", ""],
    ["2", "An ninh", "Bảo hiểm", "Sở Nội vụ", "Mở rộng bảo hiểm y tế học sinh",
     "Đạt 95% học sinh tham gia, trong quý III/2026", "Bảo hiểm xã hội Thành phố", ""],
    ["3", "Nông thôn mới", "Tiêu chí", "Sở NN&PTNT", "Rà soát tiêu chí nông thôn mới",
     "Báo cáo kết quả. Trước ngày 31/10 hằng năm", "UBND các xã, phường, thị trấn; thôn Đoài",
     ""],
    ["4", "Nông thôn mới", "Vệ sinh", "Sở Nội vụ", "Vận động vệ sinh môi trường",
     "Thường xuyên", "Tổ dân phố số 5", ""],
    ["5", "Nông thôn mới", "Vệ sinh", "Sở Nội vụ", "Thu gom rác thải sinh hoạt", "",
     "Bộ Tài nguyên và Môi trường", ""],
    ["6", "Chính quyền số", "Báo cáo", "Sở Nội vụ", "Báo cáo tình hình chuyển đổi số",
     "Hằng tháng, trước ngày 20", "", ""],
    ["7", "Chính quyền số", "Dữ liệu", "Sở Nội vụ",
     "- Làm sạch dữ liệu dân cư\n- Kết nối dữ liệu đất đai", "", "Viện Chiến lược phát triển",
     ""],
    ["8", "Chính quyền số", "Điện", "Sở Nội vụ", "Ngầm hóa lưới điện nội đô", "",
     "Tổng công ty Điện lực Hà Nội", ""],
]  # fmt: skip
MERGES = ["F6:F7"]


def upload(office, directive, rows=ROWS, merges=MERGES) -> TaskImport:
    return task_import_create(
        actor=office,
        document=directive,
        file_name="phu-luc.xlsx",
        content=xlsx_bytes(rows, merges=merges),
    )


def items(task_import: TaskImport) -> dict[str, tuple[str, str, str, list[str]]]:
    return {
        e["text"]: (e["kind"], e["reason"], e.get("hint", ""), e["rows"])
        for e in task_import.unresolved
    }


@pytest.mark.parametrize(
    ("cell", "schedule", "rest"),
    [
        ("Hoàn thành trước 15/6/2021", (Recurrence.NONE, D(2021, 6, 15), None, None), ""),
        ("Ban hành kế hoạch, trong quý III/2021", (Recurrence.NONE, D(2021, 9, 30), None, None),
         "Ban hành kế hoạch"),
        ("Báo cáo kết quả. Trước ngày 31/10 hằng năm", (Recurrence.YEARLY, None, 31, 10),
         "Báo cáo kết quả."),
        ("Thường xuyên", (Recurrence.CONTINUOUS, None, None, None), ""),
        ("Hằng tháng, trước ngày 20", (Recurrence.MONTHLY, None, 20, None), ""),
        ("Tổ chức tổng kết (hoàn thành trước 30/6/2021)",
         (Recurrence.NONE, D(2021, 6, 30), None, None), "Tổ chức tổng kết"),
    ],
)  # fmt: skip
def test_a_deadline_phrase_is_found_inside_a_cell_and_taken_out(cell, schedule, rest):
    found = schedule_find(cell)

    s = found.schedule
    assert (s.recurrence, s.deadline_on, s.period_day, s.period_month) == schedule
    assert found.rest == rest


@pytest.mark.parametrize("cell", ["Giảm 10% so với năm 2020", "Đạt 80% hồ sơ", ""])
def test_a_cell_without_a_deadline_phrase_gives_none(cell):
    assert schedule_find(cell) is None


def test_candidates_are_ranked_by_similarity_and_never_unrelated():
    units = [
        UnitRow(1, "Sở Tài nguyên và Môi trường", "department"),
        UnitRow(2, "Văn phòng UBND Thành phố", "division"),
        UnitRow(3, "Sở Văn hóa và Thể thao", "department"),
        UnitRow(4, "Sở Tài chính", "department"),
    ]
    options = [(u.id, (u.name,)) for u in units]

    assert similar_ranked("Sở Văn hóa - Thể thao", options) == [3]
    assert similar_ranked("Bộ Tài nguyên và Môi trường", options) == [1]
    assert similar_ranked("Công an Thành phố", options) == []
    directory = UnitDirectory(units, scope_root_id=0)
    assert directory.match("Công an Thành phố").candidates == []


def test_deadlines_are_read_from_result_cells_and_only_rows_without_one_are_asked(
    world, hanoi, office, directive
):
    imported = upload(office, directive)

    rows = imported.rows
    assert [r["expected_result"] for r in rows] == [
        "",
        "Đạt 95% học sinh tham gia",
        "Báo cáo kết quả.",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    assert [r["schedule"] for r in rows[:6]] == [
        {"recurrence": "none", "deadline_on": "2026-06-15", "period_day": None,
         "period_month": None},
        {"recurrence": "none", "deadline_on": "2026-09-30", "period_day": None,
         "period_month": None},
        {"recurrence": "yearly", "deadline_on": None, "period_day": 31, "period_month": 10},
        {"recurrence": "continuous", "deadline_on": None, "period_day": None,
         "period_month": None},
        {"recurrence": "continuous", "deadline_on": None, "period_day": None,
         "period_month": None},
        {"recurrence": "monthly", "deadline_on": None, "period_day": 20, "period_month": None},
    ]  # fmt: skip
    assert [r["deadline_text"] for r in rows[:2]] == [
        "Hoàn thành trước 15/6/2026",
        "trong quý III/2026",
    ]
    # the two tasks of one cell share one question; the other row has its own
    assert [r["schedule"] for r in rows[6:]] == [
        "deadline:row:1.9",
        "deadline:row:1.9",
        "deadline:row:1.10",
    ]
    assert items(imported) == {
        "Công an Thành phố": ("unit", "unmatched", "outside", ["1.3"]),
        "Bảo hiểm xã hội Thành phố": ("unit", "unmatched", "outside", ["1.4"]),
        "thôn Đoài": ("unit", "unmatched", "below_commune", ["1.5"]),
        "Tổ dân phố số 5": ("unit", "unmatched", "below_commune", ["1.6"]),
        "Bộ Tài nguyên và Môi trường": ("unit", "unmatched", "outside", ["1.7"]),
        "Viện Chiến lược phát triển": ("unit", "unmatched", "outside", ["1.9"]),
        "Tổng công ty Điện lực Hà Nội": ("unit", "unmatched", "outside", ["1.10"]),
        "Làm sạch dữ liệu dân cư": ("deadline", "missing", "", ["1.9"]),
        "Ngầm hóa lưới điện nội đô": ("deadline", "missing", "", ["1.10"]),
    }
    police = next(e for e in imported.unresolved if e["text"] == "Công an Thành phố")
    assert police["candidates"] == []  # "Văn phòng UBND Thành phố" is not offered


def test_outside_bodies_and_names_kept_as_text_end_on_the_tasks(world, hanoi, office, directive):
    police = outside_body_create(
        actor=office,
        name="Công an Thành phố Hà Nội",
        short_name="CATP",
        agency_code="000.00.27.H26",
    )
    imported = upload(office, directive)
    # a registered body is recognised: no question
    assert imported.resolutions["unit:cong an thanh pho"] == {
        "units": [],
        "outside": [police.pk],
        "auto": True,
    }
    answers = [
        {"key": "unit:bao hiem xa hoi thanh pho",
         "new_outside_body": {"name": "Bảo hiểm xã hội Thành phố Hà Nội", "short_name": "BHXH"}},
        {"key": "unit:thon doai", "keep_as_text": True},
        {"key": "unit:to dan pho so 5", "keep_as_text": True},
        {"key": "unit:bo tai nguyen va moi truong",
         "new_outside_body": {"name": "Bộ Tài nguyên và Môi trường"}},
        {"key": "unit:vien chien luoc phat trien",
         "new_outside_body": {"name": "Viện Chiến lược phát triển"}},
        {"key": "unit:tong cong ty dien luc ha noi", "keep_as_text": True},
        {"key": "deadline:row:1.9", "deadline_text": "31/12/2026"},
        {"key": "deadline:row:1.10", "deadline_text": "Quý IV/2026"},
    ]  # fmt: skip
    imported = task_import_answer_all(
        actor=office, task_import=imported, expected_version=1, answers=answers
    )
    assert task_import_report(imported)["pending"] == 0

    tasks = task_import_apply(actor=office, task_import=imported, expected_version=9)

    assert len(tasks) == 9
    fire, insurance, countryside, hygiene, waste, monthly, clean, connect, grid = tasks
    assert (fire.deadline_on, fire.expected_result) == (D(2026, 6, 15), "")
    assert list(fire.outside_bodies.all()) == [police]
    assert [b.short_name for b in insurance.outside_bodies.all()] == ["BHXH"]
    assert insurance.deadline_on == D(2026, 9, 30)
    assert countryside.participants_text == "thôn Đoài"
    assert TaskUnit.objects.filter(task=countryside, role=TaskUnitRole.IMPLEMENT).count() == 2
    assert (hygiene.recurrence, waste.recurrence) == (Recurrence.CONTINUOUS,) * 2
    assert hygiene.participants_text == "Tổ dân phố số 5"
    assert [b.name for b in waste.outside_bodies.all()] == ["Bộ Tài nguyên và Môi trường"]
    assert (monthly.recurrence, monthly.period_day) == (Recurrence.MONTHLY, 20)
    assert {clean.deadline_on, connect.deadline_on} == {D(2026, 12, 31)}
    assert grid.deadline_on == D(2026, 12, 31)
    assert grid.participants_text == "Tổng công ty Điện lực Hà Nội"
    assert OutsideBody.objects.count() == 4
    assert AuditEvent.objects.filter(action="outside_body.created").count() == 4
    assert AuditEvent.objects.filter(action="task_import.resolved").count() == 8


def test_an_outside_body_cannot_lead(world, hanoi, office, directive):
    outside_body_create(actor=office, name="Công an Thành phố Hà Nội")
    rows = [["1", "An ninh", "", "Công an Thành phố", "Tuần tra", "", "Sở Nội vụ", "30/6/2026"]]
    imported = upload(office, directive, rows, [])
    assert items(imported) == {
        "Công an Thành phố": ("unit", "outside_lead", "outside", ["1.3"]),
    }

    with pytest.raises(DomainError) as refused:
        task_import_resolve(
            actor=office,
            task_import=imported,
            expected_version=1,
            key="unit:cong an thanh pho",
            answer=ImportAnswer(keep_as_text=True),
        )

    assert refused.value.code == "lead_not_unit"
    assert not AuditEvent.objects.filter(action="task_import.resolved").exists()


def test_one_answer_at_a_time(world, hanoi, office, directive):
    imported = upload(office, directive, ROWS[:1], [])

    with pytest.raises(DomainError) as refused:
        task_import_resolve(
            actor=office,
            task_import=imported,
            expected_version=1,
            key="unit:cong an thanh pho",
            answer=ImportAnswer(unit=world.dept, keep_as_text=True),
        )

    assert refused.value.code == "several_answers"
    assert OutsideBody.objects.count() == 0


def test_the_api_reads_answers_and_applies(client, world, hanoi, office, directive):
    client.force_login(office)
    content = xlsx_bytes(ROWS[:2], merges=[])

    response = client.post(
        f"/api/v1/directives/documents/{directive.pk}/imports",
        {"file": _named(content, "phu-luc.xlsx")},
    )
    assert response.status_code == 201
    report = response.json()
    assert (report["tasks"], report["pending"]) == (2, 2)
    assert {i["hint"] for i in report["items"]} == {"outside"}
    assert client.get(f"/api/v1/directives/imports/{report['id']}").json() == report

    body = {
        "expected_version": 1,
        "answers": [
            {"key": "unit:cong an thanh pho", "new_outside_body": {"name": "Công an Thành phố"}},
            {"key": "unit:bao hiem xa hoi thanh pho", "keep_as_text": True},
        ],
    }
    answered = client.post(
        f"/api/v1/directives/imports/{report['id']}/answers",
        json.dumps(body),
        content_type="application/json",
    ).json()
    assert (answered["pending"], answered["version"]) == (0, 3)

    applied = client.post(
        f"/api/v1/directives/imports/{report['id']}/apply",
        json.dumps({"expected_version": 3}),
        content_type="application/json",
    )
    assert applied.status_code == 200
    assert len(applied.json()["tasks"]) == 2
    assert Task.objects.count() == 2


def test_the_api_refuses_a_bad_answer_and_keeps_none(client, world, hanoi, office, directive):
    client.force_login(office)
    imported = upload(office, directive, ROWS[:2], [])
    body = {
        "expected_version": 1,
        "answers": [
            {"key": "unit:cong an thanh pho", "keep_as_text": True},
            {"key": "unit:bao hiem xa hoi thanh pho", "deadline_text": "x", "outside_body_id": 999},
        ],
    }

    response = client.post(
        f"/api/v1/directives/imports/{imported.pk}/answers",
        json.dumps(body),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "outside_body_id", "message": response.json()["detail"]}
    ]
    imported.refresh_from_db()
    assert "unit:cong an thanh pho" not in imported.resolutions
    assert imported.version == 1


def test_the_command_reads_answers_and_applies(tmp_path, capsys, world, hanoi, office, directive):
    table = tmp_path / "phu-luc.xlsx"
    table.write_bytes(xlsx_bytes(ROWS[:2], merges=[]))
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            [
                {"key": "unit:cong an thanh pho", "keep_as_text": True},
                {"key": "unit:bao hiem xa hoi thanh pho", "keep_as_text": True},
            ]
        ),
        encoding="utf-8",
    )

    call_command(
        "import_tasks",
        str(directive.pk),
        str(table),
        "--as",
        office.email,
        "--answers",
        str(answers),
        "--apply",
        "--quiet",
    )

    report = json.loads(capsys.readouterr().out)
    assert (report["pending"], report["is_applied"]) == (0, True)
    assert len(report["created_tasks"]) == 2
    assert [t.participants_text for t in Task.objects.order_by("order")] == [
        "Công an Thành phố",
        "Bảo hiểm xã hội Thành phố",
    ]


def test_the_command_prints_the_report_and_fails_when_questions_are_left(
    tmp_path, capsys, world, hanoi, office, directive
):
    table = tmp_path / "phu-luc.xlsx"
    table.write_bytes(xlsx_bytes(ROWS[:1], merges=[]))

    with pytest.raises(CommandError):
        call_command("import_tasks", directive.pk, str(table), "--as", office.email, "--apply")

    report = json.loads(capsys.readouterr().out)
    assert [i["key"] for i in report["items"]] == ["unit:cong an thanh pho"]
    assert Task.objects.count() == 0


def _named(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
