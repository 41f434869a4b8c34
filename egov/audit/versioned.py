"""Versioned rows: the one way a row with a ``version`` column is locked, checked against the
version the actor saw, changed and audited.

Every app's state changes go through these three steps inside the caller's transaction:

1. :func:`row_lock` locks the row until the end of the transaction (like Saleor
   ``lock_objects.py``). SQLite ignores ``FOR UPDATE``; there the IMMEDIATE transaction mode
   serialises writers instead.
2. :func:`version_check` refuses with :class:`ConcurrentChange` when someone acted since the
   actor's page was drawn (optimistic check; ADR 0005: it runs before the permission check, so
   the loser of a race is told "someone else acted first", not "not allowed").
3. :func:`versioned_update` sets the fields, bumps ``version``, saves only those columns and
   appends ONE audit entry with the before/after diff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy

from egov.audit.services import event_record
from egov.common.exceptions import ConcurrentChange

M = TypeVar("M", bound=models.Model)

CHANGED_FIRST = gettext_lazy(
    "Someone else changed “%(item)s” first, so your action was not applied. "
    "Reload the page to see what changed."
)


def row_lock(queryset: models.QuerySet[M], pk: int, *, no_key: bool = False) -> M:
    """The row ``pk`` of ``queryset``, locked until the end of the transaction.

    Only the row's own table is locked (``of=("self",)``), never the rows the queryset joins
    with ``select_related``: locking the joined parent (a dossier's procedure, a document's
    type) would make every child of that parent wait for the others and deadlock with their
    foreign-key checks (found by the benchmark, bench/NOTES.md). ``no_key`` (FOR NO KEY
    UPDATE) still lets rows that point at the locked row (files, forms) be inserted meanwhile.
    """
    return queryset.select_for_update(of=("self",), no_key=no_key).get(pk=pk)


def version_check(
    row: models.Model,
    expected_version: int | None,
    *,
    item: str = "",
    message: str | None = None,
) -> None:
    """Refuse when ``row`` changed since the caller looked (``expected_version`` is the version
    the actor's page showed; ``None``: the caller did not look, e.g. a system job).

    The refusal names ``item`` (the row's label as people know it); ``message`` replaces the
    wording, with ``%(item)s`` for the label."""
    if expected_version is None or row.version == expected_version:  # type: ignore[attr-defined]
        return
    template = CHANGED_FIRST if message is None else message
    raise ConcurrentChange(str(template) % {"item": item or str(row)})


def versioned_update(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    row: M,
    action: str,
    fields: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
    unaudited: Mapping[str, Any] | None = None,
    also_save: Iterable[str] = (),
    before: Mapping[str, Any] | None = None,
    after: Callable[[M], Mapping[str, Any]] | None = None,
) -> M:
    """Set ``fields`` (audited) and ``unaudited`` (derived columns such as search text) on the
    locked ``row``, bump its version, save only those columns (and ``also_save``: columns the
    caller set itself, e.g. ``updated_at``), and record ``action`` with the diff plus
    ``changes``.

    The diff is that of ``fields``; or, when the change is wider than the row (a workflow
    instance and its steps), that of the ``before`` snapshot against ``after(row)`` taken once
    the row is saved. ``action`` is passed to the audit trail as it is."""
    fields = dict(fields or {})
    old = dict(before) if after is not None else {name: getattr(row, name) for name in fields}
    for name, value in {**fields, **(unaudited or {})}.items():
        setattr(row, name, value)
    row.version += 1  # type: ignore[attr-defined]
    row.save(update_fields=[*fields, *(unaudited or {}), *also_save, "version"])
    new = dict(after(row)) if after is not None else fields
    diff = {name: [old.get(name), value] for name, value in new.items() if old.get(name) != value}
    event_record(actor=actor, action=action, obj=row, changes={**diff, **(changes or {})})
    return row
