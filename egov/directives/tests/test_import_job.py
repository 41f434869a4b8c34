"""The task-table import as a background job: the upload answers with the job's page, the job
ends on the resolve report; a table that cannot be read fails the job in Vietnamese and
writes nothing."""

from __future__ import annotations

import signal
from io import StringIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.directives.models import TaskImport
from egov.directives.tests.tables import xlsx_bytes
from egov.jobs.models import Job

pytestmark = pytest.mark.django_db


def _upload(client, directive, name: str, content: bytes, capture):
    with capture(execute=True):
        return client.post(
            reverse("directives:import-upload", kwargs={"pk": directive.pk}),
            {"file": SimpleUploadedFile(name, content)},
        )


def test_the_job_reads_the_table_and_leads_to_the_resolve_report(
    client, hanoi, office, directive, django_capture_on_commit_callbacks
):
    client.force_login(office)

    response = _upload(
        client, directive, "phu-luc.xlsx", xlsx_bytes(), django_capture_on_commit_callbacks
    )

    job = Job.objects.get()
    task_import = TaskImport.objects.get()
    assert response.url == reverse("jobs:job-detail", kwargs={"pk": job.pk})
    assert (job.kind, job.state, job.started_by) == ("directives.task_import", "succeeded", office)
    assert (job.read_count, job.checked_count, job.written_count) == (5, 5, 5)
    assert job.title == f"Đọc bảng nhiệm vụ phu-luc.xlsx của văn bản {directive.number_notation}"
    assert not job.upload  # the file is not kept once read
    page = client.get(response.url).content.decode()
    assert f'href="{reverse("directives:import-detail", kwargs={"pk": task_import.pk})}"' in page
    events = AuditEvent.objects.filter(action="task_import.created")
    assert [(e.actor_id, e.changes["file"], e.changes["tasks"]) for e in events] == [
        (office.pk, "phu-luc.xlsx", 5)
    ]
    assert mail.outbox[0].to == [office.email]


def test_a_table_that_cannot_be_read_fails_the_job_and_writes_nothing(
    client, hanoi, office, directive, django_capture_on_commit_callbacks
):
    client.force_login(office)

    response = _upload(
        client,
        directive,
        "phu-luc.xlsx",
        b"PK\x03\x04 not a workbook",
        django_capture_on_commit_callbacks,
    )

    job = Job.objects.get()
    assert response.url == reverse("jobs:job-detail", kwargs={"pk": job.pk})
    assert job.state == "failed"
    assert job.error_message == "Tệp bị hỏng hoặc không đúng định dạng theo tên tệp."
    assert TaskImport.objects.count() == 0
    assert not AuditEvent.objects.filter(action="task_import.created").exists()
    assert job.error_message in client.get(response.url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_worker_the_job_waits_then_runs(
    client, hanoi, office, directive, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    client.force_login(office)

    response = client.post(
        reverse("directives:import-upload", kwargs={"pk": directive.pk}),
        {"file": SimpleUploadedFile("phu-luc.xlsx", xlsx_bytes())},
    )

    job = Job.objects.get()
    assert response.url == reverse("jobs:job-detail", kwargs={"pk": job.pk})
    assert job.state == "queued"
    assert "đang chờ chạy" in client.get(response.url).content.decode()
    _db_worker_batch()
    job.refresh_from_db()
    assert job.state == "succeeded"
    assert job.result_url == reverse(
        "directives:import-detail", kwargs={"pk": TaskImport.objects.get().pk}
    )


def _db_worker_batch() -> None:
    """Run the queued jobs with ``db_worker --batch`` in this process, then give the signals
    back: the worker takes SIGINT, SIGTERM and SIGQUIT to stop gracefully, and left so the test
    process would ignore them (CI's own stop included)."""
    stops = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    handlers = {stop: signal.getsignal(stop) for stop in stops}
    try:
        call_command(
            "db_worker", "--batch", "--interval", "0", stdout=StringIO(), stderr=StringIO()
        )
    finally:
        for stop, handler in handlers.items():
            signal.signal(stop, handler)
