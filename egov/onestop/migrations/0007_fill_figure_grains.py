"""Month and year rows of the figures roll-up, summed from the day rows already there."""

from django.db import migrations
from django.db.models import Sum
from django.db.models.functions import TruncMonth, TruncYear

COUNTERS = ("received", "closed", "finished_early", "finished_on_time", "finished_late",
            "refused", "returned", "rating_count", "rating_sum")


def fill(apps, schema_editor):
    Figure = apps.get_model("onestop", "DossierDayFigure")
    Figure.objects.exclude(grain="day").delete()
    for grain, trunc in (("month", TruncMonth), ("year", TruncYear)):
        sums = (Figure.objects.filter(grain="day").annotate(period=trunc("day"))
                .values("unit_id", "period", "channel", "procedure_level")
                .annotate(**{f"sum_{name}": Sum(name) for name in COUNTERS}).order_by())
        Figure.objects.bulk_create(
            (Figure(grain=grain, day=row["period"], unit_id=row["unit_id"],
                    channel=row["channel"], procedure_level=row["procedure_level"],
                    **{name: row[f"sum_{name}"] for name in COUNTERS}) for row in sums),
            batch_size=2000,
        )


def empty(apps, schema_editor):
    apps.get_model("onestop", "DossierDayFigure").objects.exclude(grain="day").delete()


class Migration(migrations.Migration):
    dependencies = [("onestop", "0006_figure_grains")]
    operations = [migrations.RunPython(fill, empty)]
