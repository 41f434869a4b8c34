"""The agenda is sorted by the items' paths, each once per meeting (in its own migration:
PostgreSQL alters the table after 0012 numbered the rows, in another transaction)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0012_agenda_tree"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="agendaitem",
            name="meetings_item_order_once",
        ),
        migrations.AlterModelOptions(
            name="agendaitem",
            options={
                "ordering": ["path"],
                "verbose_name": "agenda item",
                "verbose_name_plural": "agenda items",
            },
        ),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=models.UniqueConstraint(
                fields=("meeting", "path"), name="meetings_item_path_once"
            ),
        ),
    ]
