"""Trigram indexes of the accent-insensitive search on PostgreSQL: GIN over ``search_text``
with ``gin_trgm_ops`` (pg_trgm), for reports and questions.

The searches (``egov.feedback.selectors``: the public lists, the answer search and suggestions,
the API and Open311) filter ``search_text LIKE '%word%'`` for each folded word; a trigram GIN
index serves exactly that query, so the query and its results stay the same on every database
and only PostgreSQL gets an index (a word shorter than three letters is still found, by a scan
of the rows the other words left). Like ``documents`` 0004, other databases get nothing here:
the extension operation itself does nothing outside PostgreSQL, and the indexes are raw SQL
rather than ``Meta.indexes`` because SQLite has no GIN.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = (
    ("feedback_report_search_trgm", "feedback_report"),
    ("feedback_question_search_trgm", "feedback_question"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0010_report_national_limits_supplement")]
    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
