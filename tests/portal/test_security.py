import base64
import hashlib
import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, PhotoFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_public_pages_carry_the_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_import_map_is_allowed_by_its_hash_only(staff_client):
    response = staff_client.get(reverse("admin:news_article_add"))
    body = re.search(
        rb'<script type="importmap"[^>]*>(.*?)</script>', response.content, re.S
    ).group(1)
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    csp = response["Content-Security-Policy"]
    assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in re.search(r"script-src ([^;]*)", csp).group(1)


def test_stored_xss_in_content_is_escaped_on_public_pages(client):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    article = ArticleFactory(
        title_vi=payload, summary_vi=payload, byline=payload, source=payload
    )
    PhotoFactory(
        article=article, caption_vi=payload, alt_text_vi=payload, credit_vi=payload
    )
    for url in ("/", article.get_absolute_url(), article.category.get_absolute_url()):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content
        assert "<img src=x onerror" not in content
        assert "&lt;script&gt;alert" in content


def test_admin_login_locks_after_repeated_failures(db):
    UserFactory(username="bientap", is_staff=True, password="dung-mat-khau-1")
    client = Client()
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "bientap", "password": "sai"})
    response = client.post(url, {"username": "bientap", "password": "dung-mat-khau-1"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


def test_a_successful_login_resets_the_failure_count(db):
    UserFactory(username="bientap", is_staff=True, password="dung-mat-khau-1")
    client = Client()
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "bientap", "password": "sai"})
    assert (
        client.post(
            url, {"username": "bientap", "password": "dung-mat-khau-1"}
        ).status_code
        == 302
    )


def test_csrf_is_enforced_on_the_admin_login_form(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "a", "password": "b"})
    assert response.status_code == 403


def test_database_outage_gives_a_clear_503_page(client):
    article = ArticleFactory()
    with mock.patch(
        "news.views.ArticleDetailView.get_object",
        side_effect=OperationalError("mất kết nối"),
    ):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Cổng thông tin tạm thời gián đoạn" in response.content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200
