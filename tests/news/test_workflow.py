"""The newsroom workflow: a published article edited by someone who may not
publish stays as it was until approved; review steps with comments; the
optimistic lock; versions compared and restored (docs/NEWSROOM.md)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article, ArticleRevision, ArticleTransition
from news.services import (
    article_approve,
    article_return,
    article_save_revision,
    article_submit,
)
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.news.newsroom_helpers import (
    approver,
    change_form,
    change_url,
    edit_token,
    editor,
    reporter,
    review_url,
    versions_url,
)
from tests.news.test_admin import article_form

pytestmark = pytest.mark.django_db

Status = Article.Status
Action = ArticleTransition.Action


class TestEditingAPublishedArticle:
    def test_a_reporters_edit_waits_and_the_public_keeps_the_published_text(
        self, client
    ):
        """The defect of issue #12: the edit must not go live."""
        author = reporter()
        article = ArticleFactory(created_by=author, title_vi="Tiêu đề đang đăng")
        client.force_login(author)
        response = client.post(
            change_url(article),
            change_form(
                article,
                title_vi="Tiêu đề sửa chưa duyệt",
                edit_token=edit_token(client, article),
            ),
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title_vi == "Tiêu đề đang đăng"
        assert article.status == Status.PUBLISHED
        revision = article.revisions.get()
        assert revision.state == ArticleRevision.State.PENDING
        assert revision.content["title_vi"] == "Tiêu đề sửa chưa duyệt"
        client.logout()
        home = client.get("/").content.decode()
        page = client.get(article.get_absolute_url()).content.decode()
        for html in (home, page):
            assert "Tiêu đề sửa chưa duyệt" not in html
        assert "Tiêu đề đang đăng" in page

    def test_the_author_goes_on_from_the_pending_edit(self, client):
        author = reporter()
        article = ArticleFactory(created_by=author)
        client.force_login(author)
        client.post(
            change_url(article),
            change_form(
                article, title_vi="Bản sửa một", edit_token=edit_token(client, article)
            ),
        )
        page = client.get(change_url(article)).content.decode()
        assert 'value="Bản sửa một"' in page
        assert "chờ duyệt" in page
        client.post(
            change_url(article),
            change_form(
                article, title_vi="Bản sửa hai", edit_token=edit_token(client, article)
            ),
        )
        states = dict(article.revisions.values_list("content__title_vi", "state"))
        assert states == {
            "Bản sửa một": ArticleRevision.State.SUPERSEDED,
            "Bản sửa hai": ArticleRevision.State.PENDING,
        }

    def test_the_photos_and_time_of_a_published_article_are_read_only_for_a_reporter(
        self, client
    ):
        author = reporter()
        article = ArticleFactory(created_by=author)
        client.force_login(author)
        page = client.get(change_url(article)).content.decode()
        assert 'name="photos-0-image"' not in page
        assert 'name="publish_at_0"' not in page
        before = article.publish_at
        client.post(
            change_url(article),
            change_form(
                article,
                publish_at_0="01/01/2099",
                edit_token=edit_token(client, article),
            ),
        )
        article.refresh_from_db()
        assert article.publish_at == before

    def test_an_approver_publishes_the_edit_after_seeing_the_difference(self, client):
        author = reporter()
        article = ArticleFactory(created_by=author, title_vi="Cũ")
        client.force_login(author)
        client.post(
            change_url(article),
            change_form(
                article,
                title_vi="Mới",
                body_vi="<p>Đoạn mới.</p><script>alert(1)</script>",
                edit_token=edit_token(client, article),
            ),
        )
        boss = approver()
        client.force_login(boss)
        review = client.get(review_url(article)).content.decode()
        assert "<del>Cũ</del>" in review
        assert "<ins>Mới</ins>" in review
        assert "<script>alert" not in review
        assert 'value="approve"' in review
        client.post(review_url(article), {"action": "approve"})
        article.refresh_from_db()
        assert article.title_vi == "Mới"
        assert "script" not in article.body_vi
        assert article.revisions.get().state == ArticleRevision.State.APPROVED
        assert article.transitions.filter(action=Action.EDIT_APPROVE).exists()

    def test_an_editor_returns_the_edit_with_a_comment(self, client):
        author = reporter()
        article = ArticleFactory(created_by=author, title_vi="Cũ")
        client.force_login(author)
        client.post(
            change_url(article),
            change_form(
                article, title_vi="Mới", edit_token=edit_token(client, article)
            ),
        )
        client.force_login(editor())
        client.post(review_url(article), {"action": "return", "comment": "Sai tên"})
        assert article.revisions.get().state == ArticleRevision.State.RETURNED
        client.force_login(author)
        home = client.get(reverse("admin:index")).content.decode()
        assert "Sai tên" in home
        article.refresh_from_db()
        assert article.title_vi == "Cũ"

    def test_an_approver_edits_the_published_article_directly(self, client):
        client.force_login(approver())
        article = ArticleFactory(title_vi="Cũ")
        client.post(
            change_url(article),
            change_form(
                article, title_vi="Mới", edit_token=edit_token(client, article)
            ),
        )
        article.refresh_from_db()
        assert article.title_vi == "Mới"
        assert not article.revisions.exists()


def test_round_trip_with_a_return_and_every_step_recorded(client):
    """Reporter writes and submits with a note; editor returns with a comment;
    the reporter sees it first on the admin home, fixes and resubmits;
    the approver publishes."""
    author, desk, boss = reporter(), editor(), approver()
    client.force_login(author)
    client.post(reverse("admin:news_article_add"), article_form(CategoryFactory()))
    article = Article.objects.get()
    assert article.created_by == author
    client.post(
        review_url(article), {"action": "submit", "comment": "Nhờ anh xem giúp"}
    )
    client.force_login(desk)
    assert article.title_vi in client.get(reverse("admin:index")).content.decode()
    client.post(review_url(article), {"action": "return", "comment": "Thiếu nguồn tin"})
    client.force_login(author)
    home = client.get(reverse("admin:index")).content.decode()
    returned = home.index("Bài bị trả lại cho tôi")
    assert returned < home.index("Thiếu nguồn tin") < home.index("Bản nháp của tôi")
    article.refresh_from_db()
    client.post(
        change_url(article),
        change_form(
            article,
            source_vi="Văn phòng UBND",
            status="review",
            edit_token=edit_token(client, article),
        ),
    )
    client.force_login(boss)
    client.post(review_url(article), {"action": "approve", "comment": "Đồng ý"})
    assert Article.objects.published().get().source_vi == "Văn phòng UBND"
    steps = list(
        article.transitions.order_by("created_at", "pk").values_list(
            "action", "user__username", "from_status", "to_status", "comment"
        )
    )
    assert steps == [
        (Action.SUBMIT, "phongvien", "draft", "review", "Nhờ anh xem giúp"),
        (Action.RETURN, "bientap", "review", "returned", "Thiếu nguồn tin"),
        (Action.SUBMIT, "phongvien", "returned", "review", ""),
        (Action.APPROVE, "lanhdao", "review", "published", "Đồng ý"),
    ]
    page = client.get(change_url(article)).content.decode()
    assert "Thiếu nguồn tin" in page


def test_services_refuse_what_the_role_may_not_do():
    author = reporter()
    article = ArticleFactory(status=Status.DRAFT, created_by=author)
    with pytest.raises(PermissionDenied):
        article_approve(article=article, user=author)
    with pytest.raises(PermissionDenied):
        article_return(article=article, user=author, comment="x")
    with pytest.raises(PermissionDenied):
        article_submit(article=article, user=reporter("nguoikhac"))
    article_submit(article=article, user=author)
    with pytest.raises(PermissionDenied):
        article_submit(article=article, user=author)  # already waiting


class TestOptimisticLock:
    def test_the_second_save_is_refused_and_both_texts_are_kept(self, client):
        first, second = editor("bientap1"), editor("bientap2")
        article = ArticleFactory(status=Status.DRAFT, title_vi="Gốc")
        client.force_login(first)
        token_first = edit_token(client, article)
        client.force_login(second)
        token_second = edit_token(client, article)
        client.force_login(first)
        assert (
            client.post(
                change_url(article),
                change_form(
                    article, title_vi="Bản của người thứ nhất", edit_token=token_first
                ),
            ).status_code
            == 302
        )
        client.force_login(second)
        response = client.post(
            change_url(article),
            change_form(
                article, title_vi="Bản của người thứ hai", edit_token=token_second
            ),
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "đã được người khác lưu" in page
        assert "bientap1" in page
        assert 'value="Bản của người thứ hai"' in page  # the second text, kept
        assert "<del>Bản của người thứ nhất" in page or "người thứ nhất" in page
        article.refresh_from_db()
        assert article.title_vi == "Bản của người thứ nhất"
        # Having read the other text, the second editor may save.
        token = response.content.decode().split('name="edit_token" value="')[1]
        token = token.split('"')[0]
        assert token != token_second
        client.post(
            change_url(article),
            change_form(article, title_vi="Bản đã gộp", edit_token=token),
        )
        article.refresh_from_db()
        assert article.title_vi == "Bản đã gộp"

    def test_a_pending_edit_by_someone_else_also_counts(self, client):
        one, two = reporter("pv1"), editor("bt1")
        article = ArticleFactory(created_by=one)
        client.force_login(two)
        stale = edit_token(client, article)
        client.force_login(one)
        client.post(
            change_url(article),
            change_form(
                article, title_vi="Sửa 1", edit_token=edit_token(client, article)
            ),
        )
        client.force_login(two)
        response = client.post(
            change_url(article),
            change_form(article, title_vi="Sửa 2", edit_token=stale),
        )
        assert response.status_code == 200
        assert article.revisions.get().content["title_vi"] == "Sửa 1"

    def test_each_save_raises_the_version(self):
        article = ArticleFactory()
        version = article.version
        article.save()
        article.refresh_from_db()
        assert article.version == version + 1


class TestVersions:
    def test_any_two_versions_compare_side_by_side_in_both_languages(self, client):
        client.force_login(editor())
        article = ArticleFactory(
            status=Status.DRAFT, title_vi="Một", title_en="One", body_vi="<p>A b</p>"
        )
        article.title_vi, article.title_en, article.body_vi = "Hai", "Two", "<p>A c</p>"
        article.save()
        old, new = article.history.order_by("history_id")[:2]
        response = client.get(
            versions_url(article),
            {"a": f"h{old.history_id}", "b": f"h{new.history_id}"},
        )
        page = response.content.decode()
        for text in (
            "<del>Một</del>",
            "<ins>Hai</ins>",
            "<del>One</del>",
            "<ins>Two</ins>",
        ):
            assert text in page
        assert "<del>b</del>" in page and "<ins>c</ins>" in page

    @pytest.mark.parametrize("query", [{"a": "h999999", "b": "x"}, {"a": "<b>"}])
    def test_unknown_versions_give_a_clear_message(self, client, query):
        client.force_login(editor())
        article = ArticleFactory()
        response = client.get(versions_url(article), query)
        assert response.status_code == 200
        assert "Hãy chọn hai phiên bản" in response.content.decode()

    def test_an_old_version_of_a_published_article_restores_as_a_pending_edit(
        self, client
    ):
        client.force_login(editor())
        article = ArticleFactory(title_vi="Bản đầu")
        article.title_vi = "Bản đang đăng"
        article.save()
        first = article.history.order_by("history_id").first()
        client.post(versions_url(article), {"restore": f"h{first.history_id}"})
        article.refresh_from_db()
        assert article.title_vi == "Bản đang đăng"
        assert Article.objects.published().get().title_vi == "Bản đang đăng"
        revision = article.revisions.get()
        assert revision.content["title_vi"] == "Bản đầu"
        assert revision.state == ArticleRevision.State.PENDING
        assert article.transitions.filter(action=Action.RESTORE).exists()

    def test_an_old_version_of_a_draft_becomes_its_new_draft(self, client):
        client.force_login(editor())
        article = ArticleFactory(status=Status.RETURNED, title_vi="Bản đầu")
        article.title_vi = "Bản sau"
        article.save()
        first = article.history.order_by("history_id").first()
        client.post(versions_url(article), {"restore": f"h{first.history_id}"})
        article.refresh_from_db()
        assert (article.title_vi, article.status) == ("Bản đầu", Status.DRAFT)
        assert article.history.count() == 3  # nothing overwritten

    def test_restoring_nothing_is_a_clear_error(self, client):
        client.force_login(editor())
        article = ArticleFactory()
        response = client.post(versions_url(article), {"restore": "h0"}, follow=True)
        assert "Hãy chọn một phiên bản" in response.content.decode()

    def test_simple_historys_revert_is_closed(self, client):
        """It would write an old version over the published one."""
        user = UserFactory(username="admin2", is_staff=True, is_superuser=True)
        client.force_login(user)
        article = ArticleFactory(title_vi="Cũ")
        article.title_vi = "Mới"
        article.save()
        first = article.history.order_by("history_id").first()
        url = reverse(
            "admin:news_article_simple_history", args=[article.pk, first.history_id]
        )
        assert client.post(url, change_form(article, title_vi="Cũ")).status_code == 403
        article.refresh_from_db()
        assert article.title_vi == "Mới"


def test_a_user_with_only_the_view_permission_sees_no_decision(client):
    user = UserFactory(username="xem", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    article = ArticleFactory(status=Status.REVIEW)
    page = client.get(review_url(article)).content.decode()
    assert 'name="action"' not in page
    assert client.post(review_url(article), {"action": "submit"}).status_code == 403


@pytest.mark.parametrize("page", [review_url, versions_url, change_url])
def test_newsroom_pages_query_count_does_not_grow_with_history(client, page):
    client.force_login(approver())
    author = reporter()
    article = ArticleFactory(created_by=author)

    def grow(count):
        for index in range(count):
            article.title_vi = f"Bản {index}"
            article.save()
            revision = article_save_revision(
                article=article, user=author, content={"title_vi": f"Sửa {index}"}
            )
            article_return(article=article, user=editor(), comment=f"Ý kiến {index}")
            assert revision.pk

    grow(1)
    client.get(page(article))  # per-process caches (content types) warm up
    with CaptureQueriesContext(connection) as small:
        assert client.get(page(article)).status_code == 200
    grow(10)
    with CaptureQueriesContext(connection) as large:
        assert client.get(page(article)).status_code == 200
    assert len(small) == len(large)


def test_decisions_appear_in_the_admin_history_of_the_article(client):
    from django.contrib.admin.models import LogEntry

    client.force_login(approver())
    article = ArticleFactory(status=Status.REVIEW)
    client.post(review_url(article), {"action": "approve"})
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert (
        entry.get_change_message()
        == "Đã duyệt: bài viết đã được đăng hoặc hẹn giờ đăng."
    )
