"""Give every secret vote not yet closed its tally slots, its count so far moved into the first
slot: from now on a secret ballot adds to a slot and the close sums them (ADR 0017, addendum).
Closed votes keep their sealed count on the row and get no slots. The reverse puts the slots'
sums back on the vote's counters. The slot count is fixed here, as the service had it when
this migration was written (16), so that the migration does not depend on app code."""

from django.db import migrations

SLOTS = 16
NOT_CLOSED = ("open", "written")
FIELDS = ("count_for", "count_against", "count_abstain")


def slots_create(apps, schema_editor):
    Vote = apps.get_model("meetings", "Vote")
    SecretTally = apps.get_model("meetings", "SecretTally")
    votes = Vote.objects.filter(secret=True, status__in=NOT_CLOSED).exclude(
        pk__in=SecretTally.objects.values("vote_id")
    )
    for vote in votes.select_for_update():
        so_far = {field: getattr(vote, field) for field in FIELDS}
        SecretTally.objects.bulk_create(
            SecretTally(vote=vote, slot=slot, **(so_far if slot == 0 else {}))
            for slot in range(SLOTS)
        )
        Vote.objects.filter(pk=vote.pk).update(**dict.fromkeys(FIELDS, 0))


def slots_remove(apps, schema_editor):
    Vote = apps.get_model("meetings", "Vote")
    SecretTally = apps.get_model("meetings", "SecretTally")
    for vote in Vote.objects.filter(pk__in=SecretTally.objects.values("vote_id")):
        tallies = SecretTally.objects.filter(vote=vote)
        sums = {field: sum(tallies.values_list(field, flat=True)) for field in FIELDS}
        Vote.objects.filter(pk=vote.pk).update(
            **{field: getattr(vote, field) + sums[field] for field in FIELDS}
        )
        tallies.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0015_secret_tallies"),
    ]

    operations = [
        migrations.RunPython(slots_create, slots_remove),
    ]
