"""Issue 25's done-when in a browser: an officer uploads a task table and watches the job's
page until it reaches the resolve report, closes the tab and finds the job again under "My
jobs"; the scoreboard workbook arrives as a download after a progress page.

Jobs are queued here (the dummy backend keeps them) and the test plays the worker, so the page
is seen waiting, then following the job to its end by HTMX polling."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from conftest import make_officer
from egov.directives.models import TaskImport
from egov.directives.tasks import scoreboard_export_build, task_import_read
from egov.directives.tests.e2e.test_task_journey import XLSX, log_in
from egov.directives.tests.tables import xlsx_bytes
from egov.jobs.models import Job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queued_jobs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_an_import_and_an_export_run_as_jobs_with_a_progress_page(
    english_page, live_server, world, hanoi, directive, queued_jobs
):
    base = live_server.url
    head = make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)
    page = english_page()
    log_in(page, base, head.email)

    # Upload: the answer is the job's page, waiting for a worker and polling.
    page.goto(f"{base}{reverse('directives:import-upload', args=[directive.pk])}")
    page.get_by_label("Task table (.xlsx, .docx or .csv)").set_input_files(
        {"name": "phu-luc-nhiem-vu.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes()}
    )
    page.get_by_role("button", name="Read the table").click()
    job = Job.objects.get()
    expect(page.locator("#job-progress")).to_contain_text("waiting to start")
    assert page.url == f"{base}{reverse('jobs:job-detail', args=[job.pk])}"

    # The worker runs the job; the page follows it to the resolve report by itself.
    task_import_read.call(job.pk)
    task_import = TaskImport.objects.get()
    page.wait_for_url(f"{base}{reverse('directives:import-detail', args=[task_import.pk])}")
    expect(page.locator("tr", has_text="several units have this name").first).to_be_visible()

    # Close the tab; reopen the job from "My jobs" in a new one.
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(f"{base}{reverse('portal:workspace')}")
    page.get_by_role("link", name="My jobs").click()
    page.get_by_role("link", name=job.title).click()
    expect(page.locator("#job-progress")).to_contain_text("finished")
    expect(page.locator("#job-progress dd").first).to_have_text("5")  # rows read
    page.get_by_role("link", name="Open the result").click()
    expect(page).to_have_url(f"{base}{reverse('directives:import-detail', args=[task_import.pk])}")

    # The city-wide scoreboard as .xlsx: a progress page, then the download.
    page.goto(f"{base}{reverse('directives:scoreboard')}?period_from=2026-01-01")
    page.get_by_role("button", name="Download (.xlsx)").click()
    expect(page.locator("#job-progress")).to_contain_text("waiting to start")
    export = Job.objects.get(kind="directives.scoreboard_export")
    scoreboard_export_build.call(export.pk)
    link = page.get_by_role("link", name="Download scoreboard-20260101-")
    expect(link).to_be_visible()  # brought by the poll, without reloading
    with page.expect_download() as arrival:
        link.click()
    download = arrival.value
    assert download.suggested_filename.startswith("scoreboard-20260101-")
    sheet = load_workbook(BytesIO(Path(download.path()).read_bytes())).active
    assert next(sheet.iter_rows(values_only=True))[:2] == ("Unit", "Tasks assigned")
