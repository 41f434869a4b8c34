"""Entries written without the chain lock and sealed after commit (ADR 0030, issue 24 §1):
one INSERT in the caller's transaction, sealing in commit order without waiting, the trigger
letting only the sealing through, and the attacks on entries that wait to be sealed."""

from __future__ import annotations

import datetime
import threading
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from egov.audit import checks
from egov.audit.choices import AuditAction
from egov.audit.context import SealAfterResponse, seal_after_response
from egov.audit.keys import DEV_KEY_ID, dev_key
from egov.audit.maintenance import audit_maintenance
from egov.audit.models import AuditChainHead, AuditEvent
from egov.audit.rules import entry_content_seal, entry_link_hash
from egov.audit.selectors import audit_chain_verify
from egov.audit.services import (
    audit_seal_on_commit,
    audit_seal_pending,
    event_record,
    seal_after_response_begin,
    seal_after_response_run,
)

TABLE = AuditEvent._meta.db_table


def _write(world, number: int = 0) -> AuditEvent:
    return event_record(
        actor=None, action=AuditAction.ADMIN_CHANGED, obj=world.dept, changes={"n": number}
    )


def _sql(sql: str, params: list | None = None) -> None:
    with audit_maintenance(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=TABLE), params or [])


def test_writing_an_entry_is_one_insert_and_takes_no_lock(world):
    _write(world)  # the content type is cached after the first entry
    with CaptureQueriesContext(connection) as queries:
        event = _write(world, 1)

    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["INSERT"]
    assert event.sequence is None and event.is_pending
    assert event.content_seal == entry_content_seal(
        key=dev_key(), key_id=DEV_KEY_ID, content_hash=event.content_hash
    )


def _sealing_runs() -> int:
    return sum(func is audit_seal_on_commit for _s, func, _r in connection.run_on_commit)


def test_the_commit_seals_the_entries_once_in_order(world):
    with transaction.atomic():
        first, second = _write(world, 1), _write(world, 2)

    # One sealing run per transaction (the test's own), however many entries it wrote.
    assert _sealing_runs() == 1
    assert first.sequence is None
    audit_seal_pending()  # what that run does at the commit
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.sequence == first.sequence + 1
    assert second.prev_hash == first.hash
    assert second.hash == entry_link_hash(
        sequence=second.sequence, prev_hash=first.hash, content_hash=second.content_hash
    )
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_hash) == (second.sequence, second.hash)
    assert not AuditEvent.objects.filter(sequence__isnull=True).exists()
    assert audit_chain_verify().is_intact


def test_during_a_request_the_commit_leaves_the_sealing_until_the_answer_is_sent(world):
    # Given a request being answered (the audit middleware opened its promise)
    seal_after_response_begin(SealAfterResponse())
    try:
        # When its change commits
        event = _write(world)
        audit_seal_on_commit()  # what its commit runs (the test's transaction never commits)
        # Then the entry waits, committed, while the answer is written
        event.refresh_from_db()
        assert event.sequence is None
        # and is sealed once the server has sent it (request_finished)
        seal_after_response_run()
    finally:
        seal_after_response.set(None)

    event.refresh_from_db()
    assert event.sequence is not None
    assert seal_after_response.get() is None
    assert audit_chain_verify().is_intact


def test_on_a_connection_shared_between_threads_the_commit_seals_at_once(world):
    # Given a request answered by Django's live test server, whose thread shares the test's
    # connection (SQLite): the client's thread uses it again as soon as the answer is out
    seal_after_response_begin(SealAfterResponse())
    connection.inc_thread_sharing()
    try:
        # When its change commits
        event = _write(world)
        audit_seal_on_commit()
        # Then the entry is sealed before the answer, as outside a request
        event.refresh_from_db()
        assert event.sequence is not None
    finally:
        connection.dec_thread_sharing()
        seal_after_response.set(None)
    assert audit_chain_verify().is_intact


def test_a_promise_left_unkept_is_kept_by_the_next_request(world):
    seal_after_response_begin(SealAfterResponse())
    event = _write(world)
    audit_seal_on_commit()
    try:
        seal_after_response_begin(SealAfterResponse())  # no request_finished came between
    finally:
        seal_after_response.set(None)

    event.refresh_from_db()
    assert event.sequence is not None


def test_the_run_after_the_answer_is_connected_to_request_finished():
    from django.core.signals import request_finished

    assert any(
        receiver() is seal_after_response_run
        for _key, receiver, *_rest in request_finished.receivers
    )


def test_a_rolled_back_change_leaves_no_entry_and_no_sealing_run(
    world, django_capture_on_commit_callbacks
):
    count = AuditEvent.objects.count()
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _write(world)
        raise RuntimeError("the caller fails")

    assert AuditEvent.objects.count() == count
    assert callbacks == []


def test_pending_entries_verify_and_are_counted(world):
    _write(world)

    report = audit_chain_verify()

    assert report.is_intact
    assert report.pending == AuditEvent.objects.filter(sequence__isnull=True).count() >= 1
    assert report.oldest_pending_at is not None


