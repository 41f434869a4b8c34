"""The hash chain: appends chain correctly, and `audit verify` catches altered and deleted rows."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from egov.audit.choices import AuditAction
from egov.audit.maintenance import audit_maintenance
from egov.audit.models import AuditEvent
from egov.audit.selectors import audit_chain_verify, history_for_object
from egov.audit.services import audit_seal_pending, event_record, event_record_bulk_read


def _three_events(world):
    event_record(
        actor=None, action=AuditAction.ADMIN_CREATED, obj=world.dept, changes={"a": [1, 2]}
    )
    event_record(
        actor=None, action=AuditAction.ADMIN_CHANGED, obj=world.dept, changes={"b": ["x", "y"]}
    )
    event_record(actor=None, action=AuditAction.ADMIN_DELETED, obj=world.city)
    audit_seal_pending()  # what the commit would do (the test's transaction never commits)


def _raw(sql: str, params: list) -> None:
    """Tamper as someone holding the table owner's credentials would (past the trigger)."""
    table = AuditEvent._meta.db_table
    with audit_maintenance(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=table), params)


def test_entries_chain_to_their_predecessor(world):
    _three_events(world)

    events = list(AuditEvent.objects.order_by("sequence"))

    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    assert audit_chain_verify().is_intact


def test_verify_reports_an_altered_row(world):
    _three_events(world)
    target = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGED)

    _raw("UPDATE {table} SET object_repr = %s WHERE id = %s", ["forged", target.pk])
    report = audit_chain_verify()

    assert report.first_bad_sequence == target.sequence
    assert report.problem == "altered"


def test_verify_reports_an_altered_change_payload(world):
    _three_events(world)
    target = AuditEvent.objects.get(action=AuditAction.ADMIN_CREATED)

    _raw("UPDATE {table} SET changes = %s WHERE id = %s", ['{"a": [1, 3]}', target.pk])

    assert audit_chain_verify().first_bad_sequence == target.sequence


def test_verify_reports_a_deleted_row(world):
    _three_events(world)
    target = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGED)

    _raw("DELETE FROM {table} WHERE id = %s", [target.pk])
    report = audit_chain_verify()

    assert report.first_bad_sequence == target.sequence
    assert report.problem == "missing"


def test_verify_reports_a_deleted_last_row(world):
    _three_events(world)
    last = AuditEvent.objects.order_by("-sequence").first()

    _raw("DELETE FROM {table} WHERE id = %s", [last.pk])

    assert audit_chain_verify().first_bad_sequence == last.sequence


def test_audit_verify_command(world, capsys):
    _three_events(world)
    call_command("audit", "verify")
    assert "Audit chain intact" in capsys.readouterr().out

    _raw("DELETE FROM {table} WHERE sequence = %s", [2])
    with pytest.raises(CommandError, match="#2"):
        call_command("audit", "verify")


def test_orm_cannot_change_or_remove_entries(world):
    _three_events(world)

    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(action=AuditAction.ADMIN_CREATED).update(action="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.first().delete()


def test_history_for_object_is_newest_first(world):
    _three_events(world)

    history = history_for_object(world.dept)

    assert [e.action for e in history[:2]] == [AuditAction.ADMIN_CHANGED, AuditAction.ADMIN_CREATED]
    assert len(history) == AuditEvent.objects.for_object(world.dept).count()
    assert len(history) < AuditEvent.objects.count()


def test_bulk_read_of_personal_data_is_recorded(world, clerk):
    from egov.accounts.models import User

    event = event_record_bulk_read(actor=clerk, model=User, count=42, purpose="export")

    assert event.action == "personal_data.read_bulk"
    assert event.changes == {"model": "accounts.User", "count": 42, "purpose": "export"}
    assert event.actor == clerk
