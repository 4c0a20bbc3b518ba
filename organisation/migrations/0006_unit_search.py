"""Units are in the site search: folded text columns (filled here), and on
PostgreSQL the vectors, trigger and GIN indexes of awards 0003 and 0005 (the
vi_unaccent configuration and search_pairs() come from news 0002 and 0005).
The indexes are made before any row is updated (the fill below sets the
vectors through the trigger): PostgreSQL refuses CREATE INDEX on a table with
pending trigger events."""

from django.db import migrations, models

from core.text import fold_for_search, html_to_text

VECTOR_SQL = """
ALTER TABLE organisation_unit
  ADD COLUMN search_vector tsvector,
  ADD COLUMN search_title_vector tsvector,
  ADD COLUMN search_pairs tsvector,
  ALTER COLUMN search_vector SET STORAGE MAIN,
  ALTER COLUMN search_title_vector SET STORAGE MAIN;
CREATE FUNCTION organisation_unit_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_title, '')), 'A')
    || setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_text, '')), 'C');
  NEW.search_title_vector := to_tsvector('vi_unaccent', coalesce(NEW.search_title, ''));
  NEW.search_pairs := search_pairs(NEW.search_title) || search_pairs(NEW.search_text);
  RETURN NEW;
END $$;
CREATE TRIGGER organisation_unit_search_vector
  BEFORE INSERT OR UPDATE OF search_title, search_text ON organisation_unit
  FOR EACH ROW EXECUTE FUNCTION organisation_unit_search_vector();
CREATE INDEX organisation_unit_search_idx ON organisation_unit USING gin (search_vector);
CREATE INDEX organisation_unit_search_title_idx ON organisation_unit USING gin (search_title_vector);
CREATE INDEX organisation_unit_search_pairs_idx ON organisation_unit USING gin (search_pairs);
"""

DROP_VECTOR_SQL = """
DROP TRIGGER IF EXISTS organisation_unit_search_vector ON organisation_unit;
DROP FUNCTION IF EXISTS organisation_unit_search_vector();
ALTER TABLE organisation_unit
  DROP COLUMN IF EXISTS search_vector,
  DROP COLUMN IF EXISTS search_title_vector,
  DROP COLUMN IF EXISTS search_pairs;
"""


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_VECTOR_SQL)


def fill(apps, schema_editor):
    Unit = apps.get_model("organisation", "Unit")
    Position = apps.get_model("organisation", "Position")
    db = schema_editor.connection.alias
    people = {}
    for position in Position.objects.using(db).select_related("person"):
        people.setdefault(position.unit_id, []).extend(
            [position.person.name, position.title_vi, position.title_en]
        )
    units = list(Unit.objects.using(db).all())
    for unit in units:
        unit.search_title = fold_for_search(unit.name_vi, unit.name_en, unit.aliases)
        unit.search_text = fold_for_search(
            html_to_text(unit.functions_vi),
            html_to_text(unit.functions_en),
            unit.address,
            *people.get(unit.pk, []),
        )
    Unit.objects.using(db).bulk_update(units, ["search_title", "search_text"], 500)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0005_position_without_unique_title"),
        ("news", "0005_search_at_scale"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="unit",
            name="search_title",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="unit",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, db_index=True, verbose_name="updated"
            ),
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
