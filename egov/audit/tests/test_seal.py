"""Tamper-evidence against the database's own credentials (issue 14 §2, ADR 0002): keyed seals,
checkpoints exported outside the database, and the append-only triggers.

Each attack is played as someone holding the table owner's credentials (past the trigger, with
:func:`audit_maintenance`) but not the audit key nor the checkpoint volume.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from egov.audit import checks
from egov.audit.checkpoints import checkpoint_file
from egov.audit.choices import AuditAction
from egov.audit.keys import DEV_KEY_ID, dev_key
from egov.audit.maintenance import audit_maintenance
from egov.audit.models import AuditChainHead, AuditEvent
from egov.audit.rules import (
    GENESIS_HASH,
    entry_content_hash,
    entry_hash,
    entry_link_hash,
    entry_seal,
)
from egov.audit.selectors import audit_chain_verify
from egov.audit.services import (
    CheckpointRefused,
    audit_checkpoint_write,
    audit_seal_pending,
    event_record,
)

TABLE = AuditEvent._meta.db_table
HEAD = AuditChainHead._meta.db_table
KEY_A = "a" * 40
KEY_B = "b" * 40


@pytest.fixture
def checkpoint_dir(settings, tmp_path):
    settings.EGOV_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return settings.EGOV_AUDIT_CHECKPOINT_DIR


@pytest.fixture
def clock(monkeypatch):
    """``timezone.now`` that a test moves forward."""

    class Clock:
        moment = timezone.now() + datetime.timedelta(seconds=1)

        def advance(self, **delta: float) -> None:
            self.moment += datetime.timedelta(**delta)

    c = Clock()
    monkeypatch.setattr(timezone, "now", lambda: c.moment)
    return c


def _record(world, count: int, *, seal: bool = True) -> list[AuditEvent]:
    """``count`` new entries (after those the fixtures wrote), oldest first; sealed into the
    chain as the commit would seal them, unless ``seal`` is false."""
    ids = [
        event_record(
            actor=None, action=AuditAction.ADMIN_CHANGED, obj=world.dept, changes={"n": number}
        ).pk
        for number in range(count)
    ]
    if seal:
        audit_seal_pending()
    return list(AuditEvent.objects.filter(pk__in=ids).order_by("sequence", "id"))


def _legacy_record(world, count: int) -> list[AuditEvent]:
    """``count`` entries as ADR 0002 wrote them before ADR 0030 (scheme 1, chained at writing),
    continuing the head."""
    head, _ = AuditChainHead.objects.get_or_create(pk=1)
    ct = ContentType.objects.get_for_model(world.dept)
    events = []
    for number in range(count):
        fields = {
            "sequence": head.last_sequence + 1,
            "at": timezone.now(),
            "actor_id": None,
            "actor_repr": "",
            "ip": None,
            "channel": "system",
            "action": str(AuditAction.ADMIN_CHANGED),
            "object_id": str(world.dept.pk),
            "object_repr": str(world.dept),
            "changes": {"n": number},
            "prev_hash": head.last_hash,
        }
        digest = entry_hash(content_type=f"{ct.app_label}.{ct.model}", **fields)
        seal = entry_seal(key=dev_key(), key_id=DEV_KEY_ID, digest=digest)
        events.append(
            AuditEvent.objects.create(
                scheme=1,
                content_type=ct,
                hash=digest,
                key_id=DEV_KEY_ID,
                seal=seal,
                **fields,
            )
        )
        head.last_sequence, head.last_hash = fields["sequence"], digest
    head.save()
    return events


def _sql(sql: str, params: list | None = None) -> None:
    with audit_maintenance(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=TABLE, head=HEAD), params or [])


def _head_reset(sequence: int, digest: str) -> None:
    _sql("UPDATE {head} SET last_sequence = %s, last_hash = %s", [sequence, digest])


def _content_hash(event: AuditEvent) -> str:
    return entry_content_hash(
        nonce=str(event.nonce),
        at=event.at,
        actor_id=event.actor_id,
        actor_repr=event.actor_repr,
        ip=event.ip,
        channel=event.channel,
        action=event.action,
        content_type=f"{event.content_type.app_label}.{event.content_type.model}",
        object_id=event.object_id,
        object_repr=event.object_repr,
        changes=event.changes,
    )


def _rehash_from(sequence: int) -> None:
    """Edit nothing more, but recompute every hash from ``sequence`` on (content and link) and
    reset the head, as an attacker who knows the (public) hash functions would; the seals stay
    as they were."""
    prev = AuditEvent.objects.get(sequence=sequence - 1).hash if sequence > 1 else GENESIS_HASH
    for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"):
        content = _content_hash(event)
        digest = entry_link_hash(sequence=event.sequence, prev_hash=prev, content_hash=content)
        _sql(
            "UPDATE {table} SET prev_hash = %s, hash = %s, content_hash = %s WHERE id = %s",
            [prev, digest, content, event.pk],
        )
        prev = digest
    _head_reset(_last_sealed().sequence, prev)


def _last_sealed() -> AuditEvent:
    return AuditEvent.objects.filter(sequence__isnull=False).order_by("-sequence").first()


def test_entries_are_sealed_with_the_current_key(world, settings):
    settings.EGOV_AUDIT_KEYS = {"k2026": KEY_A}
    settings.EGOV_AUDIT_KEY_ID = "k2026"

    event = _record(world, 1)[0]

    assert event.key_id == "k2026"
    assert event.seal == entry_seal(key=KEY_A.encode(), key_id="k2026", digest=event.hash)
    assert audit_chain_verify().is_intact


def test_the_development_key_seals_when_none_is_configured(world):
    event = _record(world, 1)[0]

    assert event.key_id == DEV_KEY_ID
    assert event.seal == entry_seal(key=dev_key(), key_id=DEV_KEY_ID, digest=event.hash)


def test_keys_rotate_and_old_entries_need_their_key(world, settings, tmp_path):
    before = AuditEvent.objects.count()
    settings.EGOV_AUDIT_KEYS = {"k1": KEY_A}
    first = _record(world, 2)[0]
    key_file = tmp_path / "audit.keys"
    key_file.write_text(f"# rotated\nk2 = {KEY_B}\n", encoding="utf-8")
    settings.EGOV_AUDIT_KEY_FILE = str(key_file)
    settings.EGOV_AUDIT_KEY_ID = "k2"
    _record(world, 2)

    report = audit_chain_verify()
    assert report.is_intact
    assert report.by_key == {"k1": 2, "k2": 2, **({DEV_KEY_ID: before} if before else {})}

    settings.EGOV_AUDIT_KEYS = {}
    report = audit_chain_verify()
    assert (report.first_bad_sequence, report.problem) == (first.sequence, "unknown key")


def test_edit_and_rehash_every_later_entry_is_caught_by_the_seal(world, checkpoint_dir):
    target = _record(world, 5)[2]
    _sql("UPDATE {table} SET object_repr = %s WHERE id = %s", ["forged", target.pk])
    _rehash_from(target.sequence)

    report = audit_chain_verify()

    assert (report.first_bad_sequence, report.problem) == (target.sequence, "seal")
    with pytest.raises(CommandError, match=f"#{target.sequence} \\(seal\\)"):
        call_command("audit", "verify")


def test_edit_and_rehash_with_the_seal_of_another_entry_is_caught(world):
    events = _record(world, 4)
    _sql(
        "UPDATE {table} SET changes = %s, seal = %s WHERE id = %s",
        ['{"n": 9}', events[3].seal, events[1].pk],
    )
    _rehash_from(events[1].sequence)

    assert audit_chain_verify().first_bad_sequence == events[1].sequence


def test_deleting_the_tail_and_resetting_the_head_is_caught_by_the_checkpoint(
    world, checkpoint_dir
):
    events = _record(world, 5)
    audit_checkpoint_write()
    _sql("DELETE FROM {table} WHERE sequence >= %s", [events[3].sequence])
    _head_reset(events[2].sequence, events[2].hash)

    report = audit_chain_verify()

    assert (report.first_bad_sequence, report.problem) == (events[3].sequence, "missing")
    assert f"#{events[4].sequence}" in report.detail


def test_without_checkpoints_a_reset_tail_goes_unseen(world, checkpoint_dir):
    """Why checkpoints exist: the chain left is consistent and sealed."""
    events = _record(world, 5)
    _sql("DELETE FROM {table} WHERE sequence >= %s", [events[3].sequence])
    _head_reset(events[2].sequence, events[2].hash)

    assert audit_chain_verify().is_intact


def test_truncating_and_resetting_is_caught_by_the_checkpoint(world, checkpoint_dir):
    _record(world, 3)
    audit_checkpoint_write()
    if connection.vendor == "postgresql":
        _sql("SET CONSTRAINTS ALL IMMEDIATE")  # the test's inserts are in the same transaction
        _sql("TRUNCATE {table}")
    else:
        _sql("DELETE FROM {table}")
    _head_reset(0, GENESIS_HASH)

    report = audit_chain_verify()

    assert (report.first_bad_sequence, report.problem) == (1, "missing")
    with pytest.raises(CommandError, match="#1 \\(missing\\)"):
        call_command("audit", "verify")


def test_a_reset_chain_refilled_by_the_app_is_caught(world, checkpoint_dir, clock):
    _record(world, 3)
    clock.advance(minutes=1)
    audit_checkpoint_write()
    _sql("DELETE FROM {table}")
    _head_reset(0, GENESIS_HASH)
    clock.advance(minutes=10)
    _record(world, 5)  # the app goes on writing, sealing properly, past the old sequence

    report = audit_chain_verify()

    assert (report.first_bad_sequence, report.problem) == (1, "replaced")


def test_checkpoints_of_an_intact_chain_verify(world, checkpoint_dir, clock):
    first = _record(world, 2)[0]
    clock.advance(seconds=1)
    audit_checkpoint_write()
    _record(world, 2)
    clock.advance(seconds=1)
    audit_checkpoint_write()
    _record(world, 1)

    report = audit_chain_verify()

    assert report.is_intact, report
    assert report.checkpoints == 2
    lines = checkpoint_file().read_text().splitlines()
    assert [json.loads(line)["sequence"] for line in lines] == [
        first.sequence + 1,
        first.sequence + 3,
    ]


def test_postdated_entries_are_no_alarm_while_the_checkpoints_match(world, checkpoint_dir, clock):
    """The demo data stamps entries on days to come; only a failing checkpoint makes a late
    stamp evidence."""
    clock.advance(days=2)
    _record(world, 2)
    clock.advance(days=-2)
    audit_checkpoint_write()

    assert audit_chain_verify().is_intact


def test_a_forged_checkpoint_is_reported(world, checkpoint_dir):
    _record(world, 2)
    audit_checkpoint_write()
    record = json.loads(checkpoint_file().read_text())
    record["sequence"] -= 1
    checkpoint_file().write_text(json.dumps(record) + "\n")

    report = audit_chain_verify()

    assert not report.is_intact
    assert report.problem == "checkpoint"
    assert "MAC" in report.detail


def test_an_unreadable_checkpoint_file_is_reported_not_a_crash(world, checkpoint_dir):
    _record(world, 1)
    audit_checkpoint_write()
    with checkpoint_file().open("a") as handle:
        handle.write("not json\n")

    report = audit_chain_verify()
    assert (report.problem, report.first_bad_sequence) == ("checkpoint", None)
    assert "line 2" in report.detail
    with pytest.raises(CommandError, match="line 2"):
        call_command("audit", "checkpoint")
    with pytest.raises(CommandError, match="checkpoints cannot be trusted"):
        call_command("audit", "verify")


def test_a_checkpoint_is_refused_for_a_head_whose_seal_fails(world, checkpoint_dir):
    last = _record(world, 2)[1]
    _sql("UPDATE {table} SET object_repr = %s WHERE id = %s", ["forged", last.pk])
    _rehash_from(last.sequence)

    with pytest.raises(CheckpointRefused, match=f"#{last.sequence}"):
        audit_checkpoint_write()
    assert not checkpoint_file().exists()


def test_a_checkpoint_is_refused_when_the_chain_went_back(world, checkpoint_dir):
    events = _record(world, 3)
    audit_checkpoint_write()
    _sql("DELETE FROM {table} WHERE id = %s", [events[2].pk])
    _head_reset(events[1].sequence, events[1].hash)

    with pytest.raises(CommandError, match=f"previous checkpoint recorded #{events[2].sequence}"):
        call_command("audit", "checkpoint")


def test_checkpoint_command_appends_and_verify_compares(world, checkpoint_dir, capsys):
    last = _record(world, 2)[1]

    call_command("audit", "checkpoint")
    call_command("audit", "checkpoint", "--enqueue")  # the immediate backend runs it in tests
    call_command("audit", "verify")

    out = capsys.readouterr().out
    assert f"Checkpoint of entry #{last.sequence} appended" in out
    assert f"{last.sequence} entries verified (by key dev: {last.sequence}), 2 checkpoints" in out
    assert len(checkpoint_file().read_text().splitlines()) == 2


def _refused(sql: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql.format(table=TABLE))


def test_the_trigger_refuses_update_and_delete(world):
    _record(world, 2)
    count = AuditEvent.objects.count()

    _refused("UPDATE {table} SET object_repr = 'x'")
    _refused("DELETE FROM {table}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # inserts of this same transaction
        _refused("TRUNCATE {table}")
    assert AuditEvent.objects.count() == count


def test_triggers_exist(db):
    """A later migration that rebuilds the table on SQLite drops them: it must recreate them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        names = {row[0] for row in cursor.fetchall()}
    expected = (
        {"audit_auditevent_append_only", "audit_auditevent_no_truncate"}
        if connection.vendor == "postgresql"
        else {"audit_auditevent_no_update", "audit_auditevent_no_delete"}
    )
    assert names == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's")
