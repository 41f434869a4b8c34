"""The page count of meeting papers (for the printed pages saved), counted for the uploaded
papers so far from their PDF; a registry document's paper stays unknown until attached again."""

from io import BytesIO

from django.db import migrations, models


def count_pages(apps, schema_editor):
    from pyhanko.pdf_utils.reader import PdfFileReader

    Paper = apps.get_model("meetings", "Paper")
    for paper in Paper.objects.exclude(file="").only("pk", "file"):
        try:
            with paper.file.open("rb") as handle:
                reader = PdfFileReader(BytesIO(handle.read()), strict=False)
                pages = int(reader.root["/Pages"]["/Count"]) or None
        except Exception:  # a missing or unreadable file: the count stays unknown
            continue
        Paper.objects.filter(pk=paper.pk).update(pages=pages)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0013_agenda_item_path_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="paper",
            name="pages",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="pages"),
        ),
        migrations.RunPython(count_pages, migrations.RunPython.noop),
    ]
