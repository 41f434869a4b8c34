"""Press releases are numbered in their unit's register of the document registry (general
series): each unit's press release counter moves the register of the same year up to it, so no
number a release was given is given again."""

from django.db import migrations


def counters_to_registers(apps, schema_editor):
    counter_model = apps.get_model("directives", "PressReleaseCounter")
    register_model = apps.get_model("documents", "NumberRegister")
    for counter in counter_model.objects.all():
        register, _created = register_model.objects.get_or_create(
            unit_id=counter.unit_id,
            series="general",
            year=counter.year,
            defaults={"last_number": 0},
        )
        if counter.last_number > register.last_number:
            register.last_number = counter.last_number
            register.save(update_fields=["last_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0003_directive_headline_collective_cover_letter"),
        ("documents", "0006_created_order_index"),
    ]

    operations = [
        migrations.RunPython(counters_to_registers, migrations.RunPython.noop),
    ]
