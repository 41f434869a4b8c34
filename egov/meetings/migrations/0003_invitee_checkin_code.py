import secrets

from django.db import migrations, models

import egov.meetings.models


def fill_codes(apps, schema_editor):
    """Each existing invitee gets its own code (a column default would give all the same)."""
    Invitee = apps.get_model("meetings", "Invitee")
    for invitee in Invitee.objects.filter(checkin_code__isnull=True).only("pk"):
        invitee.checkin_code = secrets.token_urlsafe(32)
        invitee.save(update_fields=["checkin_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_votes_speakers_points_duration"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitee",
            name="checked_in_via",
            field=models.CharField(
                blank=True,
                choices=[
                    ("self", "by themself"),
                    ("secretary", "by the secretary"),
                    ("qr_scan", "QR scanned at the room"),
                    ("qr_phone", "QR opened on their phone"),
                ],
                max_length=10,
                verbose_name="checked in",
            ),
        ),
        migrations.AddField(
            model_name="invitee",
            name="checkin_code",
            field=models.CharField(max_length=64, null=True, editable=False),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="invitee",
            name="checkin_code",
            field=models.CharField(
                default=egov.meetings.models.new_checkin_code,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="check-in code",
            ),
        ),
    ]
