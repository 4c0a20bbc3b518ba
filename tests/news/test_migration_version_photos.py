"""news 0031 gives each article's latest version the photos the article has,
and leaves its older versions without (None: not kept when saved)."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from news.models import Article
from tests.factories import image_bytes

BEFORE = [("news", "0030_article_views")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_latest_version_of_each_article_gets_its_photos():
    old_apps = migrate(BEFORE)
    OldArticle = old_apps.get_model("news", "Article")
    History = old_apps.get_model("news", "HistoricalArticle")
    category = old_apps.get_model("news", "Category").objects.create(
        name_vi="Quốc phòng", slug="quoc-phong"
    )
    library = old_apps.get_model("photos", "Photo").objects.create(
        image=default_storage.save("photos/2019/12/a.jpg", ContentFile(image_bytes())),
        caption_vi="Toàn cảnh",
        alt_text_vi="Hội trường",
    )
    now = timezone.now()
    articles = [
        OldArticle.objects.create(
            title_vi=title, slug=slug, category=category, publish_at=now
        )
        for title, slug in (("Có ảnh", "co-anh"), ("Không ảnh", "khong-anh"))
    ]
    old_apps.get_model("news", "Photo").objects.create(
        article=articles[0],
        photo=library,
        caption_override_vi="Riêng",
        caption_override_en="Own",
        after_paragraph=2,
        order=1,
    )
    names = {field.attname for field in History._meta.fields} - {"history_id"}
    for article in articles:
        for minutes in (10, 5):
            History.objects.create(
                **{
                    name: getattr(article, name)
                    for name in names
                    if hasattr(article, name) and not name.startswith("history_")
                },
                history_date=now - timedelta(minutes=minutes),
                history_type="~",
            )

    migrate([("news", "0031_version_photos")])
    with_photo, without = (
        list(Article.history.filter(id=article.pk).order_by("history_date"))
        for article in articles
    )
    assert with_photo[0].photos is None
    assert with_photo[1].photos == [
        {
            "photo": library.pk,
            "caption_override_vi": "Riêng",
            "caption_override_en": "Own",
            "after_paragraph": 2,
            "order": 1,
        }
    ]
    assert [version.photos for version in without] == [None, []]
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
