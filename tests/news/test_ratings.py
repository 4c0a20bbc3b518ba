import threading
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from news.models import Article, Rating
from news.services import article_rate
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
needs_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite serialises writers; the race needs PostgreSQL",
)


# Browsers send the page's origin with a form POST or fetch(); the vote is
# checked against it instead of a per-visitor token (the page is cached whole).
SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def client():
    return Client(**SAME_ORIGIN)


def rate_url(article):
    return reverse("news:article-rate", kwargs={"slug": article.slug})


def test_article_shows_an_empty_state_before_any_rating(client):
    content = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert (
        "Chưa có lượt đánh giá nào. Hãy là người đầu tiên đánh giá bài viết này."
        in content
    )
    # Nothing per visitor in the page: it is cached whole for everyone.
    assert "csrfmiddlewaretoken" not in content


def test_rating_without_javascript_records_it_and_returns_to_the_article(client):
    article = ArticleFactory()
    response = client.post(rate_url(article), {"stars": "4"}, follow=True)
    assert response.redirect_chain[-1][0] == article.get_absolute_url() + "#rating"
    content = response.content.decode()
    assert "Cảm ơn bạn: đánh giá đã được ghi nhận." in content
    assert "1 lượt đánh giá, trung bình 4,0" in content
    assert 'value="4" checked' in content


def test_a_second_vote_from_the_same_visitor_replaces_the_first(client):
    article = ArticleFactory()
    client.post(rate_url(article), {"stars": "2"})
    client.post(rate_url(article), {"stars": "5"})
    assert list(Rating.objects.values_list("stars", flat=True)) == [5]


def test_count_and_average_over_several_visitors_in_vietnamese_format(client):
    article = ArticleFactory()
    for stars in (5, 4, 4):
        Client(**SAME_ORIGIN).post(rate_url(article), {"stars": stars})
    content = client.get(article.get_absolute_url()).content.decode()
    assert "3 lượt đánh giá, trung bình 4,3" in content


def test_rating_with_fetch_answers_json(client):
    article = ArticleFactory()
    response = client.post(
        rate_url(article), {"stars": "3"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "message": "Cảm ơn bạn: đánh giá đã được ghi nhận.",
        "count": 1,
        "summary": "1 lượt đánh giá, trung bình 3,0",
    }


@pytest.mark.parametrize("stars", ["0", "6", "-1", "abc", "", "4.5", "9" * 50])
def test_bad_star_values_are_refused_with_a_message_and_nothing_is_stored(
    client, stars
):
    article = ArticleFactory()
    response = client.post(
        rate_url(article), {"stars": stars}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Hãy chọn từ 1 đến 5 sao."
    assert not Rating.objects.exists()


def test_drafts_cannot_be_rated_and_get_is_not_allowed(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert client.post(rate_url(draft), {"stars": "5"}).status_code == 404
    assert client.get(rate_url(ArticleFactory())).status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/trang.html"},
        {},  # neither Origin nor Referer: not a browser on our page
    ],
)
def test_a_vote_from_another_site_is_refused(headers):
    """Cross-site request forgery: another site's page cannot cast votes."""
    article = ArticleFactory()
    response = Client(enforce_csrf_checks=True, **headers).post(
        rate_url(article), {"stars": "5"}, follow=True
    )
    assert "Không kiểm tra được lượt đánh giá" in response.content.decode()
    assert not Rating.objects.exists()
    json_response = Client(**headers).post(
        rate_url(article), {"stars": "5"}, headers={"Accept": "application/json"}
    )
    assert json_response.status_code == 403
    assert not Rating.objects.exists()


def test_a_vote_from_the_portals_own_page_needs_no_token():
    article = ArticleFactory()
    referer = {"HTTP_REFERER": "http://testserver" + article.get_absolute_url()}
    for headers in (SAME_ORIGIN, referer):
        response = Client(enforce_csrf_checks=True, **headers).post(
            rate_url(article), {"stars": "5"}
        )
        assert response.status_code == 302
    assert Rating.objects.count() == 2


def test_votes_from_one_address_are_rate_limited(client):
    article = ArticleFactory()
    statuses = [
        Client(**SAME_ORIGIN)
        .post(rate_url(article), {"stars": "5"}, headers={"Accept": "application/json"})
        .status_code
        for _ in range(12)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]
    assert Rating.objects.count() == 10


def test_the_visitor_cookie_is_stored_hashed(client):
    article = ArticleFactory()
    client.post(rate_url(article), {"stars": "5"})
    token = client.cookies["visitor"].value
    assert client.cookies["visitor"]["httponly"]
    assert Rating.objects.get().visitor != token


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_votes_are_neither_lost_nor_doubled():
    """Many visitors at once, and one visitor voting several times at once."""
    article = ArticleFactory()
    barrier = threading.Barrier(12)
    errors = []

    def vote(visitor, stars):
        try:
            barrier.wait()
            article_rate(article=article, visitor=visitor, stars=stars)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=vote, args=(f"visitor-{n}", 1 + n % 5))
        for n in range(8)
    ]
    threads += [
        threading.Thread(target=vote, args=("same-visitor", 3)) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Rating.objects.filter(article=article).count() == 9
    assert Rating.objects.filter(visitor="same-visitor").count() == 1


def test_a_lost_insert_race_becomes_an_update():
    """The same visitor's concurrent first vote: the loser updates the winner's row."""
    article = ArticleFactory()
    Rating.objects.create(article=article, visitor="v", stars=1)
    real_filter = Rating.objects.filter
    calls = []

    def filter_missing_once(*args, **kwargs):
        queryset = real_filter(*args, **kwargs)
        if not calls:
            calls.append(1)
            return queryset.none()
        return queryset

    with mock.patch.object(Rating.objects, "filter", side_effect=filter_missing_once):
        article_rate(article=article, visitor="v", stars=4)
    assert list(Rating.objects.values_list("stars", flat=True)) == [4]
