"""Importing an annexed task table: parse, resolve, apply.

1. ``task_import_create`` reads the file (xlsx, csv, docx; merged cells; bulleted cells),
   matches every unit name to the active units the directive's authority may assign
   (accent-insensitive, with abbreviations; collectives expand to every unit of their kind),
   reads every deadline, and stores the rows. Nothing is dropped: a name that matches nothing
   or several units, a row without a lead unit and a deadline that cannot be read are listed
   in ``unresolved``.
2. ``task_import_resolve`` records the user's answer for one listed item (a unit or a
   collective; a deadline).
3. ``task_import_apply`` creates the groups and tasks in one transaction, only when nothing is
   left to resolve; a collective lead gives one task per unit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.audit.services import event_record
from egov.audit.versioned import version_check
from egov.common.exceptions import DomainError
from egov.common.files import CSV, DOCX, XLSX, accepting, file_check
from egov.common.progress import CHECK, READ, WRITE, ProgressCallback, counted, progress_none
from egov.common.text import fold
from egov.directives.choices import AuditAction, TaskUnitRole
from egov.directives.exceptions import ImportIncomplete
from egov.directives.importing import (
    Collective,
    Schedule,
    TaskRow,
    UnitDirectory,
    UnitRow,
    normalize,
    read_tables,
    schedule_parse,
    tables_parse,
)
from egov.directives.importing.schedule import schedule_find
from egov.directives.importing.units import (
    COLLECTIVE_KINDS,
    UNMATCHED,
    comparable,
    name_kind,
    similar_ranked,
)
from egov.directives.models import TaskImport
from egov.directives.services import common
from egov.directives.services.import_apply import rows_apply
from egov.directives.services.task_edit import require_directive
from egov.documents.models import Document
from egov.orgs.levels import administrative_unit
from egov.orgs.models import OrgUnit, OutsideBody
from egov.orgs.selectors import outside_body_list
from egov.orgs.services import outside_body_create

LEAD, COOPERATE, IMPLEMENT = TaskUnitRole.LEAD, TaskUnitRole.COOPERATE, TaskUnitRole.IMPLEMENT

MAX_BYTES = 5 * 1024 * 1024
IMPORT_ACCEPTED = accepting(
    {XLSX, DOCX, CSV}, gettext_lazy("Upload the task table as .xlsx, .docx or .csv.")
)


def unit_key(name: str) -> str:
    return "unit:" + normalize(name)


def deadline_key(text: str) -> str:
    return "deadline:" + fold(text)


def directory_for(document: Document) -> UnitDirectory:
    """The active units the document's authority may assign to."""
    root = administrative_unit(document.unit)
    rows = (
        OrgUnit.objects.active()
        .subtree_of(root)
        .values_list("pk", "name", "kind", "short_name", "parent_id")
    )
    return UnitDirectory((UnitRow(*row) for row in rows), scope_root_id=root.pk)


