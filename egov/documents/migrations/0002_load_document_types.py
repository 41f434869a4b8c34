"""Load the document types and abbreviations of Decree 30/2020/NĐ-CP (Appendix III) shipped in
``egov/documents/data/document_types.json``. Idempotent: an existing code is left alone (an
administrator's correction wins); the reverse removes the shipped codes."""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "document_types.json"


def _types():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["types"]


def load(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    # Only the columns of this migration's state: later migrations add the data file's newer keys.
    columns = {f.name for f in DocumentType._meta.concrete_fields}
    for entry in _types():
        defaults = {key: value for key, value in entry.items() if key in columns}
        DocumentType.objects.get_or_create(code=entry["code"], defaults=defaults)


def unload(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code__in=[e["code"] for e in _types()]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_document_tables")]
    operations = [migrations.RunPython(load, unload)]
