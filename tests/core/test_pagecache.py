"""Whole public pages from the cache: one cache read and no SQL query for an
anonymous visitor, per-visitor parts filled in per request, HTTP caching
headers and 304 answers, never a cached page for staff."""

from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Decision
from news.models import Rating
from tests.awards.factories import DecisionFactory
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


@pytest.fixture(autouse=True)
def _steady_state(settings):
    # As between two changes in production: the footer's visit figures and the
    # content version are read again only after their intervals.
    settings.VISIT_BUFFER_SECONDS = 60
    settings.CONTENT_VERSION_RECHECK_SECONDS = 60


@contextmanager
def cache_reads():
    reads = []
    real_get, real_get_many = cache.get, cache.get_many
    with (
        mock.patch.object(
            cache,
            "get",
            side_effect=lambda *a, **k: reads.append(a) or real_get(*a, **k),
        ),
        mock.patch.object(
            cache,
            "get_many",
            side_effect=lambda *a, **k: reads.append(a) or real_get_many(*a, **k),
        ),
    ):
        yield reads


def public_pages():
    article = ArticleFactory()
    decision = DecisionFactory(status=Decision.Status.ISSUED)
    return [
        "/",
        "/en/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        reverse("awards:decision-list"),
        reverse("awards:decision-list") + "?year=2019",
        decision.get_absolute_url(),
        reverse("town-map"),
        reverse("songs"),
        reverse("glossary"),
    ]


def test_warm_anonymous_pages_cost_one_cache_read_and_no_query():
    client = Client(**BROWSER)
    for url in public_pages():
        first = client.get(url)
        assert first.status_code == 200, url
        with CaptureQueriesContext(connection) as queries, cache_reads() as reads:
            again = client.get(url)
        assert again.status_code == 200
        assert len(queries) == 0, (url, [q["sql"][:80] for q in queries])
        assert len(reads) == 1, (url, reads)
        assert again.content == first.content, url


def test_a_process_keeps_its_popular_pages_in_memory_for_a_moment(settings):
    """With PAGE_LOCAL_SECONDS a page this process just served costs no cache
    round-trip (Redis no slower than local memory); a content change is seen
    at once, since the key carries the content version."""
    settings.PAGE_LOCAL_SECONDS = 2
    category = CategoryFactory()
    ArticleFactory(category=category)
    client = Client(**BROWSER)
    client.get("/")
    with CaptureQueriesContext(connection) as queries, cache_reads() as reads:
        client.get("/")
    assert (len(queries), len(reads)) == (0, 0)
    ArticleFactory(category=category, title_vi="Tin mới nhất trong ngày")
    assert "Tin mới nhất trong ngày" in client.get("/").content.decode()


def test_pages_say_how_long_they_may_be_kept_and_answer_304():
    article = ArticleFactory()
    client = Client(**BROWSER)
    response = client.get(article.get_absolute_url())
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=5"}
    assert "Cookie" in response["Vary"]
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_publication_shows_at_once_on_a_cached_page():
    category = CategoryFactory()
    ArticleFactory(category=category, title_vi="Tin cũ")
    client = Client(**BROWSER)
    client.get("/")
    ArticleFactory(category=category, title_vi="Tin vừa đăng")
    assert "Tin vừa đăng" in client.get("/").content.decode()


def test_the_visitors_own_rating_is_theirs_alone():
    article = ArticleFactory()
    voter = Client(HTTP_ORIGIN="http://testserver", **BROWSER)
    other = Client(**BROWSER)
    other.get(article.get_absolute_url())  # cached before the vote
    voter.post(
        reverse("news:article-rate", kwargs={"slug": article.slug}), {"stars": "4"}
    )
    # The vote dropped the cached page: the rating summary is part of it.
    page = other.get(article.get_absolute_url()).content.decode()
    assert "1 lượt đánh giá, trung bình 4,0" in page
    assert "checked" not in page
    thanked = voter.get(article.get_absolute_url())  # shows the pending message
    assert "Cảm ơn bạn" in thanked.content.decode()
    assert "private" in thanked["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        own = voter.get(article.get_absolute_url())
    assert 'value="4" checked' in own.content.decode()
    assert "private" in own["Cache-Control"]
    # From the cache, with one query: the visitor's own stars.
    assert len(queries) == 1, [q["sql"][:80] for q in queries]
    assert "checked" not in other.get(article.get_absolute_url()).content.decode()
    assert Rating.objects.count() == 1


def test_staff_never_receive_a_cached_page(staff_client):
    article = ArticleFactory()
    Client(**BROWSER).get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert len(queries) > 0, "the staff request was answered from the cache"
    assert "public" not in response.get("Cache-Control", "")


def test_a_pending_message_is_never_hidden_by_the_cache():
    article = ArticleFactory()
    client = Client(HTTP_ORIGIN="http://testserver", **BROWSER)
    client.get(article.get_absolute_url())
    response = client.post(
        reverse("news:article-rate", kwargs={"slug": article.slug}),
        {"stars": "5"},
        follow=True,
    )
    assert "Cảm ơn bạn: đánh giá đã được ghi nhận." in response.content.decode()


def test_free_text_searches_are_not_cached():
    DecisionFactory(status=Decision.Status.ISSUED)
    client = Client(**BROWSER)
    for url in ("/tim-kiem/?q=hong+linh", reverse("awards:decision-list") + "?q=tran"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) > 0, url


def test_nothing_per_visitor_is_stored_with_the_page():
    article = ArticleFactory()
    voter = Client(HTTP_ORIGIN="http://testserver", **BROWSER)
    voter.post(
        reverse("news:article-rate", kwargs={"slug": article.slug}), {"stars": "3"}
    )
    voter.get(article.get_absolute_url())  # shows the pending message
    voter.get(article.get_absolute_url())  # a cookie-bearing visitor fills the cache
    stored = [
        value
        for value in (cache.get(key.split(":", 2)[-1]) for key in list(cache._cache))
        if isinstance(value, dict) and "html" in value
    ]
    assert stored, "the page was not cached"
    for entry in stored:
        assert "checked" not in entry["html"]
        assert "csrfmiddlewaretoken" not in entry["html"]


def test_unknown_query_parameters_are_answered_but_not_stored():
    """/?x=1, /?x=2… would each fill the cache for nothing."""
    ArticleFactory()
    client = Client(**BROWSER)
    for _ in range(2):
        response = client.get("/?utm_source=zalo")
        assert response.status_code == 200
        assert not response.has_header("Last-Modified"), "stored as a page"
    assert client.get("/").has_header("Last-Modified")


def test_a_page_that_used_visitor_state_is_not_stored():
    from types import SimpleNamespace

    from core.pagecache import _used_visitor_state

    assert _used_visitor_state(SimpleNamespace(META={"CSRF_COOKIE_NEEDS_UPDATE": True}))
    changed = SimpleNamespace(META={}, session=SimpleNamespace(modified=True))
    assert _used_visitor_state(changed)
    told = SimpleNamespace(META={}, _messages=SimpleNamespace(added_new=True))
    assert _used_visitor_state(told)
    assert not _used_visitor_state(SimpleNamespace(META={}))


def test_hole_names_and_arguments_are_checked():
    from core.pagecache import register_hole, render_hole

    with pytest.raises(ValueError):
        register_hole("own_stars", lambda request, argument: "")
    with pytest.raises(ValueError):
        render_hole(SimpleNamespace(), "rating", "1-->")
