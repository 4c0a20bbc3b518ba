"""Property-based and fuzz tests: hostile HTML and URL parameters."""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.html import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    sanitize_html,
)
from tests.factories import ArticleFactory

DANGEROUS_PIECES = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">', '<a href="jav&#x09;ascript:alert(1)">', "<iframe>",
    '<p style="x:expression(alert(1))">', "<style>", "<!--", "-->", "<![CDATA[", "<math>",
    "<a href='data:text/html,<script>'>", "onclick=", "<object>", "<embed>", "<base href=//x>",
    "<form action=javascript:x>", "<meta http-equiv=refresh>", "<p>", "</p>", "<a>", "\"", "'",
    ">", "<", "&", "&#0;", "\x00", "Hồng Lĩnh", "<strong>", "<a href=\"https://x.vn\">",
]  # fmt: skip
hostile_html = st.lists(
    st.one_of(st.sampled_from(DANGEROUS_PIECES), st.text(max_size=20)), max_size=30
).map("".join)


class AllowListChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag {tag}")
        for name, value in attrs:
            if name == "rel" and tag == "a":
                continue
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.problems.append(f"attribute {name} on {tag}")
            if name == "href" and value and ":" in value.split("/")[0]:
                scheme = value.split(":", 1)[0].strip().lower()
                if scheme not in ALLOWED_URL_SCHEMES:
                    self.problems.append(f"scheme {scheme}")


@given(hostile_html)
@settings(max_examples=400, deadline=None)
def test_sanitised_html_only_ever_contains_allow_listed_markup(html):
    cleaned = sanitize_html(html)
    checker = AllowListChecker()
    checker.feed(cleaned)
    checker.close()
    assert checker.problems == []
    assert "<script" not in cleaned.lower()


@given(hostile_html)
@example('<p><object><p style="x:expression(alert(1))">')  # found by Hypothesis
@settings(max_examples=200, deadline=None)
def test_sanitising_is_idempotent(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


GARBAGE = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "%",
            "'",
            '"',
            "\\",
            "../../etc/passwd",
            "%00",
            "1 OR 1=1",
            "9" * 5000,
            "-1",
            "0",
        ]
    ),
)


@pytest.mark.django_db
@given(value=GARBAGE)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_garbage_page_numbers_never_give_a_server_error(client, value):
    response = client.get("/chuyen-muc/khong-co/", {"page": value})
    assert response.status_code == 404
    response = client.get("/", {"page": value, "q": value, "lang": value})
    assert response.status_code == 200


@pytest.mark.django_db
@given(slug=st.text(min_size=1, max_size=400))
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_garbage_slugs_never_give_a_server_error(client, slug):
    for prefix in ("/tin-tuc/", "/chuyen-muc/", "/en/news/", "/"):
        response = client.get(prefix + quote(slug, safe="") + "/")
        assert response.status_code in {200, 301, 302, 404}, (prefix, slug)


@pytest.mark.django_db
def test_real_category_with_garbage_page_numbers(client):
    article = ArticleFactory()
    url = article.category.get_absolute_url()
    for value in ["", "abc", "-5", "0", "1.5", "9" * 400, "%", "'", "1e3", "２"]:
        assert client.get(url, {"page": value}).status_code in {200, 404}, value
