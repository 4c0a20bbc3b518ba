"""The admin laid out for the work (issue #13): scheduled articles told from
live ones, a way back from a preview, no rating on previews, readable slugs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.text import slugify_vi
from news.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Kế hoạch tháng 12/2026", "ke-hoach-thang-12-2026"),
        ("Ngày 05.12.2019", "ngay-05-12-2019"),
        ("Quyết định 163/QĐ-UBND", "quyet-dinh-163qd-ubnd"),
        ("Đảng bộ / chính quyền", "dang-bo-chinh-quyen"),
    ],
)
def test_slugs_keep_dates_readable(title, slug):
    assert slugify_vi(title) == slug


def test_the_article_list_tells_scheduled_from_live(staff_client):
    when = timezone.make_aware(datetime.datetime(2030, 12, 5, 9, 30))
    ArticleFactory(title_vi="Bài hẹn giờ", publish_at=when)
    ArticleFactory(title_vi="Bài đang đăng")
    ArticleFactory(title_vi="Bài nháp", status=Article.Status.DRAFT)
    html = staff_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "Hẹn giờ đăng 05/12/2030 09:30" in html
    assert "Đang đăng từ" in html
    assert "Nháp" in html


def test_a_preview_links_back_to_the_admin_and_has_no_rating_form(staff_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    html = staff_client.get(draft.get_absolute_url()).content.decode()
    assert reverse("admin:news_article_change", args=[draft.pk]) in html
    assert "Sửa bài" in html
    assert 'id="rating"' not in html


def test_a_public_article_keeps_its_rating_form(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'id="rating"' in html
    assert reverse("admin:news_article_change", args=[article.pk]) not in html
