from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0004_press_counters_to_registers"),
    ]

    operations = [
        migrations.DeleteModel(
            name="PressReleaseCounter",
        ),
    ]
