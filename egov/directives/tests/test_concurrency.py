"""Two officers at once: the row lock and the version make the second one see the first's
result instead of writing twice. PostgreSQL only: the in-memory SQLite test database cannot
be shared by threads (a file database serialises writers with IMMEDIATE transactions)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from egov.common.exceptions import DomainError
from egov.directives.models import Task, TaskReport
from egov.directives.services import (
    TaskData,
    task_create,
    task_import_apply,
    task_import_create,
    task_report_accept,
    task_report_save,
    task_report_submit,
)
from egov.directives.tests.tables import xlsx_bytes

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises through IMMEDIATE transactions",
)


def at_once(*calls) -> list[object]:
    """Run the calls in threads released together; their results or error codes."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = []

    def run(call) -> None:
        try:
            barrier.wait()
            results.append(call())
        except DomainError as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_applying_one_import_twice_at_once_creates_its_tasks_once(
    world, office, office_specialist, directive
):
    rows = [
        [
            "1",
            "Chính quyền số",
            "",
            "Sở TT&TT",
            "- Nhiệm vụ một\n- Nhiệm vụ hai",
            "",
            "",
            "30/6/2026",
        ]
    ]
    imported = task_import_create(
        actor=office, document=directive, file_name="a.xlsx", content=xlsx_bytes(rows, merges=[])
    )

    results = at_once(
        lambda: len(task_import_apply(actor=office, task_import=imported, expected_version=1)),
        lambda: len(
            task_import_apply(actor=office_specialist, task_import=imported, expected_version=1)
        ),
    )

    assert sorted(map(str, results)) == ["2", "concurrent_change"]
    assert Task.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_officers_accepting_one_report_accept_it_once(
    world, office, office_specialist, directive, dept_specialist, dept_head
):
    task = task_create(
        actor=office,
        document=directive,
        data=TaskData(content="Nhiệm vụ", lead_unit=world.dept, deadline_on=directive.issued_on),
    )
    report = task_report_save(
        actor=dept_specialist, task=task, progress="in_progress", percent=50, done_text="Một nửa"
    )
    report = task_report_submit(actor=dept_head, report=report, expected_version=report.version)

    results = at_once(
        lambda: (
            task_report_accept(actor=office, report=report, expected_version=report.version).status
        ),
        lambda: (
            task_report_accept(
                actor=office_specialist, report=report, expected_version=report.version
            ).status
        ),
    )

    assert sorted(results) == ["accepted", "concurrent_change"]
    task.refresh_from_db()
    assert (task.percent_done, task.version) == (50, 2)
    assert TaskReport.objects.get(pk=report.pk).status == "accepted"
