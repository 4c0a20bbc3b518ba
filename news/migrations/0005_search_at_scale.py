from django.db import migrations

# PostgreSQL only (the columns are not model fields, as in 0002). For ranking
# at scale (search/engine.py):
# - search_title_vector: the title alone, so "every word in the title" is one
#   GIN lookup instead of a recheck of every match's weighted vector;
# - search_pairs: each two neighbouring syllables of the title and of the text
#   as one lexeme ("hong linh"), so "side by side" is a GIN lookup too, with
#   row estimates the planner can trust (a phrase is estimated as if its words
#   were anywhere, and a phrase of common words then walks the whole table);
# - search_vector and search_title_vector kept inline (STORAGE MAIN): a match
#   checked row by row then needs no TOAST fetch.
PAIRS_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION search_pairs(folded text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT word || ' ' || next_word)), ''::tsvector)
  FROM (
    SELECT word, lead(word) OVER (ORDER BY position) AS next_word
    FROM unnest(string_to_array(btrim(coalesce(folded, '')), ' '))
      WITH ORDINALITY AS words(word, position)
  ) pairs
  WHERE next_word IS NOT NULL AND word <> '' AND next_word <> ''
$$;
"""


def scale_sql(table):
    return f"""
ALTER TABLE {table}
  ADD COLUMN search_title_vector tsvector,
  ADD COLUMN search_pairs tsvector,
  ALTER COLUMN search_vector SET STORAGE MAIN,
  ALTER COLUMN search_title_vector SET STORAGE MAIN;
CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_title, '')), 'A')
    || setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_text, '')), 'C');
  NEW.search_title_vector := to_tsvector('vi_unaccent', coalesce(NEW.search_title, ''));
  NEW.search_pairs := search_pairs(NEW.search_title) || search_pairs(NEW.search_text);
  RETURN NEW;
END $$;
UPDATE {table} SET search_title = search_title;
CREATE INDEX {table}_search_title_idx ON {table} USING gin (search_title_vector);
CREATE INDEX {table}_search_pairs_idx ON {table} USING gin (search_pairs);
ANALYZE {table};
"""


def unscale_sql(table):
    return f"""
CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_title, '')), 'A')
    || setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_text, '')), 'C');
  RETURN NEW;
END $$;
ALTER TABLE {table}
  DROP COLUMN IF EXISTS search_title_vector,
  DROP COLUMN IF EXISTS search_pairs,
  ALTER COLUMN search_vector SET STORAGE EXTENDED;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PAIRS_FUNCTION_SQL)
        schema_editor.execute(scale_sql("news_article"))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(unscale_sql("news_article"))
        schema_editor.execute("DROP FUNCTION IF EXISTS search_pairs(text)")


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0004_history_without_search_columns'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
