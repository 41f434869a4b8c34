"""An object's audit trail as a person reads it: every history page renders these entries.

Stored entries keep what the services wrote (codes, ids, ISO times, ``[before, after]`` pairs);
they are hash-chained and never rewritten. This module turns them into text at read time:
the action's declared label, each key as the field's verbose name, ids as the names of what
they point to, choice codes as their translated labels, times in local time, and it leaves out
derived or internal columns (search text, row versions, idempotency keys...).

A model may refine this with two optional class attributes: ``audit_hidden`` (more keys to
leave out) and, on a model that other entries point to, a ``history_text`` property (how it is
named in a history, e.g. a rule set by its decree rather than its code).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.audit.models import AuditEvent

#: How histories write days and moments (the form Vietnamese offices use).
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"

#: Keys no reader needs: derived search columns, row versions, retry keys, tree bookkeeping.
INTERNAL_KEYS = frozenset(
    {
        "search_text",
        "version",
        "idempotency_key",
        "calendar_version",
        "path",
        "depth",
        "token_digest",
        "token_prefix",
        "signer_key",
        "sha256",
        "process",
        "process_id",
    }
)

#: Keys services write that are not columns of the object, with what they mean.
EXTRA_LABELS: Mapping[str, Any] = {
    "reason": gettext_lazy("reason"),
    "note": gettext_lazy("note"),
    "documents": gettext_lazy("documents"),
    "on": gettext_lazy("effective on"),
    "source": gettext_lazy("source"),
    "file": gettext_lazy("file"),
    "files": gettext_lazy("files"),
    "task": gettext_lazy("task"),
    "kind": gettext_lazy("kind"),
    "count": gettext_lazy("count"),
    "purpose": gettext_lazy("purpose"),
    "revision": gettext_lazy("revision"),
    "recipients": gettext_lazy("recipients"),
    "model": gettext_lazy("records"),
    "form_fields_changed": gettext_lazy("form fields changed"),
    "error": gettext_lazy("error"),
}


@dataclass(frozen=True)
class HistoryChange:
    """One changed item: its label and its value (or the value before and after) as text."""

    label: str
    value: str
    before: str | None = None

    @property
    def is_change(self) -> bool:
        return self.before is not None


@dataclass(frozen=True)
class HistoryEntry:
    """One audit entry as shown in a history: local time, who, what, and the changes."""

    at: datetime.datetime
    actor_repr: str
    action: str
    action_label: str
    changes: tuple[HistoryChange, ...]


def history_entries(events: Iterable[AuditEvent]) -> list[HistoryEntry]:
    """Readable entries for ``events`` (of one object or several)."""
    events = list(events)
    lookups = _Lookups(events)
    return [
        HistoryEntry(
            at=timezone.localtime(event.at),
            actor_repr=event.actor_repr,
            action=event.action,
            action_label=event.action_label,
            changes=tuple(_changes(event, lookups)),
        )
        for event in events
    ]


def _model_of(event: AuditEvent) -> type[models.Model] | None:
    ct = event.content_type
    return ct.model_class() if ct is not None else None


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    """The model field ``key`` names, by name or by its ``_id`` column."""
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field):
            return field
    return None


def _is_hidden(model: type[models.Model] | None, key: str, field: models.Field | None) -> bool:
    if key in INTERNAL_KEYS or key.startswith("_"):
        return True
    if key in getattr(model, "audit_hidden", ()):
        return True
    return field is not None and not field.editable and not field.auto_created


class _Lookups:
    """Names of the rows the entries point to, read with one query per target model."""

    def __init__(self, events: list[AuditEvent]) -> None:
        wanted: dict[type[models.Model], set[Any]] = {}
        for event in events:
            model = _model_of(event)
            for key, value in (event.changes or {}).items():
                field = _field(model, key)
                if field is None or not field.is_relation or field.related_model is None:
                    continue
                for item in _flatten(value):
                    if isinstance(item, int | str) and item != "":
                        wanted.setdefault(field.related_model, set()).add(item)
        self._names: dict[tuple[type[models.Model], str], str] = {}
        for target, ids in wanted.items():
            for row in target._default_manager.filter(pk__in=_ids_for(target, ids)):
                self._names[(target, str(row.pk))] = _name_of(row)

    def name(self, target: type[models.Model], pk: Any) -> str | None:
        return self._names.get((target, str(pk)))


def _ids_for(target: type[models.Model], ids: set[Any]) -> list[Any]:
    """Only ids of the target's key type (a stray code in an id column must not break a page)."""
    pk = target._meta.pk
    if isinstance(pk, models.AutoField | models.BigAutoField | models.IntegerField):
        return [int(i) for i in ids if str(i).isdigit()]
    return [str(i) for i in ids]


def _name_of(row: models.Model) -> str:
    return str(getattr(row, "history_text", None) or row)


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return [item for part in value for item in _flatten(part)]
    return [value]


def _changes(event: AuditEvent, lookups: _Lookups) -> list[HistoryChange]:
    model = _model_of(event)
    result = []
    for key, value in (event.changes or {}).items():
        field = _field(model, key)
        if _is_hidden(model, key, field):
            continue
        label = _label(key, field)
        if isinstance(value, list) and len(value) == 2 and _is_pair(field, value):
            result.append(
                HistoryChange(
                    label=label,
                    before=_text(value[0], field, lookups),
                    value=_text(value[1], field, lookups),
                )
            )
        else:
            result.append(HistoryChange(label=label, value=_text(value, field, lookups)))
    return result


def _is_pair(field: models.Field | None, value: list[Any]) -> bool:
    """``[before, after]`` as ``versioned_update`` writes it, not a list-valued column."""
    return not isinstance(field, models.JSONField) and not any(
        isinstance(item, list | dict) for item in value
    )


def _label(key: str, field: models.Field | None) -> str:
    if field is not None:
        return str(capfirst(field.verbose_name))
    if key in EXTRA_LABELS:
        return str(capfirst(EXTRA_LABELS[key]))
    return str(capfirst(key.replace("_", " ")))


def _text(value: Any, field: models.Field | None, lookups: _Lookups) -> str:
    """One stored value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(_text(item, field, lookups) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v, None, lookups)}" for k, v in value.items()) or "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field is not None:
        return _field_text(value, field, lookups)
    return _plain_text(value)


def _field_text(value: Any, field: models.Field, lookups: _Lookups) -> str:
    if field.is_relation and field.related_model is not None:
        return lookups.name(field.related_model, value) or str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        return _datetime_text(value)
    if isinstance(field, models.DateField):
        parsed = _parse(parse_date, value)
        return formats.date_format(parsed, DATE_FORMAT) if parsed else str(value)
    return _plain_text(value)


def _datetime_text(value: Any) -> str:
    parsed = _parse(parse_datetime, value)
    if parsed is None:
        return str(value)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return formats.date_format(timezone.localtime(parsed), DATETIME_FORMAT)


def _plain_text(value: Any) -> str:
    """A value without a field: times and dates are recognised by shape, numbers localised."""
    if isinstance(value, int | float):
        return formats.localize(value, use_l10n=True)
    text = str(value)
    if len(text) >= 19 and "T" in text and _parse(parse_datetime, text) is not None:
        return _datetime_text(text)
    day = _parse(parse_date, text) if len(text) == 10 else None
    return formats.date_format(day, DATE_FORMAT) if day else text


def _parse(parser: Any, value: Any) -> Any:
    """``parser(value)`` for a string, None for anything else or an impossible date."""
    if not isinstance(value, str):
        return None
    try:
        return parser(value)
    except ValueError:
        return None
