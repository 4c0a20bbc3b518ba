"""One declaration makes a model a section of the site: tracked by the page
cache, listed in the sitemap, carried in feeds, found by the site search."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from core import sections
from core.cache import content_changed, content_version, forget_local_version
from core.checks import sections_check
from discovery.feeds import feed_urls
from discovery.sitemaps import sitemaps
from news.models import Article, Category
from tests.factories import ArticleFactory


@pytest.fixture
def declared_group():
    """auth.Group declared a section for the length of a test."""
    before = dict(sections._sections)
    section = sections.register(
        Group,
        sitemap=sections.Sitemap(items=Group.objects.all, pages=("search",)),
        feed=sections.Feed(
            path="groups/",
            name="group-feed",
            title="%(site)s: groups",
            description="Groups",
            items=Group.objects.all,
        ),
    )
    yield section
    sections._sections.clear()
    sections._sections.update(before)
    for signal, action in ((post_save, "saved"), (post_delete, "deleted")):
        signal.disconnect(
            content_changed, sender=Group, dispatch_uid=f"content-auth.Group-{action}"
        )


def test_the_apps_declare_their_sections():
    assert [section.search.kind for section in sections.searchable()] == [
        "unit",
        "article",
        "decision",
        "document",
        "question",
    ]
    assert {s.model._meta.label for s in sections.in_sitemap()} >= {
        "news.Article",
        "news.Category",
        "awards.Decision",
        "siteblocks.Abbreviation",
    }
    assert [s.model._meta.label for s in sections.with_feeds()] == [
        "news.Article",
        "documents.Document",
        "questions.Question",
    ]
    assert sections_check(None) == []


@pytest.mark.django_db
def test_a_declared_model_is_tracked_by_the_page_cache(declared_group):
    version = content_version()
    Group.objects.create(name="Cộng tác viên")
    assert content_version() != version


@pytest.mark.django_db
def test_a_declared_model_gets_a_sitemap_and_its_list_pages(declared_group):
    found = sitemaps()
    assert "auth.group" in found
    # The newsroom's roles (news 0008) are groups already.
    Group.objects.exclude(name="Cộng tác viên").delete()
    Group.objects.create(name="Cộng tác viên")
    assert [group.name for group in found["auth.group"]().items()] == ["Cộng tác viên"]
    assert "search" in found["pages"]().items()


def test_a_declared_feed_gets_rss_and_atom_urls(declared_group):
    names = [pattern.name for pattern in feed_urls()]
    assert names == [
        "feed-rss",
        "feed-atom",
        "category-feed-rss",
        "category-feed-atom",
        "document-feed-rss",
        "document-feed-atom",
        "document-type-feed-rss",
        "document-type-feed-atom",
        "question-feed-rss",
        "question-feed-atom",
        "group-feed-rss",
        "group-feed-atom",
    ]


def test_a_searchable_section_without_search_columns_fails_the_checks():
    before = dict(sections._sections)
    try:
        sections._sections["auth.Group"] = sections.Section(
            model=Group,
            public=Group.objects.all,
            search=sections.Search(
                kind="group", template="x.html", date="name", snippet_fields=()
            ),
        )
        assert [error.id for error in sections_check(None)] == ["core.E001"]
    finally:
        sections._sections.clear()
        sections._sections.update(before)


@pytest.mark.django_db
def test_a_scheduled_article_is_the_next_change_of_the_content_version():
    from datetime import timedelta

    from django.utils import timezone

    later = timezone.now() + timedelta(hours=3)
    ArticleFactory(publish_at=later)
    version = content_version()
    assert Article.objects.next_publication_at() == later
    with mock.patch("django.utils.timezone.now", return_value=later):
        forget_local_version()
        assert content_version() != version
        moved = content_version()
        forget_local_version()
        assert content_version() == moved, "the version moves once, not per read"


@pytest.mark.django_db
def test_feeds_and_sitemap_keep_their_vietnamese_and_english_addresses(client):
    category = Category.objects.create(name="Thông báo", slug="thong-bao")
    assert reverse("feed-rss") == "/tin-tuc/rss.xml"
    assert reverse("category-feed-atom", kwargs={"slug": category.slug}) == (
        "/chuyen-muc/thong-bao/atom.xml"
    )
    assert client.get("/tin-tuc/rss.xml").status_code == 200
    assert client.get("/en/news/atom.xml").status_code == 200
    assert client.get("/chuyen-muc/thong-bao/rss.xml").status_code == 200
    assert client.get("/en/category/thong-bao/rss.xml").status_code == 200