class _Collector:
    """Matches names and deadlines once each, collecting resolutions and problems."""

    def __init__(
        self,
        directory: UnitDirectory,
        default: Schedule | None,
        outside: Sequence[OutsideBody] = (),
    ) -> None:
        self.directory, self.default = directory, default
        self.outside = {b.pk: b for b in outside}
        self.resolutions: dict[str, dict[str, Any]] = {}
        self.problems: dict[str, dict[str, Any]] = {}

    def _problem(
        self,
        key: str,
        kind: str,
        text: str,
        reason: str,
        where: str,
        candidates: Sequence[UnitRow] = (),
        role: str = "",
    ) -> None:
        entry = self.problems.setdefault(
            key,
            {
                "key": key,
                "kind": kind,
                "text": text,
                "reason": reason,
                "candidates": [[u.id, u.name] for u in candidates],
                "rows": [],
                "roles": [],
            },
        )
        if kind == "unit" and "hint" not in entry:
            entry["hint"] = name_kind(text)
            entry["outside_candidates"] = [
                [b.pk, b.name] for b in outside_similar(text, self.outside.values())
            ]
        if where not in entry["rows"]:
            entry["rows"].append(where)
        if role and role not in entry["roles"]:
            entry["roles"].append(role)

    def _outside_exact(self, name: str) -> OutsideBody | None:
        key = comparable(name)
        for body in self.outside.values():
            if key in (comparable(body.name), comparable(body.short_name)):
                return body
        return None

    def unit(self, name: str, where: str, role: str) -> str:
        key = unit_key(name)
        known = self.resolutions.get(key)
        if known is not None and (known["units"] or role != LEAD):
            return key
        if known is not None:  # an outside body met before as cooperating cannot lead
            del self.resolutions[key]
            self._problem(key, "unit", name, "outside_lead", where, role=COOPERATE)
        if key in self.problems:
            self._problem(key, "unit", name, "", where, role=role)
            return key
        match = self.directory.match(name)
        body = None if match.is_resolved else self._outside_exact(name)
        if match.is_resolved:
            self.resolutions[key] = {
                "units": match.unit_ids,
                "auto": True,
                "collective": match.collective.code if match.collective else "",
            }
        elif body is not None and role != LEAD:
            self.resolutions[key] = {"units": [], "outside": [body.pk], "auto": True}
        else:
            reason = "outside_lead" if body is not None else match.status
            if match.collective is not None and match.collective.is_relevant_only:
                reason = "relevant_only"
            self._problem(key, "unit", name, reason, where, match.candidates, role)
        return key

    def schedule(self, data: dict[str, Any], where: str) -> dict[str, Any] | str:
        """The row's schedule from its deadline cell, else from a phrase inside its result or
        task cell (taken out of that text), else the upload's default; or the key of the
        question to ask: one per unreadable text, one per table row without any deadline (the
        tasks of one cell share it)."""
        text = data["deadline_text"]
        parsed = schedule_parse(text)
        if parsed is not None:
            return parsed.as_json()
        for field in ("expected_result", "content"):
            found = schedule_find(data[field])
            if found is not None and (found.rest or field == "expected_result"):
                data[field] = found.rest
                data["deadline_text"] = found.phrase
                return found.schedule.as_json()
        if not text.strip() and self.default is not None:
            return self.default.as_json()
        if text.strip():
            key = deadline_key(text)
            self._problem(key, "deadline", text, "unparsed", where)
        else:
            key = f"deadline:row:{where}"
            self._problem(key, "deadline", data["content"][:200], "missing", where)
        return key


def outside_similar(name: str, bodies: Iterable[OutsideBody]) -> list[OutsideBody]:
    """The registered outside bodies most like ``name``, best first, none unrelated."""
    return similar_ranked(name, ((b, (b.name, b.short_name)) for b in bodies))


def _row_json(row: TaskRow, collector: _Collector) -> dict[str, Any]:
    where = f"{row.table}.{row.row}"
    data = row.as_json()
    data["lead_keys"] = [collector.unit(n, where, LEAD) for n in row.lead]
    if not row.lead:
        key = f"lead:{where}:{len(collector.problems)}"
        collector._problem(key, "lead", row.content[:200], "missing", where)
        data["lead_keys"] = [key]
    data["cooperating_keys"] = [collector.unit(n, where, COOPERATE) for n in row.cooperating]
    data["implementing_keys"] = [collector.unit(n, where, IMPLEMENT) for n in row.implementing]
    data["schedule"] = collector.schedule(data, where)
    report_by = schedule_parse(row.report_by_text) if row.report_by_text else None
    data["report_by_on"] = (
        report_by.deadline_on.isoformat() if report_by and report_by.deadline_on else None
    )
    if row.report_by_text and data["report_by_on"] is None:
        data["notes"].append(
            _("Report date not understood: %(text)s") % {"text": row.report_by_text}
        )
    return data


