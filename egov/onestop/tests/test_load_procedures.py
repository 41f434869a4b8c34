"""`egov load_procedures`: the shipped Hà Nội sample, all or nothing and idempotent."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.onestop.models import Field, Procedure, ProcedureFee, RequiredDocument
from egov.onestop.services import catalog_load_sample
from egov.onestop.services.catalog_io import SAMPLE_FILE

pytestmark = pytest.mark.django_db


def _load(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("load_procedures", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_first_load_creates_all_45_procedures_across_three_levels():
    output = _load()

    assert output == (
        "hanoi-procedures.json: created 45, updated 0, skipped 0 (0 unchanged) procedures.\n"
    )
    levels = Counter(Procedure.objects.values_list("level", flat=True))
    assert levels == {"commune": 28, "province": 10, "district": 7}
    assert (
        Field.objects.count(),
        ProcedureFee.objects.count(),
        RequiredDocument.objects.count(),
    ) == (11, 55, 178)
    assert AuditEvent.objects.filter(action="onestop.procedure_created").count() == 45


def test_second_load_changes_nothing():
    _load()
    events = AuditEvent.objects.count()

    output = _load()

    assert output == (
        "hanoi-procedures.json: created 0, updated 0, skipped 45 (45 unchanged) procedures.\n"
    )
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("Chứng thực", "Chứng thực bản sao từ bản chính"),
        ("Hoạt động xây dựng", "Cấp giấy phép xây dựng mới"),
        ("Đất đai", "cấp Giấy chứng nhận quyền sử dụng đất"),
        ("Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)", "Đăng ký thành lập hộ kinh doanh"),
        ("Quản lý hoạt động xây dựng", "Thẩm định dự án"),
        ("Quản lý hoạt động xây dựng", "Thẩm định Báo cáo kinh tế – kỹ thuật"),
        ("Quản lý hoạt động xây dựng", "Thẩm định thiết kế, dự toán xây dựng"),
    ],
)
def test_the_procedures_the_issue_names_are_shipped(sample, field, words):
    assert Procedure.objects.filter(field__name=field, name__contains=words).exists()


def test_district_appraisals_keep_a_local_code_and_no_invented_fee(sample):
    appraisals = Procedure.objects.filter(
        level="district", field__name="Quản lý hoạt động xây dựng"
    )

    assert sorted(appraisals.values_list("code", flat=True)) == ["HN-038", "HN-039", "HN-040"]
    assert {p.confidence["code"] for p in appraisals} == {"none"}
    assert set(
        ProcedureFee.objects.filter(procedure__in=appraisals).values_list("amount_vnd", flat=True)
    ) == {None}


def test_a_sample_procedure_in_detail(sample):
    permit = Procedure.objects.get(code="1.013225")

    assert (permit.level, permit.calendar_days, permit.working_days) == (
        "commune",
        Decimal("20.0"),
        None,
    )
    assert [f.amount_vnd for f in permit.fees.all()] == [None, 75000, 150000]
    assert permit.confidence["processing_time"] == "high"
    assert permit.channels == ["direct", "online", "postal"]


def test_a_bad_file_loads_nothing(tmp_path: Path):
    content = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))
    content["procedures"][3]["code"] = "1.0048"
    content["procedures"][7]["fees"] = [{"kind": "fee", "amount_vnd": -5, "unit": "lần"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(content), encoding="utf-8")
    errors = StringIO()

    with pytest.raises(CommandError, match="2 problem"):
        call_command("load_procedures", "--file", str(bad), stdout=StringIO(), stderr=errors)

    assert Procedure.objects.count() == 0
    assert errors.getvalue().splitlines()[0].startswith("procedures row 4 code: ")


def test_an_edited_version_is_kept_unless_overwrite(sample):
    permit = Procedure.objects.get(code="1.013225")
    permit.name = "Tên đã sửa"
    permit.save(update_fields=["name"])

    kept = _load()
    overwritten = _load("--overwrite")

    assert kept.splitlines() == [
        "Skipped 1.013225 v1: differs from the file; the version in the database is kept",
        "hanoi-procedures.json: created 0, updated 0, skipped 45 (44 unchanged) procedures.",
    ]
    assert overwritten.endswith("created 0, updated 1, skipped 44 (44 unchanged) procedures.\n")
    assert Procedure.objects.get(code="1.013225").name.startswith("Cấp giấy phép xây dựng mới")
    event = AuditEvent.objects.filter(action="onestop.procedure_updated").get()
    assert event.changes["name"][0] == "Tên đã sửa"


def test_missing_file_is_a_command_error(tmp_path: Path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_procedures", "--file", str(tmp_path / "none.json"))


def test_loading_reports_through_the_service(sample):
    again = catalog_load_sample(actor=None)

    assert (len(sample.created), again.created, len(again.skipped)) == (45, (), 45)
    assert {s.code for s in again.skipped} == {"unchanged"}
