"""Load the disclosure duties shipped in ``egov/disclosure/data/duties.json``. Idempotent: an
existing code is left alone (an administrator's correction wins); the reverse removes the
shipped codes that have no items."""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "duties.json"


def _duties():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["duties"]


def load(apps, schema_editor):
    Duty = apps.get_model("disclosure", "Duty")
    for entry in _duties():
        defaults = {key: value for key, value in entry.items() if key != "code"}
        Duty.objects.get_or_create(code=entry["code"], defaults=defaults)


def unload(apps, schema_editor):
    Duty = apps.get_model("disclosure", "Duty")
    Duty.objects.filter(code__in=[e["code"] for e in _duties()], items__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_disclosure_tables")]
    operations = [migrations.RunPython(load, unload)]
