"""`egov import_processes`: a good file, the same file again, a bad file (nothing written)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.workflow.models import ProcessDefinition, StepDefinition


def _file(tmp_path, entries) -> str:
    path = tmp_path / "processes.json"
    path.write_text(json.dumps({"definitions": entries}, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _good(world) -> list[dict]:
    world.dept.agency_code = "000.00.01.H26"
    world.dept.save(update_fields=["agency_code"])
    return [
        {
            "code": "2.000908-PX",
            "version": 1,
            "name": "Cấp bản sao từ sổ gốc",
            "effective_from": "2026-05-13",
            "total_days": "1",
            "source": "663/QĐ-TTPVHCC ngày 13/5/2026",
            "steps": [
                {
                    "order": 1,
                    "code": "receive",
                    "name": "Tiếp nhận hồ sơ",
                    "unit": None,
                    "role": "front_desk_officer",
                    "allowance_hours": 2,
                },
                {
                    "order": 2,
                    "code": "appraise",
                    "name": "Thẩm định, xử lý",
                    "unit": {"kind": "division", "name": "Phòng Văn hóa và Thông tin"},
                    "role": "specialist",
                    "allowance_hours": 3,
                },
                {
                    "order": 3,
                    "code": "sign",
                    "name": "Ký duyệt",
                    "unit": {"agency_code": "000.00.01.H26"},
                    "role": "unit_head",
                    "allowance_hours": 2,
                },
                {
                    "order": 4,
                    "code": "return",
                    "name": "Phát hành, trả kết quả",
                    "unit": None,
                    "role": "clerk",
                    "allowance_days": "0.125",
                },
            ],
        }
    ]


def test_a_good_file_is_imported_once(world, tmp_path, capsys):
    path = _file(tmp_path, _good(world))

    call_command("import_processes", path)
    call_command("import_processes", path)

    definition = ProcessDefinition.objects.get(code="2.000908-PX", version=1)
    assert definition.is_published is True
    assert list(
        StepDefinition.objects.filter(definition=definition)
        .order_by("order")
        .values_list("order", "unit", "role", "allowance_days")
    ) == [
        (1, None, "front_desk_officer", Decimal("0.125") * 2),
        (2, world.division_a.pk, "specialist", Decimal("0.375")),
        (3, world.dept.pk, "unit_head", Decimal("0.25")),
        (4, None, "clerk", Decimal("0.125")),
    ]
    assert capsys.readouterr().out.splitlines() == [
        "Created 1: 2.000908-PX v1",
        "Updated 0: -",
        "Unchanged 0: -",
        "Created 0: -",
        "Updated 0: -",
        "Unchanged 1: 2.000908-PX v1",
    ]


def test_a_bad_file_writes_nothing_and_says_why(world, tmp_path, capsys):
    entries = _good(world)
    bad = json.loads(json.dumps(entries[0]))
    bad["code"], bad["total_days"] = "BAD", "2"
    bad["steps"][1]["unit"] = {"kind": "division", "name": "Phòng không có"}
    events = AuditEvent.objects.count()

    with translation.override("en"), pytest.raises(CommandError) as failed:
        call_command("import_processes", _file(tmp_path, [entries[0], bad]))

    assert str(failed.value) == "The file has errors; nothing was imported."
    assert capsys.readouterr().err.splitlines() == [
        "Entry 2 (BAD): step 2: 0 existing units match {'kind': 'division', 'name': "
        "'Phòng không có'}; exactly one must.",
    ]
    assert not ProcessDefinition.objects.exists()
    assert AuditEvent.objects.count() == events


def test_changing_a_published_version_needs_a_new_number(world, tmp_path, capsys):
    entries = _good(world)
    call_command("import_processes", _file(tmp_path, entries))
    entries[0]["total_days"] = "1.5"
    entries[0]["steps"][3]["allowance_days"] = "0.625"

    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_processes", _file(tmp_path, entries))

    assert capsys.readouterr().err.splitlines() == [
        "Entry 1 (2.000908-PX v1): this version is published with other content; give the "
        "change a new version number."
    ]
    assert ProcessDefinition.objects.get().total_days == Decimal(1)


def test_allowances_must_add_up(world, tmp_path, capsys):
    entries = _good(world)
    entries[0]["total_days"] = "2"

    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_processes", _file(tmp_path, entries))

    assert capsys.readouterr().err.splitlines() == [
        "Entry 1 (2.000908-PX): The step allowances add up to 1 working days, not to the legal "
        "time limit of 2 working days."
    ]