def test_an_edited_pending_entry_is_caught_by_its_content_seal(world):
    event = _write(world)
    audit_seal_pending()
    target = _write(world, 2)
    _sql("UPDATE {table} SET object_repr = %s WHERE id = %s", ["forged", target.pk])

    report = audit_chain_verify()

    assert (report.problem, report.first_bad_id) == ("content seal", target.pk)
    assert report.first_bad_sequence is None
    assert event.pk != target.pk
    with pytest.raises(CommandError, match=f"id {target.pk} \\(content seal\\)"):
        call_command("audit", "verify")


def test_a_forged_entry_is_caught_by_its_content_seal(world):
    forged = AuditEvent.objects.create(
        at=timezone.now(),
        action=str(AuditAction.ADMIN_DELETED),
        object_repr="forged",
        key_id=DEV_KEY_ID,
        content_hash="0" * 64,
        content_seal="1" * 64,
    )

    report = audit_chain_verify()

    assert (report.problem, report.first_bad_id) == ("content seal", forged.pk)


COPIED = (
    "at, actor_id, actor_repr, ip, channel, action, content_type_id, object_id, object_repr, "
    "changes, key_id, seal, prev_hash, hash, content_hash, content_seal, scheme"
)


def _copy(event: AuditEvent, nonce: str | None = None) -> None:
    """Insert a copy of ``event`` (INSERT needs no way past the trigger), with its own nonce
    unless another is given."""
    value = "%s" if nonce else "nonce"
    sql = (
        f"INSERT INTO {TABLE} ({COPIED}, nonce) SELECT {COPIED}, {value} FROM {TABLE} WHERE id = %s"  # noqa: S608
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [nonce, event.pk] if nonce else [event.pk])


def test_a_copied_entry_is_refused_or_caught(world):
    original = _write(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        _copy(original)
    # With another nonce the content hash no longer matches the copy's content seal.
    other = uuid.uuid4()
    _copy(original, other.hex if connection.vendor == "sqlite" else str(other))

    report = audit_chain_verify()

    assert report.problem == "content seal"
    assert report.first_bad_id == AuditEvent.objects.order_by("-id").first().pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the constraint is PostgreSQL's")
def test_a_copy_past_a_dropped_unique_constraint_is_caught_by_its_nonce(world):
    """Whoever can drop the constraint can replay an entry with its own nonce and seal."""
    original = _write(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'u' "
            "AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = %s::regclass "
            "AND attname = 'nonce')]::smallint[]",
            [TABLE, TABLE],
        )
        (name,) = cursor.fetchone()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts
        cursor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')  # rolled back after
    _copy(original)

    report = audit_chain_verify()

    assert report.problem == "duplicate"
    assert report.first_bad_id == AuditEvent.objects.order_by("-id").first().pk


def _refused(sql: str, params: list) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql.format(table=TABLE), params)


def test_the_trigger_lets_only_the_sealing_of_a_pending_entry_through(world):
    pending = _write(world)
    _refused("UPDATE {table} SET object_repr = 'x' WHERE id = %s", [pending.pk])
    _refused("UPDATE {table} SET sequence = 999999, object_repr = 'x' WHERE id = %s", [pending.pk])
    _refused("UPDATE {table} SET hash = 'x' WHERE id = %s", [pending.pk])  # no sequence given

    audit_seal_pending()  # sets exactly the sealing columns: allowed
    pending.refresh_from_db()
    assert pending.sequence is not None

    _refused("UPDATE {table} SET seal = 'x' WHERE id = %s", [pending.pk])  # sealed once only
    _refused("UPDATE {table} SET sequence = NULL WHERE id = %s", [pending.pk])


def test_the_seal_command_and_the_deploy_check(world, settings, capsys):
    event = _write(world)
    _sql(
        "UPDATE {table} SET at = %s WHERE id = %s",
        [timezone.now() - datetime.timedelta(minutes=10), event.pk],
    )
    _sql("UPDATE {table} SET content_hash = '', content_seal = '' WHERE id = %s", [event.pk])
    settings.EGOV_AUDIT_SEAL_MAX_AGE = 120

    assert checks.audit_pending_check() == []  # needs --database
    assert [w.id for w in checks.audit_pending_check(databases=["default"])] == ["egov.audit.W003"]

    call_command("audit", "seal")

    assert "Sealed" in capsys.readouterr().out
    assert checks.audit_pending_check(databases=["default"]) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_a_writer_never_waits_for_a_sealer_that_holds_the_head(world):
    audit_seal_pending()
    locked, release = threading.Event(), threading.Event()

    def sealer_holding_the_head() -> None:
        try:
            with transaction.atomic():
                AuditChainHead.objects.select_for_update().get(pk=1)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=sealer_holding_the_head)
    thread.start()
    assert locked.wait(10)
    try:
        started = timezone.now()
        event = _write(world)  # autocommit: committed, then the sealing run finds the head held
        waited = timezone.now() - started
        event.refresh_from_db()
        assert event.sequence is None
        assert waited < datetime.timedelta(seconds=5)
    finally:
        release.set()
        thread.join(10)

    assert audit_seal_pending() == 1
    event.refresh_from_db()
    assert event.sequence is not None
    assert audit_chain_verify().is_intact
