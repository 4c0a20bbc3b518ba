"""The demo seeds a week of reading, so the most-read block and the staff
dashboard are not empty on a new site; loading it again changes nothing."""

import pytest
from django.db.models import Sum

from news import demo
from news.models import Article, ArticleViews

pytestmark = pytest.mark.django_db


def test_the_demo_gives_its_published_articles_a_week_of_views(client):
    demo.load()
    published = Article.objects.published().filter(
        slug__in=[data["slug"] for data in demo.ARTICLES]
    )
    assert published.count() >= 3
    assert set(ArticleViews.objects.values_list("article", flat=True)) == set(
        published.values_list("pk", flat=True)
    )
    assert ArticleViews.objects.values("day").distinct().count() == 7
    most_read = list(Article.objects.most_read(7))
    assert len(most_read) == published.count()
    assert most_read[0].recent_views > most_read[-1].recent_views
    page = client.get(published.first().get_absolute_url()).content.decode()
    assert most_read[0].title_vi in page


def test_drafts_and_scheduled_articles_get_no_views():
    demo.load()
    hidden = Article.objects.exclude(pk__in=Article.objects.published())
    assert hidden.exists()
    assert not ArticleViews.objects.filter(article__in=hidden).exists()


def test_loading_again_keeps_the_counts_including_real_ones():
    demo.load()
    row = ArticleViews.objects.order_by("pk").first()
    row.views = 123_456
    row.save()
    total = ArticleViews.objects.aggregate(total=Sum("views"))["total"]
    count = ArticleViews.objects.count()
    assert "0 new days of views" in demo.load()
    assert ArticleViews.objects.count() == count
    assert ArticleViews.objects.aggregate(total=Sum("views"))["total"] == total
