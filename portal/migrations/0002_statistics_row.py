from django.db import migrations


def create_row(apps, schema_editor):
    apps.get_model("portal", "SiteStatistics").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_site_blocks")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
