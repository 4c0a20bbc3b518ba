"""Views per article and the "most read" block: counted in the cache, moved
to the database in one batch a minute, bots and staff not counted, the block
a hole of cached pages that changes after a flush."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.cache import forget_local_version
from core.counting import BatchQueue
from news import most_read
from news.models import Article, ArticleViews
from tests.factories import ArticleFactory, UserFactory
from tests.limits import COLD_PAGE_QUERIES

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def reader():
    return Client(**BROWSER)


def hold_flushes():
    """As if a flush had just run: the next one is a minute away."""
    cache.set(most_read.FLUSH_LOCK_KEY, 1, 60)
    cache.set("stats:flush-lock", 1, 60)  # the visit statistics' own flush


def views_of(article):
    return sum(article.daily_views.values_list("views", flat=True))


def read(client, article, times=1, **headers):
    for _ in range(times):
        response = client.get(article.get_absolute_url(), **headers)
        assert response.status_code == 200
    return response


def block(content):
    start = content.find('class="most-read"')
    return content[start : content.find("</section>", start)] if start >= 0 else ""


def test_views_are_counted_in_the_cache_and_stored_by_the_flush(reader):
    article = ArticleFactory()
    hold_flushes()
    read(reader, article, times=5)
    assert views_of(article) == 0
    assert most_read.flush_views() == 5
    row = ArticleViews.objects.get(article=article)
    assert (row.day, row.views) == (timezone.localdate(), 5)
    read(reader, article, times=2)
    assert most_read.flush_views() == 2
    assert ArticleViews.objects.get(article=article).views == 7
    # Nothing waits any more: a flush adds nothing twice.
    assert most_read.flush_views() == 0
    assert views_of(article) == 7


def test_a_page_view_writes_nothing_to_the_database(reader, settings):
    """Warm cached page or not, 30 views run no INSERT/UPDATE/DELETE and the
    same few queries as one view."""
    # The content version is read again every half second: not in this test.
    settings.CONTENT_VERSION_RECHECK_SECONDS = 600
    article = ArticleFactory()
    hold_flushes()
    read(reader, article)  # fills the page cache
    with CaptureQueriesContext(connection) as one:
        read(reader, article)
    with CaptureQueriesContext(connection) as thirty:
        response = read(reader, article, times=30)
    assert response.from_page_cache
    statements = [query["sql"] for query in thirty.captured_queries]
    assert not [sql for sql in statements if sql.lstrip().upper().startswith(WRITES)]
    assert len(thirty) <= 30 * len(one)
    assert len(one) <= 2
    assert most_read.flush_views() == 32


def test_the_flush_runs_once_a_minute_from_a_page_view(reader):
    article = ArticleFactory()
    read(reader, article)  # no flush yet this minute: this view flushes
    assert views_of(article) == 1
    read(reader, article, times=3)  # within the minute: counted, not stored
    assert views_of(article) == 1
    cache.delete(most_read.FLUSH_LOCK_KEY)  # a minute later
    read(reader, article)
    assert views_of(article) == 5


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0",
    ],
)
def test_bots_are_not_counted(agent):
    article = ArticleFactory()
    read(Client(), article, times=2, HTTP_USER_AGENT=agent)
    most_read.flush_views()
    assert views_of(article) == 0


def test_staff_previews_head_requests_and_missing_pages_are_not_counted(reader):
    article = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    staff = Client(**BROWSER)
    staff.force_login(UserFactory(username="bientap", is_staff=True))
    read(staff, article)
    assert staff.get(draft.get_absolute_url()).status_code == 200
    assert reader.head(article.get_absolute_url()).status_code == 200
    assert reader.get(draft.get_absolute_url()).status_code == 404
    assert reader.get("/tin-tuc/khong-co-bai-nay/").status_code == 404
    most_read.flush_views()
    assert not ArticleViews.objects.exists()


def test_no_personal_data_is_kept(reader):
    """What reaches the cache and the database is article numbers and counts."""
    article = ArticleFactory()
    hold_flushes()
    read(reader, article, REMOTE_ADDR="203.0.113.9")
    batches, _done = most_read.queue.take()
    assert batches == [
        {"day": timezone.localdate().isoformat(), "views": {article.pk: 1}}
    ]
    fields = {field.name for field in ArticleViews._meta.get_fields()}
    assert fields == {"id", "article", "day", "views"}


def test_the_block_lists_the_most_read_of_the_last_seven_days():
    today = timezone.localdate()
    old, recent, top, hidden = (
        ArticleFactory(title_vi=title)
        for title in ("Bài cũ", "Bài gần đây", "Bài đọc nhiều", "Bài đã gỡ")
    )
    ArticleViews.objects.create(article=old, day=today - timedelta(days=7), views=900)
    ArticleViews.objects.create(article=recent, day=today - timedelta(days=6), views=3)
    ArticleViews.objects.create(article=top, day=today, views=1200)
    ArticleViews.objects.create(article=top, day=today - timedelta(days=1), views=34)
    ArticleViews.objects.create(article=hidden, day=today, views=5000)
    hidden.status = Article.Status.DRAFT
    hidden.save()
    found = list(Article.objects.most_read(7))
    assert [(a.title, a.recent_views) for a in found] == [
        ("Bài đọc nhiều", 1234),
        ("Bài gần đây", 3),
    ]
    content = Client().get("/").content.decode()
    html = block(content)
    assert "Đọc nhiều nhất" in html
    assert html.index("Bài đọc nhiều") < html.index("Bài gần đây")
    assert "1.234 lượt xem" in html
    assert "Bài cũ" not in html and "Bài đã gỡ" not in html


def test_no_block_before_anything_was_read(client):
    ArticleFactory()
    assert 'class="most-read"' not in client.get("/").content.decode()


def test_the_block_changes_after_views_and_a_flush_on_cached_pages(reader):
    """The home and article pages are served whole from the cache; their
    block is a hole that shows the new counts once they are flushed."""
    first = ArticleFactory(title_vi="Bài thứ nhất")
    second = ArticleFactory(title_vi="Bài thứ hai")
    hold_flushes()
    read(reader, first, times=2)
    most_read.flush_views()
    home = reader.get("/")
    assert "Bài thứ nhất" in block(home.content.decode())
    assert "Bài thứ hai" not in block(home.content.decode())
    read(reader, second, times=5)
    cached = reader.get("/")
    assert cached.from_page_cache
    assert "Bài thứ hai" not in block(cached.content.decode())  # not flushed yet
    with CaptureQueriesContext(connection) as flush_queries:
        most_read.flush_views()
    assert len(flush_queries) <= 8  # one batch, whatever the number of views
    for url in ("/", first.get_absolute_url()):
        response = reader.get(url)
        assert response.from_page_cache
        html = block(response.content.decode())
        assert html.index("Bài thứ hai") < html.index("Bài thứ nhất"), url
        assert "5 lượt xem" in html


def test_pages_with_the_block_run_a_constant_number_of_queries(reader):
    def queries(url):
        cache.clear()
        forget_local_version()
        hold_flushes()
        with CaptureQueriesContext(connection) as cold:
            reader.get(url)
        with CaptureQueriesContext(connection) as warm:
            response = reader.get(url)
        assert response.from_page_cache
        return len(cold), len(warm)

    hold_flushes()
    article = ArticleFactory()
    ArticleViews.objects.create(article=article, day=timezone.localdate(), views=1)
    one = queries("/"), queries(article.get_absolute_url())
    for other in ArticleFactory.create_batch(12):
        ArticleViews.objects.create(article=other, day=timezone.localdate(), views=2)
    many = queries("/"), queries(article.get_absolute_url())
    assert one == many, (one, many)
    assert all(cold <= COLD_PAGE_QUERIES and warm == 0 for cold, warm in many), many


def test_english_pages_show_the_block_in_english_with_fallback_titles(reader):
    article = ArticleFactory(title_vi="Chỉ có tiếng Việt", title_en="")
    ArticleViews.objects.create(article=article, day=timezone.localdate(), views=2)
    html = block(reader.get("/en/").content.decode())
    assert "Most read" in html
    assert 'lang="vi"' in html and "Chỉ có tiếng Việt" in html
    assert "2 views" in html


def test_the_database_away_leaves_the_views_waiting(reader):
    article = ArticleFactory()
    hold_flushes()
    read(reader, article, times=3)
    with mock.patch.object(most_read, "_store", side_effect=DatabaseError):
        assert most_read.flush_views() == 0
    assert most_read.flush_views() == 3
    assert views_of(article) == 3


def test_views_of_a_deleted_article_are_dropped(reader):
    kept, deleted = ArticleFactory(), ArticleFactory()
    hold_flushes()
    read(reader, kept)
    read(reader, deleted)
    deleted.delete()
    assert most_read.flush_views() == 1
    assert views_of(kept) == 1


def test_a_batch_still_being_written_is_taken_at_the_next_flush():
    queue = BatchQueue("test:queue")
    queue.push("a")
    # A process has taken number 2 but not yet stored its batch.
    cache.incr(queue.sequence_key)
    queue.push("c")
    batches, done = queue.take()
    assert batches == ["a", "c"]
    done()
    cache.set(queue._key(2), "b")  # now stored
    batches, done = queue.take()
    assert batches == ["b"]
    done()
    # Numbers never stored are given up after one more flush.
    cache.incr(queue.sequence_key)
    assert queue.take()[0] == []
    queue.take()[1]()
    queue.take()[1]()
    queue.push("e")
    assert queue.take()[0] == ["e"]


def test_the_command_flushes(reader, capsys):
    article = ArticleFactory()
    hold_flushes()
    read(reader, article, times=4)
    call_command("flush_article_views")
    assert "4" in capsys.readouterr().out
    assert views_of(article) == 4


def test_views_appear_in_the_article_admin(client):
    client.force_login(
        UserFactory(username="quantri", is_staff=True, is_superuser=True)
    )
    url = reverse("admin:news_article_changelist")

    def changelist():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return response.content.decode(), len(queries)

    article = ArticleFactory()
    ArticleViews.objects.create(article=article, day=timezone.localdate(), views=790)
    ArticleViews.objects.create(
        article=article, day=timezone.localdate() - timedelta(days=30), views=790202
    )
    content, one = changelist()
    assert "Lượt xem" in content
    assert "790.992" in content
    for other in ArticleFactory.create_batch(10):
        ArticleViews.objects.create(article=other, day=timezone.localdate(), views=1)
    content, many = changelist()
    assert one == many
    # Sortable by views, most viewed first.
    view_column = list(response_columns(client, url)).index("view_count")
    response = client.get(url, {"o": f"-{view_column}"})
    assert response.context["cl"].result_list[0] == article


def response_columns(client, url):
    return client.get(url).context["cl"].list_display


def test_the_dashboard_tag_lists_the_most_read(django_assert_max_num_queries):
    article = ArticleFactory(title_vi="Bài nổi bật tuần")
    ArticleViews.objects.create(article=article, day=timezone.localdate(), views=1500)
    template = Template("{% load news_tags %}{% most_read_articles 7 %}")
    with translation.override("vi"), django_assert_max_num_queries(2):
        html = template.render(Context({}))
    assert "Đọc nhiều nhất trong 7 ngày qua" in html
    assert "Bài nổi bật tuần" in html and "1.500" in html
    assert f"/admin/news/article/{article.pk}/change/" in html
    empty = Template("{% load news_tags %}{% most_read_articles 1 %}")
    ArticleViews.objects.all().delete()
    assert "Chưa có lượt xem nào" in empty.render(Context({}))
