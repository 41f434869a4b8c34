"""The registry of roll-up tables (derived rows an app keeps beside its raw rows so its figures
and pages read a few rows instead of millions: the survey answers' ``AnswerFigure``, the
petitions' ``PetitionFigure``...). Each app writes its roll-up in the same transaction as the raw
row and has a command that recomputes it from the raw rows.

What the live writes cannot do is fill a roll-up for rows that existed before it (a table added
by a migration on a database in use) or re-key rows after a migration changes what a roll-up
row means. So each app declares here how to tell that its roll-up is behind its raw rows
(``is_stale``: a few counts, cheap) and how to rebuild it; after every ``migrate`` the stale
ones are rebuilt (:func:`rollups_rebuild_stale`, connected to ``post_migrate`` in
``CommonConfig``), so an upgraded database needs no manual step. The same check runs after a
test database is flushed: on empty tables it costs a few counts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rollup:
    """One roll-up: ``name`` is ``"<app>.<table>"``; ``command`` the management command that
    rebuilds it by hand (named in the log line)."""

    name: str
    command: str
    is_stale: Callable[[], bool]
    rebuild: Callable[[], object]


_registry: dict[str, Rollup] = {}


def rollups_register(*rollups: Rollup) -> None:
    """Declare roll-ups (from ``AppConfig.ready()``); the same one again is a no-op."""
    for rollup in rollups:
        known = _registry.get(rollup.name)
        if known is not None and known != rollup:
            raise ImproperlyConfigured(f"roll-up {rollup.name!r} registered twice")
        _registry[rollup.name] = rollup


def rollups_registered() -> dict[str, Rollup]:
    return dict(_registry)


def rollups_rebuild_stale() -> list[str]:
    """Rebuild every registered roll-up that is behind its raw rows; answer their names."""
    rebuilt = []
    for rollup in _registry.values():
        try:
            with transaction.atomic():
                stale = rollup.is_stale()
        except DatabaseError:  # its tables are not there (a migrate to an earlier state)
            logger.info("Roll-up %s not checked: its tables are missing.", rollup.name)
            continue
        if stale:
            logger.warning(
                "Roll-up %s is behind its rows: rebuilding it (as `egov %s` does).",
                rollup.name,
                rollup.command,
            )
            rollup.rebuild()
            rebuilt.append(rollup.name)
    return rebuilt


def rollups_after_migrate(*, using: str, **kwargs: object) -> None:
    """``post_migrate`` receiver (sent once every app's migrations have run, and after a
    ``flush``): rebuild the stale roll-ups of the default database."""
    if using == DEFAULT_DB_ALIAS:
        rollups_rebuild_stale()
