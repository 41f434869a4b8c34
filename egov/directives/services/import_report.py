"""The resolve report of a task-table import as JSON, and answers given as JSON: the same
report and the same answers for the API (``api.py``) and the ``import_tasks`` command as the
page shows and takes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.directives.models import TaskImport
from egov.directives.services.imports import ImportAnswer, pending, task_import_resolve
from egov.orgs.models import OrgUnit, OutsideBody

ANSWER_FIELDS = (
    "key",
    "unit_id",
    "collective",
    "outside_body_id",
    "new_outside_body",
    "keep_as_text",
    "deadline_text",
)


def task_import_report(task_import: TaskImport) -> dict[str, Any]:
    """What was read and what is left to answer: every listed item with its candidates
    (units, then registered outside bodies, best first) and its answer so far."""
    left = {e["key"] for e in pending(task_import)}
    items = [
        {
            "key": entry["key"],
            "kind": entry["kind"],
            "text": entry["text"],
            "reason": entry["reason"],
            "hint": entry.get("hint", ""),
            "roles": entry.get("roles", []),
            "rows": entry["rows"],
            "candidates": [{"id": i, "name": n} for i, n in entry["candidates"]],
            "outside_candidates": [
                {"id": i, "name": n} for i, n in entry.get("outside_candidates", [])
            ],
            "is_resolved": entry["key"] not in left,
            "answer": task_import.resolutions.get(entry["key"]),
        }
        for entry in task_import.unresolved
    ]
    rows = [
        {
            field: row.get(field)
            for field in (
                "table",
                "row",
                "groups",
                "content",
                "lead",
                "cooperating",
                "implementing",
                "expected_result",
                "deadline_text",
                "schedule",
                "notes",
            )
        }
        for row in task_import.rows
    ]
    return {
        "id": task_import.pk,
        "document_id": task_import.document_id,
        "file_name": task_import.file_name,
        "version": task_import.version,
        "is_applied": task_import.is_applied,
        "tasks": len(task_import.rows),
        "pending": len(left),
        "items": items,
        "rows": rows,
    }


def _invalid(message: str, field: str) -> DomainError:
    return DomainError(message, code="invalid_answer", fields={field: message})


def answer_from_json(data: Mapping[str, Any]) -> tuple[str, ImportAnswer]:
    """One answer as JSON (``{"key": …, "unit_id": 12}``, ``{"key": …, "outside_body_id":
    3}``, ``{"key": …, "new_outside_body": {"name": …, "short_name": …, "agency_code": …}}``,
    ``{"key": …, "keep_as_text": true}``, ``{"key": …, "deadline_text": "31/12/2026"}``) as
    the key and the ``ImportAnswer`` the service takes."""
    unknown = set(data) - set(ANSWER_FIELDS)
    if unknown:
        raise _invalid(_("Unknown field in an answer."), sorted(unknown)[0])
    key = data.get("key")
    if not isinstance(key, str) or not key:
        raise _invalid(_("Each answer names the key of its item."), "key")
    unit = outside = None
    if data.get("unit_id") is not None:
        unit = OrgUnit.objects.filter(pk=data["unit_id"]).first()
        if unit is None:
            raise _invalid(_("No unit has this id."), "unit_id")
    if data.get("outside_body_id") is not None:
        outside = OutsideBody.objects.filter(pk=data["outside_body_id"]).first()
        if outside is None:
            raise _invalid(_("No outside body has this id."), "outside_body_id")
    new = data.get("new_outside_body") or {}
    if not isinstance(new, Mapping):
        raise _invalid(_("Give the new body as an object with its name."), "new_outside_body")
    return key, ImportAnswer(
        unit=unit,
        collective=str(data.get("collective") or ""),
        outside_body=outside,
        new_outside_body=str(new.get("name") or ""),
        new_outside_short_name=str(new.get("short_name") or ""),
        new_outside_agency_code=str(new.get("agency_code") or ""),
        keep_as_text=bool(data.get("keep_as_text")),
        deadline_text=str(data.get("deadline_text") or ""),
    )


def task_import_answer_all(
    *,
    actor: Any,
    task_import: TaskImport,
    expected_version: int,
    answers: Iterable[Mapping[str, Any]],
) -> TaskImport:
    """Give several answers at once, all or none (one ``task_import_resolve`` each, so each is
    checked and audited like an answer given on the page)."""
    parsed = [answer_from_json(a) for a in answers]
    with transaction.atomic():
        version = expected_version
        for key, answer in parsed:
            task_import = task_import_resolve(
                actor=actor,
                task_import=task_import,
                expected_version=version,
                key=key,
                answer=answer,
            )
            version = task_import.version
    return task_import


__all__ = ["answer_from_json", "task_import_answer_all", "task_import_report"]
