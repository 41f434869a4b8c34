"""The roll-up keeps one procedure's rows per month and year only (issue 20: per day they were
most of the table at city scale). The day rows per procedure of an existing database are
deleted; its month and year rows stay as they are, already right for the new shape."""

from django.db import migrations


def procedure_days_delete(apps, schema_editor):
    answer_figure = apps.get_model("surveys", "AnswerFigure")
    answer_figure.objects.filter(grain="day").exclude(procedure_code="").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0006_response_invitation_procedure_day"),
    ]

    operations = [
        migrations.RunPython(procedure_days_delete, migrations.RunPython.noop),
    ]
