"""Audit entries written without the chain lock and sealed into the chain after commit
(ADR 0030).

New columns: ``scheme`` (1 for every entry written before, whose hash covers its columns and
the previous hash; 2 from now on), ``nonce``, ``content_hash`` and ``content_seal`` (what a
scheme-2 entry carries from the moment it is written). ``sequence`` may be empty: the entry
waits to be sealed (a partial index finds those). No existing entry is rewritten.

The append-only triggers of 0003 are replaced: DELETE and TRUNCATE stay refused; an UPDATE is
allowed only to seal a pending entry, setting ``sequence``, ``prev_hash``, ``hash`` and ``seal``
once and nothing else (PostgreSQL compares the rest of the row; SQLite compares every other
column the table has when the trigger is made). ``egov.audit.maintenance`` is still the one way
past them. Production grant to the application role on PostgreSQL, in place of 0003's:

    REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM egov_app;
    GRANT UPDATE (sequence, prev_hash, hash, seal) ON audit_auditevent TO egov_app;

SQLite rebuilds the table for these changes, which drops its triggers: they are made after.
"""

from django.conf import settings
from django.db import migrations, models

SEAL_COLUMNS = ("sequence", "prev_hash", "hash", "seal")
TABLE = "audit_auditevent"

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_auditevent_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('egov.audit_maintenance', true) = 'on'
       AND pg_has_role(current_user,
                       (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD.sequence IS NULL AND NEW.sequence IS NOT NULL
           AND to_jsonb(NEW) - ARRAY['sequence', 'prev_hash', 'hash', 'seal']
               = to_jsonb(OLD) - ARRAY['sequence', 'prev_hash', 'hash', 'seal'] THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""
PG_TRIGGERS = [
    PG_FUNCTION,
    f"CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_change();",
    f"CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_refuse_change();",
]
PG_DROP = [
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON {TABLE};",
    f"DROP TRIGGER IF EXISTS audit_auditevent_append_only ON {TABLE};",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete;",
]
REFUSE = "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;"


def _sqlite_triggers(schema_editor) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, TABLE)]
    unchanged = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in columns if c not in SEAL_COLUMNS)
    sealing = f"OLD.sequence IS NULL AND NEW.sequence IS NOT NULL AND {unchanged}"
    return [
        f"CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON {TABLE} "
        f"WHEN NOT egov_audit_maintenance() AND NOT ({sealing}) {REFUSE}",
        f"CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON {TABLE} "
        f"WHEN NOT egov_audit_maintenance() {REFUSE}",
    ]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def triggers_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, PG_DROP if vendor == "postgresql" else SQLITE_DROP)


def triggers_create(apps, schema_editor):
    """The triggers of this migration; a later migration that rebuilds the table on SQLite
    calls this again."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_TRIGGERS)
    elif vendor == "sqlite":
        _run(schema_editor, _sqlite_triggers(schema_editor))
    else:
        raise NotImplementedError(f"No append-only trigger for {vendor}.")


def triggers_0003_create(apps, schema_editor):
    from importlib import import_module

    import_module("egov.audit.migrations.0003_append_only_triggers").triggers_create(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_append_only_triggers"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(triggers_drop, triggers_0003_create, elidable=False),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "ordering": [
                    models.OrderBy(models.F("sequence"), descending=True, nulls_first=True),
                    "-id",
                ],
                "verbose_name": "audit event",
                "verbose_name_plural": "audit events",
            },
        ),
        migrations.AddField(
            model_name="auditevent",
            name="content_hash",
            field=models.CharField(
                blank=True, default="", max_length=64, verbose_name="content hash"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="content_seal",
            field=models.CharField(
                blank=True, default="", max_length=64, verbose_name="content seal"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="nonce",
            field=models.UUIDField(blank=True, null=True, unique=True, verbose_name="nonce"),
        ),
        # Every entry written so far is scheme 1; new ones are scheme 2.
        migrations.AddField(
            model_name="auditevent",
            name="scheme",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="hash scheme"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="scheme",
            field=models.PositiveSmallIntegerField(
                db_default=2, default=2, verbose_name="hash scheme"
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="hash"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                blank=True, default="", max_length=64, verbose_name="previous hash"
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(
                blank=True, null=True, unique=True, verbose_name="sequence"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("sequence__isnull", True)),
                fields=["id"],
                name="audit_event_pending",
            ),
        ),
        migrations.RunPython(triggers_create, triggers_drop, elidable=False),
    ]
