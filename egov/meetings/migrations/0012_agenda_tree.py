"""The agenda tree: an item may have sub-items (``parent``), numbered "2.1" and sorted by a
path; the items so far are top-level items, numbered by their order."""

import django.db.models.deletion
from django.db import migrations, models


def number_items(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    for item in AgendaItem.objects.all().only("pk", "order"):
        AgendaItem.objects.filter(pk=item.pk).update(
            number=str(item.order), path=f"{item.order:04d}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_paper_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="children",
                to="meetings.agendaitem",
                verbose_name="parent item",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="number",
            field=models.CharField(default="", max_length=20, verbose_name="number"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="path",
            field=models.CharField(default="", max_length=40, verbose_name="place in the agenda"),
            preserve_default=False,
        ),
        migrations.RunPython(number_items, migrations.RunPython.noop),
    ]
