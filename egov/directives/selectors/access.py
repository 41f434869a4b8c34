"""Who sees which task, report, directive and import (THE rule of ``egov.orgs.access``
applied to tasks): an officer sees the tasks whose lead, cooperating or implementing unit is
within their reach, and the tasks their unit assigned; with a subtree role that covers every
unit below. Anything else is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from egov.directives.access import OFFICE_ROLES
from egov.directives.models import (
    DeadlineExtension,
    Task,
    TaskImport,
    TaskReport,
    TaskReportFile,
    TaskUnit,
)
from egov.documents.choices import Direction, DocumentStatus
from egov.documents.models import Document
from egov.orgs.access import reach_of


def task_scope(user: Any) -> QuerySet[Task]:
    """Every task ``user`` may see."""
    reach = reach_of(user)
    if reach.is_empty:
        return Task.objects.none()
    assigned = TaskUnit.objects.filter(reach.q("unit")).values("task_id")
    return Task.objects.filter(Q(pk__in=assigned) | reach.q("assigning_unit"))


def task_get_for_user(user: Any, pk: int) -> Task:
    task = (
        task_scope(user)
        .select_related(
            "document__doc_type", "document__unit", "lead_unit", "assigning_unit", "group", "parent"
        )
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task


def directive_scope(user: Any) -> QuerySet[Document]:
    """Issued directives of a unit within reach, and those assigning a visible task."""
    reach = reach_of(user)
    if reach.is_empty:
        return Document.objects.none()
    directives = Document.objects.filter(
        direction=Direction.OUTGOING, status=DocumentStatus.ISSUED, doc_type__assigns_tasks=True
    )
    return directives.filter(reach.q("unit") | Q(pk__in=task_scope(user).values("document_id")))


def directive_get_for_user(user: Any, pk: int) -> Document:
    document = directive_scope(user).select_related("doc_type", "unit").filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def report_get_for_user(user: Any, pk: int) -> TaskReport:
    """A report on a visible task."""
    report = (
        TaskReport.objects.filter(task__in=task_scope(user), pk=pk)
        .select_related("task__assigning_unit", "task__lead_unit", "unit")
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_file_get_for_user(user: Any, pk: int, file_id: int) -> TaskReportFile:
    report = report_get_for_user(user, pk)
    found = TaskReportFile.objects.filter(report=report, pk=file_id).first()
    if found is None:
        raise Http404
    return found


def extension_get_for_user(user: Any, pk: int) -> DeadlineExtension:
    extension = (
        DeadlineExtension.objects.filter(task__in=task_scope(user), pk=pk)
        .select_related("task__assigning_unit")
        .first()
    )
    if extension is None:
        raise Http404
    return extension


def task_import_get_for_user(user: Any, pk: int) -> TaskImport:
    """An import of a directive whose assigning office the user acts for."""
    reach = reach_of(user, roles=OFFICE_ROLES)
    if reach.is_empty:
        raise Http404
    found = (
        TaskImport.objects.filter(reach.q("document__unit"), pk=pk)
        .select_related("document__doc_type", "document__unit")
        .first()
    )
    if found is None:
        raise Http404
    return found
