"""Town maps made before their size was stored with their renditions get
it from the renditions (read as plain values: loading a row whose size is
missing would open its file)."""

from django.db import migrations


def fill_sizes(apps, schema_editor):
    TownMap = apps.get_model("siteblocks", "TownMap")
    rows = TownMap.objects.filter(width__isnull=True).values_list("pk", "renditions")
    for pk, renditions in rows:
        if renditions and renditions.get("width") and renditions.get("height"):
            TownMap.objects.filter(pk=pk).update(
                width=renditions["width"], height=renditions["height"]
            )


class Migration(migrations.Migration):
    dependencies = [("siteblocks", "0002_site_settings")]

    operations = [migrations.RunPython(fill_sizes, migrations.RunPython.noop)]
