"""The roll-up registry: a roll-up is declared once; after migrate only the stale ones are
rebuilt; one whose tables are missing (a migrate back to an earlier state) is skipped."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from egov.common import rollups
from egov.common.rollups import Rollup, rollups_rebuild_stale, rollups_register


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(rollups, "_registry", {})
    return rollups._registry


def test_a_rollup_is_declared_once(registry):
    rebuilt: list[str] = []
    rollup = Rollup("app.Table", "app_rebuild", lambda: False, lambda: rebuilt.append("x"))

    rollups_register(rollup, rollup)

    assert list(registry) == ["app.Table"]
    with pytest.raises(ImproperlyConfigured):
        rollups_register(Rollup("app.Table", "other", lambda: True, lambda: None))


def test_only_stale_rollups_are_rebuilt_and_missing_tables_are_skipped(registry, db):
    rebuilt: list[str] = []

    def missing_table() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM no_such_rollup_table")
        return True

    rollups_register(
        Rollup("a.Behind", "a", lambda: True, lambda: rebuilt.append("a")),
        Rollup("b.Current", "b", lambda: False, lambda: rebuilt.append("b")),
        Rollup("c.Missing", "c", missing_table, lambda: rebuilt.append("c")),
    )

    assert rollups_rebuild_stale() == ["a.Behind"]
    assert rebuilt == ["a"]
    with connection.cursor() as cursor:  # the transaction is still usable (PostgreSQL)
        cursor.execute("SELECT 1")
