"""The Decree 30/2020 art. 7 number of each shipped document type (the code edXML packages
carry in DocumentType/Type), from ``egov/documents/data/document_types.json``; a type whose
number an administrator already set, or that another type holds, is left alone. And the
address mismatch an electronic sender's package may carry, kept on the incoming document."""

import json
from pathlib import Path

from django.db import migrations, models

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "document_types.json"


def _numbers():
    types = json.loads(DATA_FILE.read_text(encoding="utf-8"))["types"]
    return {entry["code"]: entry["decree_number"] for entry in types}


def load(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    taken = set(
        DocumentType.objects.exclude(decree_number=None).values_list("decree_number", flat=True)
    )
    for code, number in _numbers().items():
        if number not in taken:
            DocumentType.objects.filter(code=code, decree_number=None).update(decree_number=number)


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_created_order_index")]

    operations = [
        migrations.AddField(
            model_name="documenttype",
            name="decree_number",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text=(
                    "The type's place in the list of Decree 30/2020 art. 7 (18 = công văn), the "
                    "code edXML packages carry in DocumentType/Type."
                ),
                null=True,
                unique=True,
                verbose_name="number in Decree 30",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.AddField(
            model_name="document",
            name="address_mismatch",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text=(
                    "When the sender's package gave the code of this unit and the name of "
                    "another: the code, the name and the unit of that name, as received."
                ),
                verbose_name="address mismatch",
            ),
        ),
    ]
