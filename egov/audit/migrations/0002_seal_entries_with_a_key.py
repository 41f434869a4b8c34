"""Seal audit entries with a key the database does not hold (ADR 0002).

Adds ``key_id`` and ``seal`` (HMAC-SHA256 of the entry's hash under the key ``key_id`` names).

Existing entries are re-sealed here under the current key (``EGOV_AUDIT_KEY_ID``, or the
development key when none is configured: configure the production key before migrating). The
plain hash chain is walked first and only its intact prefix is sealed: the seal never certifies
an entry that already fails verification, whose first entry stays unsealed and is what
``egov audit verify`` names. Sealing rewrites every row once; on a large trail that is one
UPDATE per entry in batches of 2,000 (the append-only triggers come in 0003, after this).
"""

from django.db import migrations, models

BATCH = 2000


def entries_seal(apps, schema_editor):
    from egov.audit.keys import current_key
    from egov.audit.rules import GENESIS_HASH, entry_hash, entry_seal

    AuditEvent = apps.get_model("audit", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    key_id, key = current_key()
    table = schema_editor.connection.ops.quote_name(AuditEvent._meta.db_table)
    sql = f"UPDATE {table} SET key_id = %s, seal = %s WHERE id = %s"  # noqa: S608
    expected, prev_hash, batch = 1, GENESIS_HASH, []
    rows = AuditEvent.objects.order_by("sequence")
    with schema_editor.connection.cursor() as cursor:
        for event in rows.iterator(chunk_size=BATCH):
            recomputed = entry_hash(
                sequence=event.sequence,
                at=event.at,
                actor_id=event.actor_id,
                actor_repr=event.actor_repr,
                ip=event.ip,
                channel=event.channel,
                action=event.action,
                content_type=labels.get(event.content_type_id, ""),
                object_id=event.object_id,
                object_repr=event.object_repr,
                changes=event.changes,
                prev_hash=event.prev_hash,
            )
            if event.sequence != expected or event.prev_hash != prev_hash:
                break
            if recomputed != event.hash:
                break
            seal = entry_seal(key=key, key_id=key_id, digest=event.hash)
            batch.append((key_id, seal, event.pk))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
            expected, prev_hash = expected + 1, event.hash
        if batch:
            cursor.executemany(sql, batch)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(default="", max_length=32, verbose_name="key id"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seal",
            field=models.CharField(default="", max_length=64, verbose_name="seal"),
        ),
        migrations.RunPython(entries_seal, migrations.RunPython.noop, elidable=False),
    ]
