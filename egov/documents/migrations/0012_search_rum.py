"""Newest-first search over a RUM index on PostgreSQL, where the ``rum`` extension is available
(Debian/Ubuntu: ``apt-get install postgresql-15-rum``; see the README's PostgreSQL notes).

A RUM index keeps ``created_at`` next to each document in the posting lists of its words, so a
search ordered by ``created_at <=| <a late moment>`` reads the newest matches first out of the
index and stops after a page, where the GIN index of migration 0004 makes PostgreSQL read and
sort every match (a common phrase: 4 % of the documents). RUM attaches the date to a table
column, not to an expression, so the folded words are stored in ``search_vector`` (generated
from ``search_text``; not a model field: the ORM never writes it). The RUM index answers every
match the GIN index answered, so the GIN index is dropped.

Without the extension (or without the right to create it: ``CREATE EXTENSION rum`` needs a
superuser) nothing changes: the GIN index stays and the search queries it as before
(``egov.documents.selectors.search`` looks for the RUM index). Other databases: nothing.
Building the column and the index rewrites the documents table under an exclusive lock.
"""

from django.db import DatabaseError, migrations, transaction

GIN_INDEX = "documents_document_search_gin"
RUM_INDEX = "documents_document_search_rum"
ADD_COLUMN = (
    "ALTER TABLE documents_document ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
)
CREATE_RUM = (
    f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON documents_document "
    "USING rum (search_vector rum_tsvector_addon_ops, created_at) "
    "WITH (attach = 'created_at', to = 'search_vector')"
)
CREATE_GIN = (
    f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON documents_document "
    "USING gin (to_tsvector('simple'::regconfig, search_text))"
)


def _rum_extension(connection) -> bool:
    """Whether ``rum`` is installed in this database or could be: installs it when available
    and permitted; False (and nothing changed) otherwise."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
        if cursor.fetchone():
            return True
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return False
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except DatabaseError:  # not a superuser: the GIN index stays
            return False
    return True


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or not _rum_extension(connection):
        return
    schema_editor.execute(ADD_COLUMN)
    schema_editor.execute(CREATE_RUM)
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_GIN)
    schema_editor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
    schema_editor.execute("ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("documents", "0011_document_signing_method")]
    operations = [migrations.RunPython(create, drop)]
