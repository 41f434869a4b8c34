"""The declared audit actions: the one list of what an audit entry may say happened.

Each app declares its actions as an ``AuditAction(models.TextChoices)`` in its ``choices.py``
(stable English codes, ``"<app>.<entity>_<verb>"`` for new ones; translated labels, which the
object history shows) and registers them in its ``AppConfig.ready()`` with
:func:`actions_register`. :func:`egov.audit.services.event_record` refuses a code that no app
declared, in every environment: a mistyped code would still chain correctly but would mean
nothing to the people who read the trail.

Stored entries are hash-chained and are never rewritten, so an app that renames a code passes
the old one in ``legacy``; the history then labels old entries with the new code's label.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured
from django.db import models

_labels: dict[str, models.TextChoices] = {}
_legacy: dict[str, str] = {}


class UndeclaredAuditAction(LookupError):
    """``event_record`` was given a code no app declared: a programming error, never shown."""


def actions_register(
    actions: type[models.TextChoices], *, legacy: Mapping[str, str] | None = None
) -> None:
    """Declare an app's actions (and the old codes they replace). Called from ``ready()``.

    Registering the same member twice is harmless; two apps declaring one code is refused.
    """
    for member in actions:
        known = _labels.get(member.value)
        if known is not None and known is not member:
            raise ImproperlyConfigured(
                f"Audit action {member.value!r} is declared by {type(known).__module__} "
                f"and {actions.__module__}."
            )
        _labels[member.value] = member
    for old, new in (legacy or {}).items():
        if new not in _labels:
            raise ImproperlyConfigured(f"Legacy audit action {old!r} maps to undeclared {new!r}.")
        _legacy[old] = str(new)


def action_check(code: str) -> None:
    """Raise :class:`UndeclaredAuditAction` unless ``code`` is declared (legacy codes are not:
    new entries use the current code)."""
    if code not in _labels:
        raise UndeclaredAuditAction(
            f"Audit action {code!r} is not declared; add it to the app's AuditAction."
        )


def action_label(code: str) -> str:
    """What the history shows for ``code``: the declared label, the label of the code that
    replaced a legacy one, or the code itself for an entry no app declares any more."""
    member = _labels.get(_legacy.get(code, code))
    return str(member.label) if member is not None else code


def actions_declared() -> frozenset[str]:
    """Every declared code (for tests and tools)."""
    return frozenset(_labels)