def test_a_role_that_does_not_own_the_table_cannot_use_the_maintenance_setting(world):
    _record(world, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
        )
        if not cursor.fetchone()[0]:
            pytest.skip("needs a role that may create roles")
        cursor.execute("CREATE ROLE egov_audit_test_app NOLOGIN")  # rolled back with the test
        cursor.execute(f"GRANT SELECT, UPDATE, DELETE ON {TABLE} TO egov_audit_test_app")
        cursor.execute("SET LOCAL ROLE egov_audit_test_app")
        cursor.execute("SET LOCAL egov.audit_maintenance = on")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        cursor.execute("RESET ROLE")
    assert AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_table_and_the_trigger_holds_after(world):
    _record(world, 2)

    call_command("flush", interactive=False, verbosity=0)

    assert AuditEvent.objects.count() == 0
    event_record(actor=None, action=AuditAction.ADMIN_CREATED)
    _refused("DELETE FROM {table}")


def test_deploy_check_warns_about_the_development_key(settings, tmp_path):
    settings.EGOV_AUDIT_CHECKPOINT_DIR = tmp_path
    assert [w.id for w in checks.audit_deploy_check()] == ["egov.audit.W001"]

    settings.EGOV_AUDIT_KEYS = {"k1": KEY_A}
    assert checks.audit_deploy_check() == []
    assert checks.audit_keys_check() == []

    settings.EGOV_AUDIT_CHECKPOINT_DIR = settings.BASE_DIR / "var" / "audit-checkpoints"
    assert [w.id for w in checks.audit_deploy_check()] == ["egov.audit.W002"]


