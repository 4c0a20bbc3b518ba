import io

import pytest
from django.core.management import call_command

from news.demo import CONFERENCE_SLUG
from news.models import Article, Category, Photo

pytestmark = pytest.mark.django_db


def test_load_demo_twice_gives_the_same_content(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Category.objects.count(), Article.objects.count(), Photo.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Category.objects.count(),
        Article.objects.count(),
        Photo.objects.count(),
    ) == counts
    assert counts[1] >= 5


def test_demo_conference_article_has_captioned_photos_and_facts(client):
    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.published().get(slug=CONFERENCE_SLUG)
    photos = list(article.photos.all())
    assert len(photos) >= 4
    assert "Toàn cảnh hội nghị" in [p.photo.caption_vi for p in photos]
    assert all(
        p.photo.alt_text_vi and p.photo.alt_text_en and p.renditions for p in photos
    )
    assert article.cover in photos
    content = client.get(article.get_absolute_url()).content.decode()
    assert "15.000 đồng/người/năm" in content
    assert "16,1%" in content
    assert content.count("<figure") == len(photos)
    english = client.get(f"/en/news/{CONFERENCE_SLUG}/").content.decode()
    assert "all-people national defence" in english


def test_demo_includes_a_scheduled_and_a_draft_article_hidden_from_the_public():
    call_command("load_demo", stdout=io.StringIO())
    hidden = Article.objects.exclude(pk__in=Article.objects.published())
    assert {a.status for a in hidden} == {
        Article.Status.PUBLISHED,
        Article.Status.DRAFT,
    }
