"""Task API for officers: their tasks with the state today, writing a report, sending it.

Request bodies are read after the task or report is looked up, so another unit's task is a
404 whatever is posted; then a malformed body is a 422 naming its fields.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from egov.common.api_body import json_body, json_body_doc
from egov.common.api_errors import api_errors
from egov.common.pagination import BoundedPageNumberPagination
from egov.directives import services
from egov.directives.exceptions import InvalidInput
from egov.directives.models import TaskReport
from egov.directives.schemas import (
    ImportAnswersIn,
    ImportApplied,
    ReportIn,
    ReportOut,
    TaskFilter,
    TaskOut,
    VersionIn,
)
from egov.directives.selectors import (
    directive_get_for_user,
    report_get_for_user,
    task_get_for_user,
    task_import_get_for_user,
    task_list_for_user,
)
from egov.directives.services import task_report_save, task_report_submit
from egov.directives.services.common import require_office
from egov.orgs.access import require_officer
from egov.orgs.selectors import orgunit_get_for_user

router = Router(tags=["directives"])


def _task_out(line: object) -> dict:
    task = line.task
    return {
        "id": task.pk,
        "content": task.content,
        "document_id": task.document_id,
        "document_number_notation": task.document.number_notation,
        "lead_unit_id": task.lead_unit_id,
        "lead_unit_name": task.lead_unit.name,
        "expected_result": task.expected_result,
        "target_value": task.target_value,
        "target_unit": task.target_unit,
        "recurrence": task.recurrence,
        "deadline_on": task.deadline_on,
        "original_deadline_on": task.original_deadline_on,
        "extension_count": task.extension_count,
        "percent_done": task.percent_done,
        "done_on": task.done_on,
        "state": line.state,
        "version": task.version,
    }


@router.get("/tasks", response=list[TaskOut])
@paginate(BoundedPageNumberPagination, page_size=100)
def task_list(request: HttpRequest, filters: Query[TaskFilter]) -> list[dict]:
    """The caller's tasks (led by, assigned to or assigned by their units) with the state
    today, soonest deadline first."""
    require_officer(request.user)
    lines = task_list_for_user(
        request.user, query=filters.q[:100], state=filters.state or "", role=filters.role
    )
    return [_task_out(line) for line in lines]


@router.post(
    "/tasks/{task_id}/reports", response={201: ReportOut}, openapi_extra=json_body_doc(ReportIn)
)
def task_report_write(request: HttpRequest, task_id: int) -> Status:
    """Write (or rewrite) the draft report of the caller's unit for the current period; the
    head of the unit then sends it."""
    require_officer(request.user)
    task = task_get_for_user(request.user, task_id)
    payload = json_body(request, ReportIn, error=InvalidInput)
    unit = orgunit_get_for_user(request.user, payload.unit_id) if payload.unit_id else None
    report = task_report_save(
        actor=request.user,
        task=task,
        unit=unit,
        progress=payload.progress,
        percent=payload.percent,
        done_text=payload.done_text,
        actual_value=payload.actual_value,
        expected_version=payload.expected_version,
    )
    return Status(201, report)


@router.post(
    "/reports/{report_id}/submit", response=ReportOut, openapi_extra=json_body_doc(VersionIn)
)
def task_report_send(request: HttpRequest, report_id: int) -> TaskReport:
    """Send a report to the assigning office (the head of the reporting unit)."""
    require_officer(request.user)
    report = report_get_for_user(request.user, report_id)
    payload = json_body(request, VersionIn, error=InvalidInput)
    return task_report_submit(
        actor=request.user, report=report, expected_version=payload.expected_version
    )


# Task-table imports: the same services, report and answers as the import pages.


@api_errors(413)
@router.post("/documents/{document_id}/imports", response={201: dict})
def task_import_create(request: HttpRequest, document_id: int) -> Status:
    """Read a task table (multipart field ``file``: .xlsx, .docx or .csv) for a directive of
    the caller's office; answers the resolve report (``task_import_report``). The same file
    again, while not applied, answers the same import."""
    require_officer(request.user)
    document = directive_get_for_user(request.user, document_id)
    require_office(request.user, document.unit)
    upload = request.FILES.get("file")
    if upload is None:
        message = _("Attach the task table as the field file.")
        raise InvalidInput(message, fields={"file": message})
    task_import = services.task_import_create(
        actor=request.user, document=document, file_name=upload.name, content=upload.read()
    )
    return Status(201, services.task_import_report(task_import))


@router.get("/imports/{import_id}", response=dict)
def task_import_get(request: HttpRequest, import_id: int) -> dict:
    """The resolve report of an import: what was read, every listed item, its candidates
    (ranked by similarity) and its answer so far."""
    require_officer(request.user)
    return services.task_import_report(task_import_get_for_user(request.user, import_id))


@router.post(
    "/imports/{import_id}/answers", response=dict, openapi_extra=json_body_doc(ImportAnswersIn)
)
def task_import_resolve(request: HttpRequest, import_id: int) -> dict:
    """Answer listed items, all or none; answers the report after them."""
    require_officer(request.user)
    task_import = task_import_get_for_user(request.user, import_id)
    payload = json_body(request, ImportAnswersIn, error=InvalidInput)
    task_import = services.task_import_answer_all(
        actor=request.user,
        task_import=task_import,
        expected_version=payload.expected_version,
        answers=[a.model_dump(exclude_none=True) for a in payload.answers],
    )
    return services.task_import_report(task_import)


@router.post(
    "/imports/{import_id}/apply", response=ImportApplied, openapi_extra=json_body_doc(VersionIn)
)
def task_import_apply(request: HttpRequest, import_id: int) -> dict:
    """Create every task of the import, all or nothing (every item answered first)."""
    require_officer(request.user)
    task_import = task_import_get_for_user(request.user, import_id)
    payload = json_body(request, VersionIn, error=InvalidInput)
    tasks = services.task_import_apply(
        actor=request.user, task_import=task_import, expected_version=payload.expected_version
    )
    return {"import_id": task_import.pk, "tasks": [t.pk for t in tasks]}
