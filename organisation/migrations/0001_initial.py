"""The registry of bodies moves here from awards: awards' Level and
IssuingBody tables are adopted (renamed), rows, content types, permissions
and admin history included; awards 0006 points its foreign keys here."""

import django.db.models.deletion
from django.db import migrations, models

from core.migrations_support import CreateOrAdoptModel

MOVED = {"level": "level", "issuingbody": "unit"}


def adopt_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    for old, new in MOVED.items():
        if ContentType.objects.using(db).filter(app_label="organisation", model=new).exists():
            continue
        content_type = (
            ContentType.objects.using(db).filter(app_label="awards", model=old).first()
        )
        if content_type is None:
            continue
        content_type.app_label, content_type.model = "organisation", new
        content_type.save(update_fields=["app_label", "model"])
        for permission in Permission.objects.using(db).filter(content_type=content_type):
            action = permission.codename.split("_", 1)[0]
            permission.codename = f"{action}_{new}"
            permission.save(update_fields=["codename"])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("awards", "0005_search_at_scale"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        CreateOrAdoptModel(
            name="Level",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=30, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("name_vi", models.CharField(max_length=100, null=True, verbose_name="name")),
                ("name_en", models.CharField(max_length=100, null=True, verbose_name="name")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "level",
                "verbose_name_plural": "levels",
                "ordering": ["order", "pk"],
            },
            old_table="awards_level",
        ),
        CreateOrAdoptModel(
            name="Unit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("name_vi", models.CharField(max_length=200, null=True, verbose_name="name")),
                ("name_en", models.CharField(max_length=200, null=True, verbose_name="name")),
                ("aliases", models.TextField(blank=True, help_text="Other ways files write this name, one per line, e.g. “UBND thị xã Hồng Lĩnh”.", verbose_name="other names")),
                ("key", models.CharField(editable=False, max_length=200, unique=True)),
                ("level", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="bodies", to="organisation.level", verbose_name="level")),
            ],
            options={
                "verbose_name": "agency or unit",
                "verbose_name_plural": "agencies and units",
                "ordering": ["level__order", "name"],
            },
            old_table="awards_issuingbody",
        ),
        migrations.RunPython(adopt_content_types, migrations.RunPython.noop),
    ]
