"""Turning the resolved rows of an import into groups and tasks (inside the apply service's
transaction; no permission check here)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from egov.directives.exceptions import InvalidTask
from egov.directives.importing import Schedule
from egov.directives.models import Task, TaskGroup
from egov.directives.services import common
from egov.directives.services.task_edit import TaskData, task_build
from egov.documents.models import Document
from egov.orgs.levels import administrative_unit
from egov.orgs.models import OrgUnit, OutsideBody


class _Groups:
    """TaskGroup rows by their path of titles, created on first use in table order (the
    label is the one of the first row that names the group)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.by_path: dict[tuple[str, ...], TaskGroup] = {}
        self.order = TaskGroup.objects.filter(document=document).count()

    def get(self, path: Sequence[Sequence[str]]) -> TaskGroup | None:
        group = None
        for depth in range(1, len(path) + 1):
            key = tuple(str(title) for _label, title in path[:depth])
            if key not in self.by_path:
                self.order += 1
                label, title = path[depth - 1]
                self.by_path[key] = TaskGroup.objects.create(
                    document=self.document,
                    parent=group,
                    order=self.order,
                    label=str(label)[:20],
                    title=str(title),
                )
            group = self.by_path[key]
        return group


def _units(
    keys: Sequence[str], resolutions: Mapping[str, Any], units: Mapping[int, OrgUnit]
) -> list[OrgUnit]:
    ids = [i for key in keys for i in resolutions[key]["units"]]
    missing = [i for i in ids if i not in units]
    if missing:
        raise InvalidTask(_("A unit of this import no longer exists; upload the table again."))
    return list({i: units[i] for i in ids}.values())


def _others(
    keys: Sequence[str], resolutions: Mapping[str, Any], bodies: Mapping[int, OutsideBody]
) -> tuple[list[OutsideBody], list[str]]:
    """The outside bodies and the names kept as text among the answers to ``keys``."""
    found: dict[int, OutsideBody] = {}
    texts: list[str] = []
    for key in keys:
        for pk in resolutions[key].get("outside", []):
            if pk not in bodies:
                raise InvalidTask(_("An outside body of this import is no longer active."))
            found[pk] = bodies[pk]
        text = resolutions[key].get("text", "")
        if text and text not in texts:
            texts.append(text)
    return list(found.values()), texts


def _leads(
    row: Mapping[str, Any], resolutions: Mapping[str, Any], units: Mapping[int, OrgUnit]
) -> list[tuple[OrgUnit, str]]:
    """The lead units of a row, each with the collective phrase of the cell it came from
    ("UBND các quận, huyện, thị xã"), or "" when it was named on its own."""
    names = row.get("lead") or []
    leads: dict[int, tuple[OrgUnit, str]] = {}
    for index, key in enumerate(row["lead_keys"]):
        is_collective = bool(resolutions[key].get("collective")) and index < len(names)
        phrase = str(names[index]) if is_collective else ""
        for unit in _units([key], resolutions, units):
            leads.setdefault(unit.pk, (unit, phrase))
    return list(leads.values())


def _schedule(row: Mapping[str, Any], resolutions: Mapping[str, Any]) -> Schedule:
    value = row["schedule"]
    if isinstance(value, str):
        value = resolutions[value]["schedule"]
    return Schedule.from_json(value)


def rows_apply(
    document: Document, rows: Sequence[Mapping[str, Any]], resolutions: Mapping[str, Any]
) -> list[Task]:
    """Create the tasks of ``rows``: one per row, or one per unit of a collective lead."""
    ids = {i for entry in resolutions.values() for i in entry.get("units", [])}
    units = {u.pk: u for u in OrgUnit.objects.active().filter(pk__in=ids)}
    outside_ids = {i for entry in resolutions.values() for i in entry.get("outside", [])}
    bodies = {b.pk: b for b in OutsideBody.objects.active().filter(pk__in=outside_ids)}
    groups = _Groups(document)
    root = administrative_unit(document.unit)
    assigned_on = document.issued_on or common.today()
    tasks: list[Task] = []
    for row in rows:
        leads = _leads(row, resolutions, units)
        if not leads:
            raise InvalidTask(
                _("Table %(table)s, row %(row)s: a task is led by a unit of the tree.")
                % {"table": row["table"], "row": row["row"]}
            )
        cooperating = _units(row["cooperating_keys"], resolutions, units)
        implementing = _units(row["implementing_keys"], resolutions, units)
        common.require_units_in_scope(
            [*(unit for unit, _phrase in leads), *cooperating, *implementing], root, "file"
        )
        outside, texts = _others(
            [*row["cooperating_keys"], *row["implementing_keys"]], resolutions, bodies
        )
        schedule = _schedule(row, resolutions)
        report_by = row.get("report_by_on")
        group = groups.get(row["groups"])
        for lead, phrase in leads:
            data = TaskData(
                content=row["content"],
                lead_unit=lead,
                collective=phrase,
                cooperating=cooperating,
                implementing=implementing,
                expected_result=row["expected_result"],
                recurrence=schedule.recurrence,
                deadline_on=schedule.deadline_on,
                period_day=schedule.period_day,
                period_month=schedule.period_month,
                report_by_on=datetime.date.fromisoformat(report_by) if report_by else None,
                outside_bodies=outside,
                participants_text="; ".join(texts),
            )
            try:
                tasks.append(
                    task_build(
                        document=document,
                        data=data,
                        group=group,
                        assigning_unit=document.unit,
                        assigned_on=assigned_on,
                    )
                )
            except InvalidTask as error:
                message = _("Table %(table)s, row %(row)s: %(error)s") % {
                    "table": row["table"],
                    "row": row["row"],
                    "error": error.message,
                }
                raise InvalidTask(message) from error
    return tasks
