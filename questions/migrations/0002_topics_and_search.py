from django.db import migrations

TOPICS = [
    ("dat-dai", "Đất đai", "Land", 10),
    ("xay-dung-do-thi", "Xây dựng, đô thị", "Construction and urban affairs", 20),
    ("moi-truong", "Tài nguyên, môi trường", "Natural resources and environment", 30),
    ("giao-thong", "Giao thông", "Transport", 40),
    ("chinh-sach-xa-hoi", "Lao động, chính sách xã hội", "Labour and social policy", 50),
    ("giao-duc-y-te", "Giáo dục, y tế", "Education and health", 60),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "Administrative procedures", 70),
    ("khac", "Lĩnh vực khác", "Other matters", 100),
]

# PostgreSQL only: the search columns, trigger and indexes of news 0002 and
# 0005 (vi_unaccent and search_pairs() are created there; see their comments).
VECTOR_SQL = """
ALTER TABLE questions_question
  ADD COLUMN search_vector tsvector,
  ADD COLUMN search_title_vector tsvector,
  ADD COLUMN search_pairs tsvector,
  ALTER COLUMN search_vector SET STORAGE MAIN,
  ALTER COLUMN search_title_vector SET STORAGE MAIN;
CREATE FUNCTION questions_question_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_title, '')), 'A')
    || setweight(to_tsvector('vi_unaccent', coalesce(NEW.search_text, '')), 'C');
  NEW.search_title_vector := to_tsvector('vi_unaccent', coalesce(NEW.search_title, ''));
  NEW.search_pairs := search_pairs(NEW.search_title) || search_pairs(NEW.search_text);
  RETURN NEW;
END $$;
CREATE TRIGGER questions_question_search_vector
  BEFORE INSERT OR UPDATE OF search_title, search_text ON questions_question
  FOR EACH ROW EXECUTE FUNCTION questions_question_search_vector();
CREATE INDEX questions_question_search_idx ON questions_question USING gin (search_vector);
CREATE INDEX questions_question_search_title_idx ON questions_question USING gin (search_title_vector);
CREATE INDEX questions_question_search_pairs_idx ON questions_question USING gin (search_pairs);
"""

DROP_VECTOR_SQL = """
DROP TRIGGER IF EXISTS questions_question_search_vector ON questions_question;
DROP FUNCTION IF EXISTS questions_question_search_vector();
ALTER TABLE questions_question
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


def seed_topics(apps, schema_editor):
    Topic = apps.get_model("questions", "Topic")
    for slug, name_vi, name_en, order in TOPICS:
        Topic.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name_vi,
                "name_vi": name_vi,
                "name_en": name_en,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("news", "0005_search_at_scale"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(seed_topics, migrations.RunPython.noop),
    ]
