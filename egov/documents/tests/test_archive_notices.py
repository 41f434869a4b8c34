"""Archiving notices: a closed file is due at the agency archive within a year of closing;
from 30 days before that day the daily run tells the unit's clerk and the person responsible,
once (a second run, the job or the command, sends nothing more); the work files home page
lists the files due, late ones marked."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.documents import rules_workfiles as rules
from egov.documents.choices import WorkFileAuditAction
from egov.documents.models import WorkFile
from egov.documents.services.archive_notices import archive_notices_send
from egov.documents.services.workfiles import work_file_close, work_file_file_document
from egov.documents.tasks import archive_notices_run
from egov.documents.tests.test_workfiles import letter_for_division, open_file

pytestmark = pytest.mark.django_db


def closed_file(clerk, unit_head, specialist, world, closed_on: datetime.date) -> WorkFile:
    work_file = open_file(clerk, unit_head, specialist, world)
    letter = letter_for_division(clerk, unit_head, world)
    work_file_file_document(actor=specialist, work_file=work_file, document=letter)
    work_file = work_file_close(actor=specialist, work_file=work_file, expected_version=None)
    WorkFile.objects.filter(pk=work_file.pk).update(closed_on=closed_on)  # closed back then
    work_file.refresh_from_db()
    return work_file


@pytest.mark.parametrize(
    ("closed_on", "due_on"),
    [
        (datetime.date(2025, 3, 1), datetime.date(2026, 3, 1)),
        (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28)),
    ],
)
def test_the_notice_starts_30_days_before_the_year_after_closing(closed_on, due_on):
    assert rules.handover_due(closed_on) == due_on
    first_day = due_on - datetime.timedelta(days=rules.ARCHIVE_NOTICE_DAYS)
    assert rules.archive_notice_cutoff(first_day) >= closed_on
    assert rules.archive_notice_cutoff(first_day - datetime.timedelta(days=1)) < closed_on


def test_the_clerk_and_the_responsible_person_are_told_once(
    docs_world, clerk, unit_head, specialist, mailoutbox, django_capture_on_commit_callbacks
):
    work_file = closed_file(clerk, unit_head, specialist, docs_world, datetime.date(2025, 3, 1))

    with django_capture_on_commit_callbacks(execute=True):
        too_early = archive_notices_send(today=datetime.date(2026, 1, 29))
    assert (too_early.files, mailoutbox) == (0, [])

    with django_capture_on_commit_callbacks(execute=True):
        run = archive_notices_send(today=datetime.date(2026, 1, 30))
    assert (run.files, run.emails) == (1, 2)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([clerk.email, specialist.email])
    assert work_file.code in mailoutbox[0].subject and "01/03/2026" in mailoutbox[0].subject
    assert "Lưu trữ cơ quan" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        again = archive_notices_send(today=datetime.date(2026, 2, 15))
        archive_notices_run.call("2026-02-16")
        call_command("archive_notices", "--date", "2026-02-17", stdout=None)
    assert (again.files, len(mailoutbox)) == (0, 2)
    events = AuditEvent.objects.for_object(work_file).filter(
        action=WorkFileAuditAction.ARCHIVE_NOTICE_SENT
    )
    assert events.count() == 1
    work_file.refresh_from_db()
    assert work_file.archive_notice_at is not None


def test_open_and_archived_files_get_no_notice(
    docs_world, clerk, unit_head, specialist, mailoutbox, django_capture_on_commit_callbacks
):
    open_file(clerk, unit_head, specialist, docs_world)
    with django_capture_on_commit_callbacks(execute=True):
        run = archive_notices_send(today=datetime.date(2030, 1, 1))
    assert (run.files, mailoutbox) == (0, [])


def test_the_home_page_lists_the_files_due_for_the_archive(
    client, docs_world, clerk, unit_head, specialist, other_district_officer
):
    late = closed_file(clerk, unit_head, specialist, docs_world, datetime.date(2020, 1, 6))

    client.force_login(specialist)
    page = client.get(reverse("documents:workfile-home")).content.decode()
    assert 'id="due-for-archive"' in page
    assert late.code in page and "06/01/2021" in page

    client.force_login(other_district_officer)
    page = client.get(reverse("documents:workfile-home")).content.decode()
    assert 'id="due-for-archive"' not in page