def task_import_create(
    *,
    actor: Any,
    document: Document,
    file_name: str,
    content: bytes,
    default_deadline_on: datetime.date | None = None,
    progress: ProgressCallback | None = None,
) -> TaskImport:
    """Read a task table for ``document`` and keep its rows until they are resolved and
    applied; by the assigning office. Uploading the same file again while the first upload is
    not applied returns the first one (a double click or a retry makes no second import).
    ``progress`` (``egov.common.progress``) hears the rows read, checked and stored."""
    progress = progress or progress_none
    common.require_office(actor, document.unit)
    require_directive(document)
    checked = file_check(content, accept=IMPORT_ACCEPTED, max_bytes=MAX_BYTES)
    digest = checked.sha256
    # The reader goes by the kind the bytes show, not by the name the user gave.
    rows = tables_parse(read_tables(f"{PurePath(file_name).stem}.{checked.extension}", content))
    progress(READ, len(rows), len(rows))
    default = Schedule(deadline_on=default_deadline_on) if default_deadline_on else None
    collector = _Collector(directory_for(document), default, outside_body_list())
    parsed = [_row_json(row, collector) for row in counted(rows, progress, CHECK, every=50)]
    with transaction.atomic():
        existing = (
            TaskImport.objects.select_for_update()
            .filter(document=document, sha256=digest, is_applied=False)
            .first()
        )
        if existing is not None:
            return existing
        task_import = TaskImport.objects.create(
            document=document,
            file_name=file_name[:200],
            sha256=digest,
            rows=parsed,
            unresolved=list(collector.problems.values()),
            resolutions=collector.resolutions,
            created_by=actor,
        )
        event_record(
            actor=actor,
            action=AuditAction.TASK_IMPORT_CREATED,
            obj=task_import,
            changes={
                "document": document.pk,
                "file": file_name,
                "tasks": len(parsed),
                "unresolved": len(collector.problems),
            },
        )
    progress(WRITE, len(parsed), len(parsed))
    return task_import


def pending(task_import: TaskImport) -> list[dict[str, Any]]:
    """The listed items the user has not resolved yet."""
    return [e for e in task_import.unresolved if e["key"] not in task_import.resolutions]


def _entry(task_import: TaskImport, key: str) -> dict[str, Any]:
    for entry in task_import.unresolved:
        if entry["key"] == key:
            return entry
    raise DomainError(
        _("This item is not on the list."), code="unknown_item", fields={"key": _("Unknown item.")}
    )


def _unit_answer(task_import: TaskImport, unit: OrgUnit | None, collective: str) -> dict[str, Any]:
    directory = directory_for(task_import.document)
    if unit is not None:
        if unit.pk not in directory.units:
            message = _("%(unit)s cannot be assigned by this document.") % {"unit": unit.name}
            raise DomainError(message, code="unit_out_of_scope", fields={"unit": message})
        return {"units": [unit.pk], "auto": False, "collective": ""}
    if collective in COLLECTIVE_KINDS:
        ids = directory.expand(Collective(collective))
        if ids:
            return {"units": ids, "auto": False, "collective": collective}
    message = _("Choose a unit or a group of units.")
    raise DomainError(message, code="required", fields={"unit": message})


@dataclass(frozen=True)
class ImportAnswer:
    """One answer to a listed item; give exactly one of: a unit or a collective (any name or
    missing lead), an outside body registered or to register, the name kept as text (names
    that are not units: cooperating or implementing only), a deadline text."""

    unit: OrgUnit | None = None
    collective: str = ""
    outside_body: OutsideBody | None = None
    new_outside_body: str = ""
    new_outside_short_name: str = ""
    new_outside_agency_code: str = ""
    keep_as_text: bool = False
    deadline_text: str = ""

    def given(self) -> list[str]:
        return [
            name
            for name, value in (
                ("unit", self.unit is not None or self.collective),
                ("outside_body", self.outside_body is not None),
                ("new_outside_body", self.new_outside_body.strip()),
                ("keep_as_text", self.keep_as_text),
            )
            if value
        ]


def _refuse(message: str, code: str, field: str) -> DomainError:
    return DomainError(message, code=code, fields={field: message})


