from django.db import migrations

from core.text import fold_for_search, html_to_text


# The folded text of an article now ends with the captions and (unless the
# photo is decorative) the alt texts of its photos, in both languages, as in
# Article.search_fields(). Only articles with photos change; on PostgreSQL the
# trigger of 0002/0005 updates their vectors from the folded columns.
def fill(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    Photo = apps.get_model("news", "Photo")
    texts = {}
    for photo in Photo.objects.order_by("article_id", "pk").iterator(chunk_size=500):
        photo_texts = [photo.caption_vi, photo.caption_en]
        if not photo.is_decorative:
            photo_texts += [photo.alt_text_vi, photo.alt_text_en]
        texts.setdefault(photo.article_id, []).extend(photo_texts)
    ids = sorted(texts)
    for start in range(0, len(ids), 500):  # SQLite caps the parameters of a query
        articles = list(Article.objects.filter(pk__in=ids[start : start + 500]))
        for article in articles:
            article.search_text = fold_for_search(
                article.summary_vi,
                article.summary_en,
                html_to_text(article.body_vi),
                html_to_text(article.body_en),
                *texts[article.pk],
            )
        Article.objects.bulk_update(articles, ["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0005_search_at_scale'),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
