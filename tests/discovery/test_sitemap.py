"""sitemap.xml (every public page in both languages, with hreflang
alternates) and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from awards.models import Decision
from news.models import Article
from tests.awards.factories import DecisionFactory
from tests.factories import ArticleFactory, CategoryFactory
from tests.helpers import count_queries, make_articles

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HOST = "http://testserver"


def sitemap(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    entries = {}
    for entry in root.findall(f"{SM}url"):
        entries[entry.findtext(f"{SM}loc")] = {
            "lastmod": entry.findtext(f"{SM}lastmod"),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in entry.findall(f"{XHTML}link")
                if link.get("rel") == "alternate"
            },
        }
    return entries


def both(obj_or_name):
    urls = {}
    for language in ("vi", "en"):
        with override(language):
            path = (
                reverse(obj_or_name)
                if isinstance(obj_or_name, str)
                else obj_or_name.get_absolute_url()
            )
        urls[language] = HOST + path
    return urls


def test_sitemap_lists_public_articles_categories_and_decisions_in_both_languages(
    client,
):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    decision = DecisionFactory()
    for obj in (article, category, decision, "home", "glossary"):
        urls = both(obj)
        assert urls["en"].startswith(f"{HOST}/en/")
        entries = sitemap(client)
        for language in ("vi", "en"):
            assert urls[language] in entries, (obj, urls[language])
    assert entries[both(article)["vi"]]["lastmod"]


def test_sitemap_leaves_out_what_the_public_may_not_see(client):
    public = ArticleFactory()
    hidden = [
        ArticleFactory(status=Article.Status.DRAFT),
        ArticleFactory(status=Article.Status.REVIEW),
        ArticleFactory(publish_at=timezone.now() + timedelta(days=1)),
        DecisionFactory(status=Decision.Status.DRAFT),
        DecisionFactory(status=Decision.Status.REVOKED),
    ]
    entries = sitemap(client)
    assert both(public)["vi"] in entries
    locations = " ".join(entries)
    for obj in hidden:
        for url in both(obj).values():
            assert url not in entries
        assert obj.get_absolute_url() not in locations


def test_every_url_has_hreflang_alternates_and_x_default(client):
    article = ArticleFactory()
    entries = sitemap(client)
    urls = both(article)
    for language in ("vi", "en"):
        assert entries[urls[language]]["alternates"] == {
            "vi": urls["vi"],
            "en": urls["en"],
            "x-default": urls["vi"],
        }
    for location, entry in entries.items():
        assert set(entry["alternates"]) == {"vi", "en", "x-default"}, location


def test_sitemap_runs_a_constant_number_of_queries(client):
    category = CategoryFactory()
    make_articles(1, category=category)
    DecisionFactory()
    one = count_queries(client, reverse("sitemap"))
    make_articles(29, category=category)
    CategoryFactory.create_batch(5)
    DecisionFactory.create_batch(29)
    thirty = count_queries(client, reverse("sitemap"))
    # categories, articles, decisions, documents, drafts, questions, albums, units
    # and about pages, and the content version read by the context processor (the
    # sitemap template is rendered with the request).
    assert one == thirty <= 10
    # Pages: home, honour roll, glossary, documents, consultation, questions, photo
    # library, the about pages and the schedule; the town's People's Committee is
    # a public unit from the migrations.
    assert len(sitemap(client)) == 2 * (7 + 5 + 1 + 6 + 30 + 30)


def test_robots_txt_allows_all_but_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines


@override_settings(ADMIN_URL="quan-tri-1234/")
def test_robots_txt_follows_the_admin_url_setting(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /quan-tri-1234/" in lines
