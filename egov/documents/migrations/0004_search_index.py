"""Full-text index of documents on PostgreSQL: GIN over ``to_tsvector('simple', search_text)``.

``search_text`` is already folded (no accents, lower case), so the 'simple' configuration
(no stemming, no stop words) is right for Vietnamese. The search query uses exactly this
expression (``egov.documents.selectors.search``), so the planner can use the index. Other
databases search with LIKE and get no index here.
"""

from django.db import migrations

INDEX = "documents_document_search_gin"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON documents_document "
    "USING gin (to_tsvector('simple'::regconfig, search_text))"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_signer_key")]
    operations = [migrations.RunPython(create, drop)]
