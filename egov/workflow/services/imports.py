"""Importing process definitions from JSON (``egov import_processes``): all or nothing,
idempotent by (code, version). The format is documented in the command's module."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.progress import CHECK, WRITE, ProgressCallback, counted
from egov.orgs.models import OrgUnit
from egov.workflow import rules
from egov.workflow.exceptions import ImportFailed
from egov.workflow.models import ProcessDefinition
from egov.workflow.services.definitions import (
    StepSpec,
    problem_message,
    process_definition_create,
    process_definition_publish,
    process_definition_replace_draft,
)

FIELDS = ("name", "effective_from", "effective_to", "total_days", "source")


@dataclass(frozen=True)
class ImportReport:
    """``code vN`` labels by what happened to them."""

    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


@dataclass(frozen=True)
class _Entry:
    code: str
    version: int
    fields: dict[str, Any]
    steps: tuple[StepSpec, ...]
    publish: bool

    @property
    def label(self) -> str:
        return f"{self.code} v{self.version}"


class _EntryError(Exception):
    pass


def _decimal(value: object, what: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise _EntryError(_("%(what)s is not a number.") % {"what": what}) from exc


def _unit(ref: object) -> OrgUnit | None:
    """``null`` (the owner unit), ``{"agency_code": ...}`` or ``{"kind": ..., "name": ...}``."""
    if ref is None:
        return None
    if isinstance(ref, Mapping) and ref.get("agency_code"):
        found = OrgUnit.objects.active().filter(agency_code=ref["agency_code"])
    elif isinstance(ref, Mapping) and ref.get("kind") and ref.get("name"):
        found = OrgUnit.objects.active().filter(kind=ref["kind"], name=ref["name"])
    else:
        raise _EntryError(_('a unit is null, {"agency_code": …} or {"kind": …, "name": …}.'))
    units = list(found[:2])
    if len(units) != 1:
        raise _EntryError(
            _("%(count)s existing units match %(ref)s; exactly one must.")
            % {"count": len(units), "ref": dict(ref)}
        )
    return units[0]


def _step(raw: Mapping[str, Any]) -> StepSpec:
    order = raw.get("order")
    prefix = _("step %(order)s") % {"order": order}
    try:
        if "allowance_hours" in raw:
            days = rules.hours_to_days(_decimal(raw["allowance_hours"], "allowance_hours"))
        else:
            days = _decimal(raw.get("allowance_days"), "allowance_days")
        if raw.get("role") not in rules.STEP_ROLES:
            raise _EntryError(_("unknown role %(role)s.") % {"role": raw.get("role")})
        return StepSpec(
            order=int(order),
            code=str(raw["code"]),
            name=str(raw["name"]),
            role=raw["role"],
            allowance_days=days,
            unit=_unit(raw.get("unit")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _EntryError(
            f"{prefix}: {_('missing or invalid field %(field)s.')}" % {"field": exc}
        ) from exc
    except _EntryError as exc:
        raise _EntryError(f"{prefix}: {exc}") from exc


def _entry(raw: Mapping[str, Any]) -> _Entry:
    try:
        effective_to = raw.get("effective_to")
        fields = {
            "name": str(raw["name"]),
            "effective_from": datetime.date.fromisoformat(raw["effective_from"]),
            "effective_to": datetime.date.fromisoformat(effective_to) if effective_to else None,
            "total_days": _decimal(raw["total_days"], "total_days"),
            "source": str(raw.get("source", "")),
        }
        entry = _Entry(
            code=str(raw["code"]),
            version=int(raw["version"]),
            fields=fields,
            steps=tuple(_step(s) for s in raw["steps"]),
            publish=bool(raw.get("publish", True)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _EntryError(_("missing or invalid field %(field)s.") % {"field": exc}) from exc
    problems = rules.definition_problems(
        entry.fields["total_days"], [(s.order, s.allowance_days, s.role) for s in entry.steps]
    )
    if problems:
        raise _EntryError(" ".join(problem_message(p) for p in problems))
    return entry


def _signature(fields: Mapping[str, Any], steps: Sequence[StepSpec]) -> tuple:
    steps_key = tuple(
        sorted(
            (
                s.order,
                s.code,
                s.name,
                s.role,
                Decimal(s.allowance_days),
                s.unit.pk if s.unit else None,
            )
            for s in steps
        )
    )
    return (*(fields[f] for f in FIELDS), steps_key)


def _stored_signature(definition: ProcessDefinition) -> tuple:
    steps = [
        StepSpec(s.order, s.code, s.name, s.role, s.allowance_days, s.unit)
        for s in definition.steps.select_related("unit")
    ]
    return _signature({f: getattr(definition, f) for f in FIELDS}, steps)


def _parse_all(
    raw_entries: Sequence[Any], progress: ProgressCallback | None = None
) -> tuple[list[_Entry], list[str]]:
    entries, errors, seen = [], [], set()
    for index, raw in enumerate(counted(raw_entries, progress, CHECK, every=20), start=1):
        where = _("Entry %(n)s") % {"n": index}
        try:
            if not isinstance(raw, Mapping):
                raise _EntryError(_("an entry is an object."))
            entry = _entry(raw)
        except _EntryError as exc:
            errors.append(
                f"{where} ({raw.get('code', '?') if isinstance(raw, Mapping) else '?'}): {exc}"
            )
            continue
        if (entry.code, entry.version) in seen:
            twice = _("appears twice in the file.")
            errors.append(f"{where} ({entry.label}): {twice}")
        seen.add((entry.code, entry.version))
        stored = ProcessDefinition.objects.filter(code=entry.code, version=entry.version).first()
        if (
            stored is not None
            and stored.is_published
            and (_stored_signature(stored) != _signature(entry.fields, entry.steps))
        ):
            errors.append(
                f"{where} ({entry.label}): "
                + _(
                    "this version is published with other content; give the change a new version "
                    "number."
                )
            )
        entries.append(entry)
    return entries, errors


def _write(actor: User | None, entry: _Entry) -> str:
    stored = ProcessDefinition.objects.filter(code=entry.code, version=entry.version).first()
    if stored is not None and stored.is_published:
        return "unchanged"
    if stored is None:
        stored = process_definition_create(
            actor=actor, code=entry.code, version=entry.version, steps=entry.steps, **entry.fields
        )
        outcome = "created"
    elif _stored_signature(stored) == _signature(entry.fields, entry.steps):
        outcome = "unchanged"
    else:
        stored = process_definition_replace_draft(
            actor=actor, definition=stored, steps=entry.steps, **entry.fields
        )
        outcome = "updated"
    if entry.publish:
        process_definition_publish(actor=actor, definition=stored)
        outcome = "updated" if outcome == "unchanged" else outcome
    return outcome


def process_definitions_import(
    *, actor: User | None, raw_entries: Sequence[Any], progress: ProgressCallback | None = None
) -> ImportReport:
    """Check every entry first and write nothing if any is wrong (``ImportFailed`` lists the
    errors per entry); then write them all in one transaction. ``progress``
    (``egov.common.progress``) hears the entries checked and written."""
    entries, errors = _parse_all(raw_entries, progress)
    if errors:
        raise ImportFailed(_("The file has errors; nothing was imported."), errors=errors)
    done: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    with transaction.atomic():
        for entry in counted(entries, progress, WRITE, every=20):
            done[_write(actor, entry)].append(entry.label)
    return ImportReport(*(tuple(done[k]) for k in ("created", "updated", "unchanged")))
