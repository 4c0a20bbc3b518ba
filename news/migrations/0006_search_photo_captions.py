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
    # Values, not instances: an instance's image field may open its file (to
    # measure it), and a photo whose file is missing must not stop the upgrade.
    photos = Photo.objects.order_by("article_id", "pk").values_list(
        "article_id", "caption_vi", "caption_en", "alt_text_vi", "alt_text_en",
        "is_decorative",
    )
    for article_id, caption_vi, caption_en, alt_vi, alt_en, decorative in photos.iterator(
        chunk_size=500
    ):
        photo_texts = [caption_vi, caption_en]
        if not decorative:
            photo_texts += [alt_vi, alt_en]
        texts.setdefault(article_id, []).extend(photo_texts)
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
