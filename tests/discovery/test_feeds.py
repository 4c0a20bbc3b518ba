"""RSS and Atom feeds: public articles only, in the URL's language, at a
constant number of queries."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory
from tests.helpers import count_queries, make_articles, parse_head

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    return feed, feed.findall(f"{ATOM}entry")


def url(name, language="vi", **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def test_rss_lists_published_articles_only_newest_first(client):
    """Drafts, articles awaiting review and scheduled ones are not in the feed."""
    older = ArticleFactory(
        title_vi="Bài cũ hơn", publish_at=timezone.now() - timedelta(days=2)
    )
    newer = ArticleFactory(title_vi="Bài mới hơn")
    ArticleFactory(title_vi="Bài nháp", status=Article.Status.DRAFT)
    ArticleFactory(title_vi="Bài chờ duyệt", status=Article.Status.REVIEW)
    ArticleFactory(
        title_vi="Bài hẹn giờ", publish_at=timezone.now() + timedelta(hours=2)
    )
    channel, items = rss_items(client, url("feed-rss"))
    assert [item.findtext("title") for item in items] == ["Bài mới hơn", "Bài cũ hơn"]
    assert channel.findtext("language") == "vi"
    first = items[0]
    assert first.findtext("link") == f"http://testserver{newer.get_absolute_url()}"
    assert first.findtext("description") == newer.summary_vi
    assert first.findtext("category") == newer.category.name_vi
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Nguyễn Văn A"
    assert first.findtext("pubDate")
    assert older.get_absolute_url() in items[1].findtext("link")


def test_english_feed_is_in_english_with_vietnamese_fallback(client):
    translated = ArticleFactory(title_en="Town meeting", summary_en="In English.")
    untranslated = ArticleFactory(
        title_vi="Chỉ có tiếng Việt",
        title_en="",
        publish_at=timezone.now() - timedelta(days=1),
    )
    channel, items = rss_items(client, url("feed-rss", "en"))
    assert url("feed-rss", "en").startswith("/en/")
    assert channel.findtext("language") == "en"
    assert [item.findtext("title") for item in items] == [
        "Town meeting",
        "Chỉ có tiếng Việt",
    ]
    assert items[0].findtext("description") == "In English."
    with override("en"):
        assert items[0].findtext("link").endswith(translated.get_absolute_url())
        assert items[1].findtext("link").endswith(untranslated.get_absolute_url())
    assert "/en/" in items[0].findtext("link")


def test_atom_feed_in_both_languages(client):
    article = ArticleFactory(title_en="Town meeting")
    ArticleFactory(status=Article.Status.DRAFT)
    for language, title in (("vi", article.title_vi), ("en", "Town meeting")):
        feed, entries = atom_entries(client, url("feed-atom", language))
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == [title]
        assert entries[0].find(f"{ATOM}updated") is not None
        self_link = [
            link.get("href")
            for link in feed.findall(f"{ATOM}link")
            if link.get("rel") == "self"
        ]
        assert self_link == [f"http://testserver{url('feed-atom', language)}"]


def test_category_feeds_list_only_that_category(client):
    category = CategoryFactory(name_vi="Quốc phòng", name_en="Defence")
    mine = ArticleFactory(category=category, title_vi="Tin quốc phòng")
    ArticleFactory(title_vi="Tin chuyên mục khác")
    ArticleFactory(category=category, status=Article.Status.DRAFT)
    channel, items = rss_items(client, url("category-feed-rss", slug=category.slug))
    assert [item.findtext("title") for item in items] == [mine.title_vi]
    assert "Quốc phòng" in channel.findtext("title")
    channel, items = rss_items(
        client, url("category-feed-rss", "en", slug=category.slug)
    )
    assert "Defence" in channel.findtext("title")
    feed, entries = atom_entries(client, url("category-feed-atom", slug=category.slug))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [mine.title_vi]


def test_unknown_category_feed_is_not_found(client):
    assert client.get(url("category-feed-rss", slug="khong-co")).status_code == 404


def test_feed_titles_are_escaped_xml(client):
    ArticleFactory(title_vi='Tin <b>đậm</b> & "trích dẫn"')
    _, items = rss_items(client, url("feed-rss"))
    # Django double-escapes RSS titles (readers render them as HTML).
    assert "<b>" not in items[0].findtext("title")
    assert "đậm" in items[0].findtext("title")


@pytest.mark.parametrize(
    "name", ["feed-rss", "feed-atom", "category-feed-rss", "category-feed-atom"]
)
def test_feeds_run_a_constant_number_of_queries(client, name):
    """1 query for the articles (2 with the category), at 1 and 30 articles."""
    category = CategoryFactory()
    kwargs = {"slug": category.slug} if name.startswith("category") else {}
    feed_url = url(name, **kwargs)
    make_articles(1, category=category)
    one = count_queries(client, feed_url)
    make_articles(29, category=category)
    thirty = count_queries(client, feed_url)
    assert one == thirty == (2 if kwargs else 1)


def test_pages_announce_the_feeds_in_their_head(client):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    for page in ("/", article.get_absolute_url(), category.get_absolute_url()):
        head = parse_head(client.get(page))
        rss = head.links_with(rel="alternate", type="application/rss+xml")
        assert url("feed-rss") in [link["href"] for link in rss], page
        assert head.links_with(rel="alternate", type="application/atom+xml")
    head = parse_head(client.get(category.get_absolute_url()))
    hrefs = [
        link["href"]
        for link in head.links_with(rel="alternate", type="application/rss+xml")
    ]
    assert url("category-feed-rss", slug=category.slug) in hrefs
    head = parse_head(client.get("/en/"))
    hrefs = [
        link["href"]
        for link in head.links_with(rel="alternate", type="application/rss+xml")
    ]
    assert url("feed-rss", "en") in hrefs
