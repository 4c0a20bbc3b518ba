"""The newsroom dashboard on the admin's home page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article, ArticleRevision
from news.services import article_return, article_save_revision
from tests.factories import ArticleFactory
from tests.news.newsroom_helpers import approver, editor, reporter

pytestmark = pytest.mark.django_db

Status = Article.Status


def section(page, element_id):
    start = page.index(f'id="{element_id}"')
    ends = [page.find(tag, start) for tag in ("</div>", "</section>")]
    return page[start : min(end for end in ends if end != -1)]


def test_each_list_shows_what_it_names(client):
    author = reporter()
    now = timezone.now()
    ArticleFactory(title_vi="Nháp của tôi", status=Status.DRAFT, created_by=author)
    ArticleFactory(title_vi="Nháp người khác", status=Status.DRAFT)
    ArticleFactory(title_vi="Bài chờ duyệt", status=Status.REVIEW, created_by=author)
    ArticleFactory(title_vi="Hẹn giờ", publish_at=now + timedelta(days=2))
    ArticleFactory(title_vi="Hẹn tháng sau", publish_at=now + timedelta(days=30))
    ArticleFactory(title_vi="Mới đăng", publish_at=now - timedelta(minutes=5))
    returned = ArticleFactory(
        title_vi="Bị trả", status=Status.REVIEW, created_by=author
    )
    article_return(article=returned, user=editor(), comment="Thêm ảnh")
    client.force_login(author)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Nháp của tôi" in section(page, "dashboard-drafts")
    assert "Nháp người khác" not in page
    assert "Bài chờ duyệt" in section(page, "dashboard-waiting")
    assert "Hẹn giờ" in section(page, "dashboard-scheduled")
    assert "Hẹn tháng sau" not in page
    assert "Mới đăng" in section(page, "dashboard-published")
    assert "Hẹn giờ" not in section(page, "dashboard-published")
    assert "Thêm ảnh" in section(page, "dashboard-returned")
    assert page.index("dashboard-returned") < page.index("dashboard-drafts")


def test_reviewers_see_every_article_and_edit_waiting(client):
    author = reporter()
    ArticleFactory(title_vi="Bài của phóng viên", status=Status.REVIEW)
    live = ArticleFactory(title_vi="Bài đang đăng", created_by=author)
    article_save_revision(
        article=live, user=author, content={"title_vi": "Bài đang đăng (sửa)"}
    )
    client.force_login(approver())
    waiting = section(
        client.get(reverse("admin:index")).content.decode(), "dashboard-waiting"
    )
    assert "Bài của phóng viên" in waiting
    assert "Bài đang đăng" in waiting
    assert reverse("admin:news_article_review", args=[live.pk]) in waiting


def test_the_query_count_does_not_grow_with_articles(client):
    author = reporter()
    client.force_login(author)
    desk = editor()

    def make(count):
        for _index in range(count):
            ArticleFactory(status=Status.DRAFT, created_by=author)
            returned = ArticleFactory(status=Status.REVIEW, created_by=author)
            article_return(article=returned, user=desk, comment="Sửa")
            live = ArticleFactory(created_by=author)
            revision = article_save_revision(
                article=live, user=author, content={"title_vi": "x"}
            )
            revision.state = ArticleRevision.State.RETURNED
            revision.save()
            ArticleFactory(publish_at=timezone.now() + timedelta(days=1))

    make(1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("admin:index"))
    make(12)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("admin:index"))
    assert len(small) == len(large)


def test_the_dashboard_shows_the_most_read_articles_of_the_week(client):
    client.force_login(approver())
    page = client.get(reverse("admin:index")).content.decode()
    assert "newsroom-dashboard" in page
    assert "most-read-dashboard" in page


def test_the_most_read_place_shows_the_template_an_app_provides(client, tmp_path):
    folder = tmp_path / "admin" / "dashboard"
    folder.mkdir(parents=True)
    (folder / "most_read.html").write_text(
        '<div id="most-read">{{ user.get_username }}</div>'
    )
    from django.conf import settings

    templates = [{**settings.TEMPLATES[0]}]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    with override_settings(TEMPLATES=templates):
        client.force_login(approver())
        page = client.get(reverse("admin:index")).content.decode()
    assert '<div id="most-read">lanhdao</div>' in page


def test_the_article_list_starts_with_what_was_returned_to_me(client):
    author = reporter()
    article = ArticleFactory(title_vi="Bị trả", status=Status.REVIEW, created_by=author)
    article_return(article=article, user=editor(), comment="Kiểm tra lại số liệu")
    client.force_login(author)
    page = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "Kiểm tra lại số liệu" in section(page, "changelist-returned")
    assert page.index("changelist-returned") < page.index('id="result_list"')
    client.force_login(editor("bientap2"))
    page = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "changelist-returned" not in page
