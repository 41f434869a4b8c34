"""The task pages end to end through the test client: register a directive, import its task
table, resolve the names, apply, report, send, accept, extend, change and split."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from egov.common.testing import files as samples
from egov.directives.choices import ExtensionStatus, ReportStatus
from egov.directives.models import DeadlineExtension, Task, TaskImport, TaskReport
from egov.directives.services import TaskData, task_create
from egov.directives.tests.conftest import at
from egov.directives.tests.tables import xlsx_bytes
from egov.documents.models import Document, DocumentType
from egov.jobs.models import Job

D = datetime.date
PDF = samples.pdf()


@pytest.fixture
def task(world, office, directive):
    return task_create(
        actor=office,
        document=directive,
        data=TaskData(
            content="Xây dựng kho dữ liệu dùng chung",
            lead_unit=world.dept,
            expected_result="01 kho dữ liệu",
            deadline_on=D(2026, 9, 30),
        ),
    )


def test_register_a_directive_signed_on_paper(client, world, office, clock):
    client.force_login(office)
    doc_type = DocumentType.objects.get(code="quyet-dinh")
    form = {
        "unit": world.city.pk,
        "doc_type": doc_type.pk,
        "number": 1738,
        "notation": "QĐ-UBND",
        "issued_on": "2026-02-26",
        "subject": "Ban hành Kế hoạch chuyển đổi số năm 2026",
        "field": "Chuyển đổi số",
        "signer_name": "Trần Sỹ Thanh",
        "signer_position": "Chủ tịch",
    }

    wrong = client.post(reverse("directives:directive-register"), form | {"notation": "KH-UBND"})
    assert wrong.status_code == 400
    assert Document.objects.count() == 0
    response = client.post(reverse("directives:directive-register"), form)

    document = Document.objects.get()
    assert response.url == reverse("directives:directive-detail", kwargs={"pk": document.pk})
    assert (document.number_notation, document.status, document.unit) == (
        "1738/QĐ-UBND",
        "issued",
        world.city,
    )


def test_import_resolve_and_apply_through_the_pages(
    client, world, hanoi, office, directive, django_capture_on_commit_callbacks
):
    client.force_login(office)
    upload = SimpleUploadedFile("phu-luc.xlsx", xlsx_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("directives:import-upload", kwargs={"pk": directive.pk}), {"file": upload}
        )
    task_import = TaskImport.objects.get()
    job = Job.objects.get()
    assert response.url == reverse("jobs:job-detail", kwargs={"pk": job.pk})
    assert job.result_url == reverse("directives:import-detail", kwargs={"pk": task_import.pk})

    page = client.get(job.result_url)
    assert page.status_code == 200
    assert "Sở Văn hóa - Thể thao" in page.content.decode()
    blocked = client.post(
        reverse("directives:import-apply", kwargs={"pk": task_import.pk}), {"expected_version": 1}
    )
    assert blocked.status_code == 409
    assert Task.objects.count() == 0

    for index, (key, unit) in enumerate(
        [
            ("unit:so van hoa - the thao", world.dept),
            ("unit:phong van hoa va thong tin", world.division_a),
        ]
    ):
        entry = next(i for i, e in enumerate(task_import.unresolved) if e["key"] == key)
        prefix = f"r{entry}"
        resolved = client.post(
            reverse("directives:import-resolve", kwargs={"pk": task_import.pk}),
            {
                "prefix": prefix,
                f"{prefix}-key": key,
                f"{prefix}-unit": unit.pk,
                f"{prefix}-expected_version": index + 1,
            },
        )
        assert resolved.status_code == 302
    applied = client.post(
        reverse("directives:import-apply", kwargs={"pk": task_import.pk}), {"expected_version": 3}
    )

    assert applied.url == reverse("directives:directive-detail", kwargs={"pk": directive.pk})
    assert Task.objects.count() == 5
    detail = client.get(applied.url).content.decode()
    assert "Hạ tầng số" in detail and "Phủ sóng di động" in detail


def test_add_a_task_through_the_form(client, world, office, directive):
    client.force_login(office)
    url = reverse("directives:task-create", kwargs={"pk": directive.pk})
    assert client.get(url).status_code == 200

    missing = client.post(
        url, {"content": "Nhiệm vụ", "lead_unit": world.dept.pk, "recurrence": "none"}
    )
    assert missing.status_code == 400
    response = client.post(
        url,
        {
            "content": "Nhiệm vụ",
            "lead_unit": world.dept.pk,
            "recurrence": "none",
            "deadline_on": "2026-06-30",
            "expected_result": "650 tỷ đồng",
        },
    )

    task = Task.objects.get()
    assert response.url == reverse("directives:task-detail", kwargs={"pk": task.pk})
    assert (task.target_unit, task.deadline_on) == ("tỷ đồng", D(2026, 6, 30))


def test_report_send_accept_through_the_pages(
    client, task, dept_specialist, dept_head, office_specialist, clock
):
    clock.set(at(2026, 9, 28))
    client.force_login(dept_specialist)
    detail = reverse("directives:task-detail", kwargs={"pk": task.pk})
    page = client.get(detail)
    assert page.status_code == 200
    assert reverse("directives:report-save", kwargs={"pk": task.pk}) in page.content.decode()
    response = client.post(
        reverse("directives:report-save", kwargs={"pk": task.pk}),
        {
            "unit": task.lead_unit_id,
            "progress": "done",
            "percent": 100,
            "done_text": "Kho dữ liệu đã vận hành",
            "actual_value": "1",
            "files": [SimpleUploadedFile("bien-ban.pdf", PDF)],
        },
    )
    assert response.url == detail
    report = TaskReport.objects.get(task=task)
    [stored] = report.files.all()

    file_response = client.get(
        reverse("directives:report-file", kwargs={"pk": report.pk, "file_id": stored.pk})
    )
    assert (file_response.status_code, file_response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(file_response.streaming_content) == PDF

    refused = client.post(
        reverse("directives:report-action", kwargs={"pk": report.pk, "action": "submit"}),
        {"expected_version": report.version},
    )
    assert refused.status_code == 403
    client.force_login(dept_head)
    client.post(
        reverse("directives:report-action", kwargs={"pk": report.pk, "action": "submit"}),
        {"expected_version": report.version},
    )
    report.refresh_from_db()
    client.force_login(office_specialist)
    client.post(
        reverse("directives:report-action", kwargs={"pk": report.pk, "action": "accept"}),
        {"expected_version": report.version},
    )

    report.refresh_from_db()
    task.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert task.done_on == D(2026, 9, 28)
    page = client.get(detail).content.decode()
    assert "28/09/2026" in page


def test_extension_through_the_pages(client, task, dept_specialist, office_specialist):
    client.force_login(dept_specialist)
    client.post(
        reverse("directives:extension-request", kwargs={"pk": task.pk}),
        {"proposed_deadline_on": "2026-11-30", "reason": "Chờ phê duyệt dự án"},
    )
    extension = DeadlineExtension.objects.get()

    client.force_login(office_specialist)
    empty = client.post(
        reverse("directives:extension-decide", kwargs={"pk": extension.pk, "action": "refuse"}), {}
    )
    assert empty.status_code == 400
    client.post(
        reverse("directives:extension-decide", kwargs={"pk": extension.pk, "action": "grant"}),
        {"note": "Đồng ý"},
    )

    extension.refresh_from_db()
    task.refresh_from_db()
    assert (extension.status, task.deadline_on) == (ExtensionStatus.GRANTED, D(2026, 11, 30))
    page = client.get(reverse("directives:task-detail", kwargs={"pk": task.pk})).content.decode()
    assert "Chờ phê duyệt dự án" in page


def test_change_a_task_through_the_form(client, world, task, office):
    client.force_login(office)
    url = reverse("directives:task-edit", kwargs={"pk": task.pk})
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "content": task.content,
            "lead_unit": world.dept.pk,
            "recurrence": "none",
            "deadline_on": "2026-10-31",
            "expected_result": "01 kho dữ liệu",
            "reason": "Theo Thông báo kết luận số 12/TB-VP",
            "expected_version": 1,
        },
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.deadline_on == D(2026, 10, 31)
    page = client.get(reverse("directives:task-detail", kwargs={"pk": task.pk})).content.decode()
    assert "Theo Thông báo kết luận số 12/TB-VP" in page


def test_split_through_the_form(client, world, office, directive, unit_head):
    task = task_create(
        actor=office,
        document=directive,
        data=TaskData(
            content="Rà soát hồ sơ địa chính",
            lead_unit=world.district_a,
            deadline_on=D(2026, 9, 30),
        ),
    )
    client.force_login(unit_head)

    response = client.post(
        reverse("directives:task-split", kwargs={"pk": task.pk}),
        {"units": [world.commune_a.pk, world.division_a.pk], "expected_version": 1},
    )

    assert response.status_code == 302
    assert sorted(Task.objects.filter(parent=task).values_list("lead_unit__name", flat=True)) == [
        "Phòng Văn hóa và Thông tin",
        "Phường Phúc Xá",
    ]


def test_task_list_pages_and_htmx_rows(client, task, dept_head):
    client.force_login(dept_head)

    full = client.get(reverse("directives:task-list"), {"state": "not_due"})
    rows = client.get(reverse("directives:task-list"), {"q": "kho du lieu"}, HTTP_HX_REQUEST="true")

    assert full.status_code == 200
    assert "Xây dựng kho dữ liệu dùng chung" in full.content.decode()
    assert "<html" not in rows.content.decode()
    assert "Xây dựng kho dữ liệu dùng chung" in rows.content.decode()
    assert client.get(reverse("directives:directive-list")).status_code == 200
