"""Reports: written by a specialist of the unit, sent by its head, accepted or returned by the
assigning office; a final "done" report accepted marks the task done on the day it was sent,
judged against the effective deadline (a deadline in Tết moves to the next working day)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.common.files import FileRefused
from egov.common.testing import files as samples
from egov.directives.choices import Recurrence, ReportStatus, TaskState
from egov.directives.exceptions import InvalidTask, WrongTaskState
from egov.directives.models import TaskReport, TaskReportFile
from egov.directives.selectors import task_page
from egov.directives.services import (
    AttachmentIn,
    TaskData,
    task_create,
    task_report_accept,
    task_report_return,
    task_report_save,
    task_report_submit,
)
from egov.directives.tests.conftest import at
from egov.directives.tests.factories import DirectiveFactory

D = datetime.date
PDF = samples.pdf()


@pytest.fixture
def tet_task(world, office, clock):
    """A task of a plan issued on 5 January 2026, due on Saturday 14 February, the day Tết's
    nine days off begin: its effective deadline is Monday 23 February."""
    clock.set(at(2026, 1, 5))
    document = DirectiveFactory(unit=world.city, issued_on=D(2026, 1, 5))
    return task_create(
        actor=office,
        document=document,
        data=TaskData(
            content="Hoàn thành cấp chữ ký số cho cán bộ",
            lead_unit=world.dept,
            expected_result="2.000 chứng thư số",
            deadline_on=D(2026, 2, 14),
        ),
    )


def send_done(task, specialist, head, clock, day):
    clock.set(at(day.year, day.month, day.day, 10))
    report = task_report_save(
        actor=specialist,
        task=task,
        progress="done",
        percent=100,
        done_text="Đã cấp 2.000 chứng thư số",
        actual_value=Decimal(2000),
    )
    return task_report_submit(actor=head, report=report, expected_version=report.version)


def state_on(user, task, day):
    return task_page(user, task.pk, today=day).state


def test_done_on_the_working_day_after_tet_is_on_time(
    tet_task, dept_specialist, dept_head, office_specialist, clock
):
    assert state_on(dept_head, tet_task, D(2026, 2, 20)) == TaskState.NOT_DUE
    report = send_done(tet_task, dept_specialist, dept_head, clock, D(2026, 2, 23))
    assert state_on(dept_head, tet_task, D(2026, 2, 23)) == TaskState.ON_TRACK  # sent

    clock.set(at(2026, 2, 25))
    task_report_accept(actor=office_specialist, report=report, expected_version=report.version)

    tet_task.refresh_from_db()
    assert (tet_task.done_on, tet_task.percent_done, tet_task.actual_value) == (
        D(2026, 2, 23),
        100,
        Decimal(2000),
    )
    assert state_on(dept_head, tet_task, D(2026, 2, 25)) == TaskState.DONE_ON_TIME
    assert AuditEvent.objects.filter(action="task_report.accepted").count() == 1


def test_done_two_days_after_tet_is_late(
    tet_task, dept_specialist, dept_head, office_specialist, clock
):
    assert state_on(dept_head, tet_task, D(2026, 2, 24)) == TaskState.OVERDUE
    report = send_done(tet_task, dept_specialist, dept_head, clock, D(2026, 2, 25))
    task_report_accept(actor=office_specialist, report=report, expected_version=report.version)

    assert state_on(dept_head, tet_task, D(2026, 3, 2)) == TaskState.DONE_LATE


def test_returned_report_is_corrected_and_sent_again(
    tet_task, dept_specialist, dept_head, office_specialist, clock
):
    report = send_done(tet_task, dept_specialist, dept_head, clock, D(2026, 2, 10))

    report = task_report_return(
        actor=office_specialist,
        report=report,
        expected_version=report.version,
        reason="Thiếu danh sách chứng thư đã cấp",
    )
    assert (report.status, report.review_note) == (
        ReportStatus.RETURNED,
        "Thiếu danh sách chứng thư đã cấp",
    )
    tet_task.refresh_from_db()
    assert tet_task.done_on is None

    report = task_report_save(
        actor=dept_specialist,
        task=tet_task,
        progress="done",
        percent=100,
        done_text="Đã cấp 2.000 chứng thư số (kèm danh sách)",
        files=[AttachmentIn("danh-sach.pdf", PDF)],
        expected_version=report.version,
    )
    report = task_report_submit(actor=dept_head, report=report, expected_version=report.version)
    assert report.status == ReportStatus.SUBMITTED
    assert TaskReport.objects.filter(task=tet_task).count() == 1


def test_a_sent_report_cannot_be_rewritten_or_reviewed_twice(
    tet_task, dept_specialist, dept_head, office_specialist, clock
):
    report = send_done(tet_task, dept_specialist, dept_head, clock, D(2026, 2, 10))

    with pytest.raises(WrongTaskState):
        task_report_save(
            actor=dept_specialist, task=tet_task, progress="done", percent=100, done_text="x"
        )
    with pytest.raises(ConcurrentChange):
        task_report_accept(actor=office_specialist, report=report, expected_version=1)
    task_report_accept(actor=office_specialist, report=report, expected_version=report.version)
    with pytest.raises(WrongTaskState):
        task_report_accept(
            actor=office_specialist, report=report, expected_version=report.version + 1
        )
    assert AuditEvent.objects.filter(action="task_report.accepted").count() == 1


@pytest.mark.parametrize("persona", ["specialist", "other_district_officer", "office"])
def test_only_an_assigned_unit_writes_a_report(request, tet_task, persona):
    with pytest.raises(PermissionDenied):
        task_report_save(
            actor=request.getfixturevalue(persona),
            task=tet_task,
            progress="in_progress",
            percent=10,
            done_text="x",
        )

    assert TaskReport.objects.get(task=tet_task).done_text == ""
    assert not AuditEvent.objects.filter(action="task_report.saved").exists()


def test_only_the_head_sends_and_only_the_office_accepts(
    tet_task, dept_specialist, dept_head, clock
):
    report = task_report_save(
        actor=dept_specialist,
        task=tet_task,
        progress="in_progress",
        percent=40,
        done_text="Đã cấp 800 chứng thư số",
    )
    with pytest.raises(PermissionDenied):
        task_report_submit(actor=dept_specialist, report=report, expected_version=report.version)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    report = task_report_submit(actor=dept_head, report=report, expected_version=report.version)
    with pytest.raises(PermissionDenied):
        task_report_accept(actor=dept_head, report=report, expected_version=report.version)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_progress_figures_are_checked(tet_task, dept_specialist):
    with pytest.raises(InvalidTask) as error:
        task_report_save(
            actor=dept_specialist, task=tet_task, progress="done", percent=90, done_text="x"
        )
    assert list(error.value.fields) == ["percent"]


def test_attachments_are_checked_by_their_bytes_and_stored_once(tet_task, dept_specialist):
    with pytest.raises(FileRefused):
        task_report_save(
            actor=dept_specialist,
            task=tet_task,
            progress="in_progress",
            percent=10,
            done_text="x",
            files=[AttachmentIn("bao-cao.pdf", b"MZ\x90\x00 not a pdf")],
        )
    assert TaskReportFile.objects.count() == 0
    assert TaskReport.objects.get(task=tet_task).done_text == ""

    for _ in range(2):  # a double click
        report = task_report_save(
            actor=dept_specialist,
            task=tet_task,
            progress="in_progress",
            percent=10,
            done_text="x",
            files=[AttachmentIn("bao-cao.pdf", PDF)],
        )
    [stored] = TaskReportFile.objects.filter(report=report)
    assert (stored.name, stored.content_type, stored.size) == (
        "bao-cao.pdf",
        "application/pdf",
        len(PDF),
    )


def test_recurring_task_reports_per_quarter(
    world, office, dept_specialist, dept_head, office_specialist, clock
):
    clock.set(at(2026, 1, 5))
    document = DirectiveFactory(unit=world.city, issued_on=D(2026, 1, 5))
    task = task_create(
        actor=office,
        document=document,
        data=TaskData(
            content="Báo cáo tình hình an toàn thông tin",
            lead_unit=world.dept,
            recurrence=Recurrence.QUARTERLY,
            period_day=20,
        ),
    )

    clock.set(at(2026, 3, 18))
    report = task_report_save(
        actor=dept_specialist,
        task=task,
        progress="in_progress",
        percent=0,
        done_text="Quý I: không có sự cố",
    )
    report = task_report_submit(actor=dept_head, report=report, expected_version=report.version)
    task_report_accept(actor=office_specialist, report=report, expected_version=report.version)
    # Q1 due on Friday 20 March: reported on time
    assert state_on(dept_head, task, D(2026, 4, 1)) == TaskState.ON_TRACK

    clock.set(at(2026, 6, 23))
    from egov.directives.services import task_reminders_send

    task_reminders_send(today=D(2026, 6, 23))
    assert list(
        TaskReport.objects.filter(task=task).values_list("period_start", "due_on", "status")
    ) == [
        (D(2026, 1, 1), D(2026, 3, 20), ReportStatus.ACCEPTED),
        (D(2026, 4, 1), D(2026, 6, 20), ReportStatus.DRAFT),
    ]
    # Q2 was due on Saturday 20 June, so Monday 22 June: not reported by the 23rd
    assert state_on(dept_head, task, D(2026, 6, 22)) == TaskState.ON_TRACK
    assert state_on(dept_head, task, D(2026, 6, 23)) == TaskState.NOT_REPORTED
    task.refresh_from_db()
    assert task.done_on is None


HOSTILE = [*samples.HOSTILE, samples.Hostile("oversize", "bao-cao.pdf", lambda: b"", "")]


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.id)
def test_report_attachments_refuse_every_hostile_file(tet_task, dept_specialist, hostile, settings):
    content = (
        samples.oversize(settings.EGOV_UPLOAD_MAX_BYTES)
        if hostile.id == "oversize"
        else hostile.build()
    )

    with pytest.raises(FileRefused) as refused:
        task_report_save(
            actor=dept_specialist,
            task=tet_task,
            progress="in_progress",
            percent=10,
            done_text="x",
            files=[AttachmentIn("a.pdf", PDF), AttachmentIn(hostile.filename, content)],
        )

    assert refused.value.fields == {"files": refused.value.message}
    assert TaskReportFile.objects.count() == 0
    assert not TaskReport.objects.filter(task=tet_task, done_text="x").exists()


@pytest.mark.parametrize("build", [samples.docx, samples.xlsx, samples.jpeg, samples.png])
def test_report_attachments_accept_office_files_and_images(tet_task, dept_specialist, build):
    report = task_report_save(
        actor=dept_specialist,
        task=tet_task,
        progress="in_progress",
        percent=10,
        done_text="x",
        files=[AttachmentIn("tep", build())],
    )

    assert report.files.count() == 1
