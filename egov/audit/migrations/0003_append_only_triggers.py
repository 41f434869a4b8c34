"""Triggers that refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) on the audit table.

The one way past them is ``egov.audit.maintenance.audit_maintenance`` (``egov flush`` and the
tests that play an attacker use it): on PostgreSQL the session setting
``egov.audit_maintenance = on`` *and* a role that owns the table; on SQLite the connection
function ``egov_audit_maintenance()`` that Django connections carry.

Production grants on PostgreSQL (ADR 0002): the tables belong to an owner role that runs the
migrations and nothing else; the application connects as another role:

    CREATE ROLE egov_owner LOGIN;           -- runs `egov migrate`, owns every table
    CREATE ROLE egov_app LOGIN;             -- DATABASE_URL of the app servers and workers
    GRANT USAGE ON SCHEMA public TO egov_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO egov_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO egov_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM egov_app;  -- INSERT and SELECT only
    ALTER DEFAULT PRIVILEGES FOR ROLE egov_owner IN SCHEMA public
        GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO egov_app;
    ALTER DEFAULT PRIVILEGES FOR ROLE egov_owner IN SCHEMA public
        GRANT USAGE, SELECT ON SEQUENCES TO egov_app;

A role that does not own the table can neither drop nor disable the trigger, and the
maintenance setting does not open it for such a role. (``audit_auditchainhead`` keeps UPDATE:
every entry moves the head.)

SQLite: Django rebuilds a SQLite table to alter it, which drops its triggers; a later
migration that alters ``audit_auditevent`` must create these triggers again
(``test_triggers_exist`` fails until it does).
"""

from django.db import migrations

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
    RAISE EXCEPTION 'audit entries are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""
PG_TRIGGERS = [
    PG_FUNCTION,
    "CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON audit_auditevent "
    "FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_change();",
    "CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON audit_auditevent "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_refuse_change();",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;",
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS audit_auditevent_refuse_change();",
]
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_auditevent_no_{op.lower()} BEFORE {op} ON audit_auditevent "
    "WHEN NOT egov_audit_maintenance() "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;"
    for op in ("UPDATE", "DELETE")
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete;",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def triggers_create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_TRIGGERS)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_TRIGGERS)
    else:
        raise NotImplementedError(f"No append-only trigger for {vendor}.")


def triggers_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, PG_DROP if vendor == "postgresql" else SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_seal_entries_with_a_key")]

    operations = [migrations.RunPython(triggers_create, triggers_drop, elidable=False)]
