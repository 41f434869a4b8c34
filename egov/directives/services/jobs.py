"""The long work of task tracking as background jobs (``egov.jobs``): reading an uploaded task
table (its result is the import's resolve report) and the scoreboard workbook (a download).

The page starts the job and answers with the job's page; the django-task (``tasks.py``) runs
the work below through ``egov.jobs.services.job_run``. Both works check the starter's
permission again, as the job may run later than the request.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.common.progress import WRITE, ProgressCallback
from egov.directives.exceptions import ImportFileInvalid
from egov.directives.scoreboard.export import scoreboard_workbook
from egov.directives.scoreboard.selectors import ScoreFilters, scoreboard_for, scoreboard_sort
from egov.directives.services import common
from egov.directives.services.imports import MAX_BYTES, task_import_create
from egov.directives.services.task_edit import require_directive
from egov.documents.models import Document
from egov.jobs.models import Job
from egov.jobs.services import JobResult, job_start
from egov.orgs.models import OrgUnit

TASK_IMPORT = "directives.task_import"
SCOREBOARD_EXPORT = "directives.scoreboard_export"


def task_import_start(
    *,
    actor: Any,
    document: Document,
    file_name: str,
    content: bytes,
    default_deadline_on: datetime.date | None = None,
) -> Job:
    """Start reading a task table for ``document`` in the background (by the assigning
    office); the job's result is the import's resolve report (``task_import_create``)."""
    from egov.directives.tasks import task_import_read

    common.require_office(actor, document.unit)
    require_directive(document)
    if len(content) > MAX_BYTES:
        raise ImportFileInvalid(_("The file is larger than %(size)s MB.") % {"size": 5})
    return job_start(
        actor=actor,
        kind=TASK_IMPORT,
        title=_("Read the task table %(file)s of %(document)s")
        % {"file": file_name, "document": document.number_notation},
        task=task_import_read,
        params={
            "document": document.pk,
            "file_name": file_name,
            "default_deadline_on": default_deadline_on.isoformat() if default_deadline_on else "",
        },
        upload_name=file_name,
        upload_content=content,
    )


def task_import_read_work(job: Job, progress: ProgressCallback) -> JobResult:
    """The job of ``task_import_start``: read, match, store (all or nothing)."""
    params = job.params
    with job.upload.open("rb") as handle:
        content = handle.read()
    task_import = task_import_create(
        actor=job.started_by,
        document=Document.objects.select_related("unit").get(pk=params["document"]),
        file_name=params["file_name"],
        content=content,
        default_deadline_on=(
            datetime.date.fromisoformat(params["default_deadline_on"])
            if params["default_deadline_on"]
            else None
        ),
        progress=progress,
    )
    return JobResult(url=reverse("directives:import-detail", kwargs={"pk": task_import.pk}))


def scoreboard_export_start(
    *, actor: Any, filters: ScoreFilters, sort: str, descending: bool
) -> Job:
    """Start building the scoreboard workbook of ``filters`` in the background; the job's
    result is the .xlsx file."""
    from egov.directives.tasks import scoreboard_export_build

    start, end = filters.period_from, filters.period_to
    return job_start(
        actor=actor,
        kind=SCOREBOARD_EXPORT,
        title=_("Task scoreboard %(start)s–%(end)s (.xlsx)")
        % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
        task=scoreboard_export_build,
        params={
            "period_from": start.isoformat(),
            "period_to": end.isoformat(),
            "documents": list(filters.documents),
            "doc_type": filters.doc_type,
            "unit": filters.unit.pk if filters.unit is not None else None,
            "sort": sort,
            "descending": descending,
        },
    )


def scoreboard_export_work(job: Job, progress: ProgressCallback) -> JobResult:
    """The job of ``scoreboard_export_start``: the same rows as the page, as a workbook."""
    params = job.params
    filters = ScoreFilters(
        period_from=datetime.date.fromisoformat(params["period_from"]),
        period_to=datetime.date.fromisoformat(params["period_to"]),
        today=timezone.localdate(),
        documents=tuple(params["documents"]),
        doc_type=params["doc_type"],
        unit=(
            OrgUnit.objects.select_related("parent").get(pk=params["unit"])
            if params["unit"]
            else None
        ),
    )
    board = scoreboard_for(user=job.started_by, filters=filters)
    rows = scoreboard_sort(board.rows, key=params["sort"], descending=params["descending"])
    progress(WRITE, 0, len(rows) + 1)
    content = scoreboard_workbook(dataclasses.replace(board, rows=rows))
    progress(WRITE, len(rows) + 1, len(rows) + 1)
    start, end = filters.period_from, filters.period_to
    return JobResult(file_name=f"scoreboard-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", content=content)


__all__ = [
    "scoreboard_export_start",
    "scoreboard_export_work",
    "task_import_read_work",
    "task_import_start",
]
