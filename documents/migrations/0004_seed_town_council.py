from django.db import migrations

from core.text import name_key

# The town's People's Council issues resolutions (Nghị quyết): it belongs in
# the registry of issuers next to the People's Committee seeded by awards.
COUNCIL = (
    "HĐND thị xã Hồng Lĩnh",
    "People's Council of Hong Linh town",
    "Hội đồng nhân dân thị xã Hồng Lĩnh\nHĐND thị xã\nHĐND TX Hồng Lĩnh",
)


def seed(apps, schema_editor):
    Level = apps.get_model("organisation", "Level")
    Unit = apps.get_model("organisation", "Unit")
    level = Level.objects.filter(code="huyen").first()
    vi, en, aliases = COUNCIL
    if level is None or Unit.objects.filter(key=name_key(vi)).exists():
        return
    # An issuer of documents, not part of the committee's organisation chart.
    Unit.objects.create(
        name=vi,
        name_vi=vi,
        name_en=en,
        aliases=aliases,
        key=name_key(vi),
        level=level,
        slug="hdnd-thi-xa-hong-linh",
        kind="external",
        is_public=False,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_search"),
        ("organisation", "0004_unit_slug_unique"),
        ("awards", "0006_registry_moves_to_organisation"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
