from django.db import migrations

# PostgreSQL only: the same columns, trigger and indexes as news 0005 (see its
# comment), which also creates the search_pairs() function used here.
SCALE_SQL = """
ALTER TABLE awards_decision
  ADD COLUMN search_title_vector tsvector,
  ADD COLUMN search_pairs tsvector,
  ALTER COLUMN search_vector SET STORAGE MAIN,
  ALTER COLUMN search_title_vector SET STORAGE MAIN;
CREATE OR REPLACE FUNCTION awards_decision_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_title, '')), 'A')
    || setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_text, '')), 'C');
  NEW.search_title_vector := to_tsvector('vi_unaccent', coalesce(NEW.search_title, ''));
  NEW.search_pairs := search_pairs(NEW.search_title) || search_pairs(NEW.search_text);
  RETURN NEW;
END $$;
UPDATE awards_decision SET search_title = search_title;
CREATE INDEX awards_decision_search_title_idx ON awards_decision USING gin (search_title_vector);
CREATE INDEX awards_decision_search_pairs_idx ON awards_decision USING gin (search_pairs);
ANALYZE awards_decision;
"""

UNSCALE_SQL = """
CREATE OR REPLACE FUNCTION awards_decision_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_title, '')), 'A')
    || setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_text, '')), 'C');
  RETURN NEW;
END $$;
ALTER TABLE awards_decision
  DROP COLUMN IF EXISTS search_title_vector,
  DROP COLUMN IF EXISTS search_pairs,
  ALTER COLUMN search_vector SET STORAGE EXTENDED;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SCALE_SQL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNSCALE_SQL)


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0004_import_upload'),
        ('news', '0005_search_at_scale'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
