"""Helpers shared by the discovery tests (feeds, sitemap, metadata)."""

import json
import re
from html.parser import HTMLParser

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.cache import forget_local_version
from tests.factories import ArticleFactory, CategoryFactory


def count_queries(client, url, warm=False):
    """Queries of one request: with cold caches (the worst case: the shared
    cache empty and the content version not yet read), or warm."""
    if warm:
        client.get(url)
    else:
        cache.clear()
        forget_local_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def make_articles(count, category=None):
    category = category or CategoryFactory()
    return ArticleFactory.create_batch(count, category=category)


class HeadParser(HTMLParser):
    """<meta>, <link> and <script> elements of a page, as attribute dicts."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.scripts = [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self._script = {**attrs, "text": ""}
            self.scripts.append(self._script)

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def properties(self, name):
        return [m["content"] for m in self.meta if m.get("property") == name]

    def property(self, name):
        values = self.properties(name)
        assert values, f"no <meta property={name!r}>"
        return values[0]

    def links_with(self, **wanted):
        return [
            link
            for link in self.links
            if all(link.get(key) == value for key, value in wanted.items())
        ]

    def json_ld(self):
        blocks = [s for s in self.scripts if s.get("type") == "application/ld+json"]
        assert len(blocks) == 1, blocks
        return json.loads(blocks[0]["text"])


def parse_head(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def canonical(response):
    links = parse_head(response).links_with(rel="canonical")
    return [link["href"] for link in links]


WHITESPACE = re.compile(r"\s+")
