"""Fill the petitions' roll-up (``PetitionFigure``, added empty by 0008) from the petitions and
visits already there, so a database upgraded past 0008 shows its figures without running
``egov complaints_rollup_rebuild``. The same counting as ``services_rollup.rollup_rebuild``
(written here again with the historical models, as a migration must): idempotent (it replaces
every row), one read of each table, nothing to do on empty tables."""

import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
BATCH = 5000
VERDICT_NUMBER = {"right": "found_right", "partly": "found_partly", "wrong": "found_wrong"}


def _starts(day: datetime.date):
    return (
        ("year", day.replace(month=1, day=1)),
        ("month", day.replace(day=1)),
        ("day", day),
    )


def _count(totals, unit_id, day, channel, kind, numbers):
    for grain, start in _starts(day):
        row = totals.setdefault((unit_id, grain, start, channel, kind), {})
        for name, n in numbers.items():
            row[name] = row.get(name, 0) + n


def _petitions(Petition, totals):
    rows = (
        Petition.objects.order_by()
        .values_list(
            "unit_id",
            "channel",
            "kind",
            "received_at",
            "accepted_on",
            "settled_on",
            "settlement_due_on",
            "verdict",
        )
        .iterator(chunk_size=BATCH)
    )
    for unit_id, channel, kind, received_at, accepted_on, settled_on, due_on, verdict in rows:
        received_on = received_at.astimezone(LOCAL).date()
        _count(totals, unit_id, received_on, channel, kind, {"received": 1})
        if accepted_on is not None:
            _count(totals, unit_id, accepted_on, channel, kind, {"accepted": 1})
        if settled_on is not None:
            on_time = due_on is not None and settled_on <= due_on
            numbers = {"settled": 1, "settled_on_time": int(on_time)}
            if verdict in VERDICT_NUMBER:
                numbers[VERDICT_NUMBER[verdict]] = 1
            _count(totals, unit_id, settled_on, channel, kind, numbers)


def rebuild(apps, schema_editor):
    Petition = apps.get_model("complaints", "Petition")
    Visit = apps.get_model("complaints", "Visit")
    Figure = apps.get_model("complaints", "PetitionFigure")
    totals = {}
    _petitions(Petition, totals)
    visits = Visit.objects.order_by().values_list("unit_id", "received_at")
    for unit_id, received_at in visits.iterator(chunk_size=BATCH):
        _count(totals, unit_id, received_at.astimezone(LOCAL).date(), "", "", {"receptions": 1})
    Figure.objects.all().delete()
    Figure.objects.bulk_create(
        (
            Figure(unit_id=unit_id, grain=grain, start=start, channel=channel, kind=kind, **numbers)
            for (unit_id, grain, start, channel, kind), numbers in totals.items()
        ),
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0009_crowded_milestone_tasks")]
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
