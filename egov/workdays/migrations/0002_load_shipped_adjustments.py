"""Load the calendar adjustments shipped in ``egov/workdays/data/calendar_adjustments.json``.

Idempotent: a date that already has a row is left alone (an administrator's correction wins).
When rows are added or removed, the calendar revision is bumped and snapshotted like the
services do, so the calendar version changes. The file is in the repository, so its history is
the audit trail of this load.
"""

import datetime
import json
import uuid
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "calendar_adjustments.json"


def _entries():
    content = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return content["adjustments"]


def _bump(apps):
    Adjustment = apps.get_model("workdays", "CalendarAdjustment")
    Revision = apps.get_model("workdays", "CalendarRevision")
    Snapshot = apps.get_model("workdays", "CalendarSnapshot")
    head, _created = Revision.objects.select_for_update().get_or_create(pk=1)
    head.number += 1
    head.token = uuid.uuid4()
    head.save()
    rows = [
        {"on": row.on.isoformat(), "kind": row.kind, "description": row.description,
         "swapped_with": row.swapped_with.isoformat() if row.swapped_with else None}
        for row in Adjustment.objects.order_by("on")
    ]
    Snapshot.objects.create(number=head.number, token=head.token, adjustments=rows)


def load(apps, schema_editor):
    Adjustment = apps.get_model("workdays", "CalendarAdjustment")
    added = 0
    for entry in _entries():
        swapped = entry.get("swapped_with")
        _row, created = Adjustment.objects.get_or_create(
            on=datetime.date.fromisoformat(entry["on"]),
            defaults={
                "kind": entry["kind"],
                "swapped_with": datetime.date.fromisoformat(swapped) if swapped else None,
                "description": entry["description"],
                "source": entry["source"],
                "confidence": entry["confidence"],
            },
        )
        added += created
    if added:
        _bump(apps)


def unload(apps, schema_editor):
    Adjustment = apps.get_model("workdays", "CalendarAdjustment")
    removed = 0
    for entry in _entries():
        count, _detail = Adjustment.objects.filter(
            on=datetime.date.fromisoformat(entry["on"]), source=entry["source"]
        ).delete()
        removed += count
    if removed:
        _bump(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("workdays", "0001_calendar_tables"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
