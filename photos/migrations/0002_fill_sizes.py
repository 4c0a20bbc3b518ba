"""Library photos made before their size was stored with their renditions get
it from the renditions (read as plain values: loading a row whose size is
missing would open its file)."""

from django.db import migrations


def fill_sizes(apps, schema_editor):
    Photo = apps.get_model("photos", "Photo")
    rows = Photo.objects.filter(width__isnull=True).values_list("pk", "renditions")
    for pk, renditions in rows:
        if renditions and renditions.get("width") and renditions.get("height"):
            Photo.objects.filter(pk=pk).update(
                width=renditions["width"], height=renditions["height"]
            )


class Migration(migrations.Migration):
    dependencies = [("photos", "0001_initial")]

    operations = [migrations.RunPython(fill_sizes, migrations.RunPython.noop)]
