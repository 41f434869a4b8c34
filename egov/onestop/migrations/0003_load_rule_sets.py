"""Load the one-stop rule sets shipped in ``egov/onestop/data/rule_sets.json`` (Decree 61/2018
and Decree 118/2025), so that a rule set is in force on every day from 21 June 2018.

Idempotent: a code that already has a row is left alone (an administrator's correction wins).
The reverse removes the shipped codes. The file is in the repository, so its history is the
audit trail of this load.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "rule_sets.json"


def _entries():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["rule_sets"]


def _values(entry):
    to = entry["effective_to"]
    return {
        "name": entry["name"],
        "legal_basis": entry["legal_basis"],
        "effective_from": datetime.date.fromisoformat(entry["effective_from"]),
        "effective_to": datetime.date.fromisoformat(to) if to else None,
        "transfer_cutoff": datetime.time.fromisoformat(entry["transfer_cutoff"]),
        "supplement_restarts_clock": entry["supplement_restarts_clock"],
        "apology_min_days_before": Decimal(entry["apology_min_days_before"]),
        "due_reset_max": entry["due_reset_max"],
        "forms_set": entry["forms_set"],
        "forms": entry["forms"],
        "dossier_code_format": entry["dossier_code_format"],
        "accepts_any_centre_in_province": entry["accepts_any_centre_in_province"],
        "confidence": entry["confidence"],
        "notes": entry["notes"],
    }


def load(apps, schema_editor):
    RuleSet = apps.get_model("onestop", "RuleSet")
    for entry in _entries():
        RuleSet.objects.get_or_create(code=entry["code"], defaults=_values(entry))


def unload(apps, schema_editor):
    RuleSet = apps.get_model("onestop", "RuleSet")
    RuleSet.objects.filter(code__in=[entry["code"] for entry in _entries()]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("onestop", "0002_rule_set_table"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
