"""The one way past the append-only triggers of the audit table (migration 0003).

PostgreSQL: the trigger lets UPDATE, DELETE and TRUNCATE through only when the session has set
``egov.audit_maintenance = on`` *and* the current role is (a member of) the table's owner. In
production the application connects as a role that does not own the table, so the setting does
nothing for it; only the owner role, which could drop the trigger anyway, can use it.
SQLite: the trigger asks ``egov_audit_maintenance()``, a function this module registers on every
connection Django opens (:func:`sqlite_function_register`); another client has no such function,
so its UPDATE or DELETE fails too. Whoever can write the file can drop a SQLite trigger: there
it guards against mistakes, the seals and checkpoints guard against tampering.

Used by ``egov flush`` (which empties every table, the test suite's TransactionTestCase
teardown among others) and by tests that play an attacker holding the owner's credentials.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

SETTING = "egov.audit_maintenance"
_FLAG = "egov_audit_maintenance"


def sqlite_function_register(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: give SQLite connections the trigger's function."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        "egov_audit_maintenance", 0, lambda: 1 if getattr(connection, _FLAG, False) else 0
    )


@contextmanager
def audit_maintenance(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Within the block, this connection may change or remove audit entries (see above)."""
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [SETTING])
        try:
            yield
        finally:
            _setting_reset(connection)
        return
    setattr(connection, _FLAG, True)
    try:
        yield
    finally:
        setattr(connection, _FLAG, False)


def _setting_reset(connection: Any) -> None:
    """Turn the session setting off again; if the session cannot run it (an aborted
    transaction), close the connection, which forgets the setting with the session."""
    if connection.connection is None:
        return
    try:
        if connection.needs_rollback:
            raise DatabaseError("transaction marked for rollback")
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', false)", [SETTING])
    except DatabaseError:
        if connection.in_atomic_block:
            # Set inside this transaction: its rollback undoes the setting.
            return
        connection.close()
