"""Existing units (the issuers seeded by awards or added by staff) get a slug,
a kind and the public flag: the town's People's Committee, its wards and
communes are shown on the about pages; outside bodies (the province…) are not."""

import re
import unicodedata

from django.db import migrations
from django.utils.text import slugify


def slug_of(value):
    # Same as core.text.slugify_vi, frozen here as migrations must be.
    value = unicodedata.normalize("NFC", value or "").translate({0x111: "d", 0x110: "D"})
    return slugify(value)[:134].strip("-") or "don-vi"


def kind_of(unit):
    name = re.sub(r"\s+", " ", unit.name_vi or unit.name or "").casefold()
    code = unit.level.code
    if code == "xa":
        return "commune" if name.startswith("xã") or name.startswith("ubnd xã") else "ward"
    if code == "huyen" and "hồng lĩnh" in name:
        return "committee"
    if code == "don-vi":
        return "office"
    return "external"


def fill(apps, schema_editor):
    Unit = apps.get_model("organisation", "Unit")
    db = schema_editor.connection.alias
    taken = set()
    for unit in Unit.objects.using(db).select_related("level").order_by("pk"):
        base = slug_of(unit.name_vi or unit.name)
        slug, counter = base, 2
        while slug in taken:
            slug, counter = f"{base}-{counter}", counter + 1
        taken.add(slug)
        unit.slug = slug
        unit.kind = kind_of(unit)
        unit.is_public = unit.kind != "external"
        unit.save(update_fields=["slug", "kind", "is_public"])


class Migration(migrations.Migration):
    dependencies = [("organisation", "0002_about_pages_people")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
