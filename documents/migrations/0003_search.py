from django.db import migrations

# PostgreSQL only, as news 0002 and 0005 (see their comments; they create the
# vi_unaccent configuration and the search_pairs() function used here): the
# weighted vector, the title vector and the neighbouring pairs, kept by a
# trigger from the folded columns, with their GIN indexes. The columns are not
# model fields, so SQLite and the model state are unaffected.
TABLE = "documents_document"
VECTOR_SQL = f"""
ALTER TABLE {TABLE}
  ADD COLUMN search_vector tsvector,
  ADD COLUMN search_title_vector tsvector,
  ADD COLUMN search_pairs tsvector,
  ALTER COLUMN search_vector SET STORAGE MAIN,
  ALTER COLUMN search_title_vector SET STORAGE MAIN;
CREATE FUNCTION {TABLE}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_title, '')), 'A')
    || setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_text, '')), 'C');
  NEW.search_title_vector := to_tsvector('vi_unaccent', coalesce(NEW.search_title, ''));
  NEW.search_pairs := search_pairs(NEW.search_title) || search_pairs(NEW.search_text);
  RETURN NEW;
END $$;
CREATE TRIGGER {TABLE}_search_vector
  BEFORE INSERT OR UPDATE OF search_title, search_text ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION {TABLE}_search_vector();
UPDATE {TABLE} SET search_title = search_title;
CREATE INDEX {TABLE}_search_idx ON {TABLE} USING gin (search_vector);
CREATE INDEX {TABLE}_search_title_idx ON {TABLE} USING gin (search_title_vector);
CREATE INDEX {TABLE}_search_pairs_idx ON {TABLE} USING gin (search_pairs);
"""
DROP_SQL = f"""
DROP TRIGGER IF EXISTS {TABLE}_search_vector ON {TABLE};
DROP FUNCTION IF EXISTS {TABLE}_search_vector();
ALTER TABLE {TABLE}
  DROP COLUMN IF EXISTS search_vector,
  DROP COLUMN IF EXISTS search_title_vector,
  DROP COLUMN IF EXISTS search_pairs;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_SQL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_seed_types_and_fields"),
        ("news", "0005_search_at_scale"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
