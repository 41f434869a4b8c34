"""URL arguments of the task-tracking routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a directive of the scoped unit, a task it leads
and assigned, a report of that task with a file, an extension asked on it, an import."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from egov.accounts.services import officer_account_create
from egov.directives.models import DeadlineExtension, TaskImport, TaskReportFile
from egov.directives.tests.factories import DirectiveFactory, TaskFactory, TaskReportFactory
from egov.orgs.models import OrgUnit


def _user(unit: OrgUnit, what: str) -> object:
    return officer_account_create(
        actor=None, full_name="Nguyễn Thị Bình", email=f"{what}.{unit.pk}@example.vn", password=None
    )


def _task(unit: OrgUnit) -> object:
    return TaskFactory(document=DirectiveFactory(unit=unit), lead_unit=unit)


def _report(unit: OrgUnit) -> object:
    return TaskReportFactory(task=_task(unit))


def _file(unit: OrgUnit) -> dict[str, object]:
    report = _report(unit)
    stored = TaskReportFile(
        report=report, name="bao-cao.pdf", content_type="application/pdf", size=9, sha256="0" * 64
    )
    stored.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": report.pk, "file_id": stored.pk}


def _extension(unit: OrgUnit) -> dict[str, object]:
    task = _task(unit)
    extension = DeadlineExtension.objects.create(
        task=task,
        requested_by=_user(unit, "giahan"),
        requested_at=timezone.now(),
        current_deadline_on=task.deadline_on,
        proposed_deadline_on=task.deadline_on + datetime.timedelta(days=30),
        reason="Chờ vốn",
    )
    return {"pk": extension.pk, "action": "refuse"}


def _import(unit: OrgUnit) -> dict[str, object]:
    task_import = TaskImport.objects.create(
        document=DirectiveFactory(unit=unit),
        file_name="phu-luc.xlsx",
        sha256="0" * 64,
        rows=[],
        created_by=_user(unit, "nhap"),
    )
    return {"pk": task_import.pk}


def _directive(unit: OrgUnit) -> dict[str, object]:
    return {"pk": DirectiveFactory(unit=unit).pk}


def _task_pk(unit: OrgUnit) -> dict[str, object]:
    return {"pk": _task(unit).pk}


DIRECTIVES_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "directives:directive-detail": _directive,
    "directives:task-create": _directive,
    "directives:import-upload": _directive,
    "directives:import-detail": _import,
    "directives:import-resolve": _import,
    "directives:import-apply": _import,
    "directives:task-detail": _task_pk,
    "directives:task-edit": _task_pk,
    "directives:task-split": _task_pk,
    "directives:report-save": _task_pk,
    "directives:extension-request": _task_pk,
    "directives:report-action": lambda unit: {"pk": _report(unit).pk, "action": "submit"},
    "directives:report-file": _file,
    "directives:extension-decide": _extension,
    "api:task_report_write": lambda unit: {"task_id": _task(unit).pk},
    "api:task_import_create": lambda unit: {"document_id": _directive(unit)["pk"]},
    "api:task_import_get": lambda unit: {"import_id": _import(unit)["pk"]},
    "api:task_import_resolve": lambda unit: {"import_id": _import(unit)["pk"]},
    "api:task_import_apply": lambda unit: {"import_id": _import(unit)["pk"]},
    "api:task_report_send": lambda unit: {"report_id": _report(unit).pk},
}

# routes with scope "-" whose URL names something that is not an object of a unit
DIRECTIVES_ROUTE_KWARGS: dict[str, dict[str, object]] = {
    "directives:dimension-serve": {"index": "papi", "dimension": "participation"},
}