def test_keys_check_refuses_short_keys_and_an_unknown_current_id(settings):
    settings.EGOV_AUDIT_KEYS = {"k1": "short"}
    assert [e.id for e in checks.audit_keys_check()] == ["egov.audit.E003"]

    settings.EGOV_AUDIT_KEYS = {"k1": KEY_A}
    settings.EGOV_AUDIT_KEY_ID = "k9"
    assert [e.id for e in checks.audit_keys_check()] == ["egov.audit.E001"]


def test_the_migration_seals_only_the_intact_prefix_of_existing_entries(world):
    """Migration 0002 on a trail written before seals: the entries up to the first one that
    fails the plain hash chain are sealed under the current key, that one and the rest not."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps

    migration = import_module("egov.audit.migrations.0002_seal_entries_with_a_key")
    _sql("DELETE FROM {table}")
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"last_sequence": 0, "last_hash": GENESIS_HASH}
    )
    events = _legacy_record(world, 4)
    _sql("UPDATE {table} SET key_id = '', seal = ''")
    _sql("UPDATE {table} SET object_repr = %s WHERE id = %s", ["forged", events[2].pk])

    with audit_maintenance():  # the migration runs before 0003 creates the triggers
        migration.entries_seal(apps, SimpleNamespace(connection=connection))

    sealed = dict(AuditEvent.objects.values_list("sequence", "seal"))
    assert all(sealed[e.sequence] for e in events[:2])
    assert not any(sealed[e.sequence] for e in events[2:])
    assert sealed[events[1].sequence] == events[1].seal  # same key, same hash: same seal
    report = audit_chain_verify()
    assert (report.first_bad_sequence, report.problem) == (events[2].sequence, "altered")