def _answer(actor: Any, task_import: TaskImport, entry: dict[str, Any], a: ImportAnswer) -> dict:
    if entry["kind"] == "deadline":
        parsed = schedule_parse(a.deadline_text)
        if parsed is None:
            message = _("Write a date (31/12/2026) or a recurrence (hằng quý).")
            raise _refuse(message, "invalid_deadline", "deadline_text")
        return {"schedule": parsed.as_json(), "auto": False}
    given = a.given()
    if len(given) > 1:
        raise _refuse(_("Give one answer only."), "several_answers", given[1])
    if given and given[0] != "unit" and (entry["kind"] == "lead" or LEAD in entry.get("roles", [])):
        message = _("A task is led by a unit of the tree: choose the lead unit.")
        raise _refuse(message, "lead_not_unit", given[0])
    if a.outside_body is not None:
        if not a.outside_body.is_active:
            raise _refuse(_("This body is no longer active."), "inactive", "outside_body")
        return {"units": [], "outside": [a.outside_body.pk], "auto": False}
    if a.new_outside_body.strip():
        body = outside_body_create(
            actor=actor,
            name=a.new_outside_body,
            short_name=a.new_outside_short_name,
            agency_code=a.new_outside_agency_code,
        )
        return {"units": [], "outside": [body.pk], "auto": False}
    if a.keep_as_text:
        return {"units": [], "text": entry["text"], "auto": False}
    return _unit_answer(task_import, a.unit, a.collective)


def task_import_resolve(
    *,
    actor: Any,
    task_import: TaskImport,
    expected_version: int,
    key: str,
    answer: ImportAnswer,
) -> TaskImport:
    """Answer one listed item (``ImportAnswer``): a unit or a collective for a name or a
    missing lead; an outside body or plain text for a cooperating or implementing name that
    is no unit; a date or recurrence ("31/12/2026", "hằng quý") for a deadline. Answers may
    be changed until the import is applied."""
    common.require_office(actor, task_import.document.unit)
    with transaction.atomic():
        task_import = TaskImport.objects.select_for_update().get(pk=task_import.pk)
        version_check(task_import, expected_version)
        if task_import.is_applied:
            raise ImportIncomplete(_("This import has been applied already."))
        entry = _entry(task_import, key)
        resolved = _answer(actor, task_import, entry, answer)
        task_import.resolutions = {**task_import.resolutions, key: resolved}
        task_import.version += 1
        task_import.save(update_fields=["resolutions", "version"])
        event_record(
            actor=actor,
            action=AuditAction.TASK_IMPORT_RESOLVED,
            obj=task_import,
            changes={"key": key, "text": entry["text"], "answer": resolved},
        )
    return task_import


def task_import_apply(*, actor: Any, task_import: TaskImport, expected_version: int) -> list[Any]:
    """Create every task of the import, all or nothing; by the assigning office."""
    common.require_office(actor, task_import.document.unit)
    with transaction.atomic():
        task_import = (
            TaskImport.objects.select_for_update()
            .select_related("document__doc_type", "document__unit")
            .get(pk=task_import.pk)
        )
        version_check(task_import, expected_version)
        if task_import.is_applied:
            raise ImportIncomplete(_("This import has been applied already."))
        left = pending(task_import)
        if left:
            raise ImportIncomplete(
                _("%(count)s items are still to be resolved.") % {"count": len(left)}
            )
        tasks = rows_apply(task_import.document, task_import.rows, task_import.resolutions)
        task_import.is_applied = True
        task_import.version += 1
        task_import.save(update_fields=["is_applied", "version"])
        event_record(
            actor=actor,
            action=AuditAction.TASK_IMPORT_APPLIED,
            obj=task_import,
            changes={"tasks": [t.pk for t in tasks]},
        )
        common.scoreboard_refresh(tasks)
    return tasks


__all__ = [
    "UNMATCHED",
    "ImportAnswer",
    "deadline_key",
    "directory_for",
    "outside_similar",
    "pending",
    "task_import_apply",
    "task_import_create",
    "task_import_resolve",
    "unit_key",
]
