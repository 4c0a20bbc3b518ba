"""What each newsroom role may and may not do, through the admin's pages
and through crafted POSTs (docs/NEWSROOM.md)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from news import roles
from news.models import Article, ArticleTransition
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.news.newsroom_helpers import (
    approver,
    change_form,
    change_url,
    editor,
    reporter,
    review_url,
    versions_url,
)
from tests.news.test_admin import article_form

pytestmark = pytest.mark.django_db

Status = Article.Status


def codes(role):
    return set(
        Group.objects.get(name=role).permissions.values_list("codename", flat=True)
    )


def test_the_migration_creates_the_four_roles_with_their_permissions():
    """Reporters write; editors also review; approvers also publish;
    administrators have every permission."""
    assert {"add_article", "change_article", "view_article"} <= codes(roles.REPORTER)
    assert not {"review_article", "publish_article", "delete_article"} & codes(
        roles.REPORTER
    )
    assert "review_article" in codes(roles.EDITOR)
    assert "publish_article" not in codes(roles.EDITOR)
    assert {"review_article", "publish_article"} <= codes(roles.APPROVER)
    # Codenames repeat across apps (news and photos both have add_photo).
    administrator = Group.objects.get(name=roles.ADMINISTRATOR)
    assert administrator.permissions.count() == Permission.objects.count()


def test_roles_sync_is_idempotent_and_keeps_grants_added_by_hand():
    from django.apps import apps

    group = Group.objects.get(name=roles.REPORTER)
    extra = Permission.objects.get(codename="view_rating")
    group.permissions.add(extra)
    roles.roles_sync(apps)
    roles.roles_sync(apps)
    assert Group.objects.filter(name=roles.REPORTER).count() == 1
    assert group.permissions.filter(pk=extra.pk).exists()


class TestReporter:
    def test_writes_and_submits_but_never_publishes_by_the_form(self, client):
        client.force_login(reporter())
        category = CategoryFactory()
        response = client.post(
            reverse("admin:news_article_add"),
            article_form(category, status="published"),
        )
        assert response.status_code == 200
        assert not Article.objects.exists()
        client.post(reverse("admin:news_article_add"), article_form(category))
        article = Article.objects.get()
        assert article.status == Status.DRAFT
        response = client.post(
            change_url(article), change_form(article, status="published")
        )
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.status == Status.DRAFT

    def test_crafted_posts_cannot_publish(self, client):
        user = reporter()
        client.force_login(user)
        article = ArticleFactory(status=Status.REVIEW, created_by=user)
        client.post(
            reverse("admin:news_article_changelist"),
            {"action": "publish", "_selected_action": [article.pk]},
        )
        for action in ("approve", "return", "unpublish"):
            response = client.post(
                review_url(article), {"action": action, "comment": "Đăng luôn"}
            )
            assert response.status_code == 403, action
        article.refresh_from_db()
        assert article.status == Status.REVIEW
        assert not Article.objects.published().exists()

    def test_cannot_change_or_delete_another_reporters_article(self, client):
        client.force_login(reporter())
        other = ArticleFactory(
            status=Status.DRAFT, created_by=reporter("phongvien2"), title_vi="Gốc"
        )
        response = client.post(change_url(other), change_form(other, title_vi="Đổi"))
        assert response.status_code == 403
        first = other.history.get()
        restore = {"restore": f"h{first.history_id}"}
        assert client.post(versions_url(other), restore).status_code == 403
        assert (
            client.post(
                reverse("admin:news_article_delete", args=[other.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        other.refresh_from_db()
        assert other.title_vi == "Gốc"
        # They may read it, though.
        assert client.get(change_url(other)).status_code == 200

    def test_the_admin_shows_no_publishing_controls(self, client):
        user = reporter()
        client.force_login(user)
        article = ArticleFactory(status=Status.DRAFT, created_by=user)
        changelist = client.get(reverse("admin:news_article_changelist"))
        assert 'value="publish"' not in changelist.content.decode()
        page = client.get(change_url(article)).content.decode()
        assert 'value="published"' not in page
        assert 'name="is_featured"' not in page
        review = client.get(review_url(article)).content.decode()
        assert 'value="submit"' in review
        assert 'value="approve"' not in review
        assert 'value="return"' not in review


class TestEditor:
    def test_edits_anyones_draft_and_returns_it_but_cannot_publish(self, client):
        client.force_login(editor())
        article = ArticleFactory(status=Status.REVIEW, created_by=reporter())
        response = client.post(
            change_url(article), change_form(article, title_vi="Tiêu đề đã biên tập")
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.title_vi == "Tiêu đề đã biên tập"
        assert (
            client.post(review_url(article), {"action": "approve"}).status_code == 403
        )
        client.post(review_url(article), {"action": "return", "comment": "Sửa sapo"})
        article.refresh_from_db()
        assert article.status == Status.RETURNED
        assert not Article.objects.published().exists()

    def test_a_return_needs_a_comment_and_keeps_what_was_typed(self, client):
        client.force_login(editor())
        article = ArticleFactory(status=Status.REVIEW)
        response = client.post(
            review_url(article), {"action": "return", "comment": " "}
        )
        assert response.status_code == 200
        assert "Hãy ghi" in response.content.decode()
        article.refresh_from_db()
        assert article.status == Status.REVIEW

    def test_the_publish_action_is_refused(self, client):
        client.force_login(editor())
        article = ArticleFactory(status=Status.REVIEW)
        client.post(
            reverse("admin:news_article_changelist"),
            {"action": "publish", "_selected_action": [article.pk]},
        )
        article.refresh_from_db()
        assert article.status == Status.REVIEW


class TestApprover:
    def test_publishes_now_and_unpublishes(self, client):
        user = approver()
        client.force_login(user)
        article = ArticleFactory(status=Status.REVIEW)
        response = client.post(
            review_url(article), {"action": "approve", "comment": "Đồng ý"}
        )
        assert response.status_code == 302
        assert Article.objects.published().get() == article
        step = article.transitions.get(action=ArticleTransition.Action.APPROVE)
        assert (step.user, step.from_status, step.to_status, step.comment) == (
            user,
            Status.REVIEW,
            Status.PUBLISHED,
            "Đồng ý",
        )
        client.post(review_url(article), {"action": "unpublish"})
        assert not Article.objects.published().exists()

    def test_publishes_at_a_time(self, client):
        client.force_login(approver())
        article = ArticleFactory(status=Status.REVIEW)
        client.post(
            review_url(article),
            {
                "action": "approve",
                "publish_at_0": "01/01/2099",
                "publish_at_1": "08:00",
            },
        )
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.publish_at.year == 2099
        assert not Article.objects.published().exists()
        assert article.transitions.get().action == ArticleTransition.Action.SCHEDULE

    def test_a_bad_time_is_refused_in_vietnamese(self, client):
        client.force_login(approver())
        article = ArticleFactory(status=Status.REVIEW)
        response = client.post(
            review_url(article),
            {"action": "approve", "publish_at_0": "31/02/2099", "publish_at_1": "8h"},
        )
        assert response.status_code == 200
        assert "dd/mm/yyyy" in response.content.decode()
        article.refresh_from_db()
        assert article.status == Status.REVIEW


def test_a_staff_member_without_any_article_permission_sees_nothing(client):
    client.force_login(UserFactory(username="khach", is_staff=True))
    article = ArticleFactory()
    assert client.get(review_url(article)).status_code == 403
    assert client.get(versions_url(article)).status_code == 403
    assert "Phòng biên tập" not in client.get(reverse("admin:index")).content.decode()


def test_an_editor_cannot_delete_a_published_article_even_in_bulk(client):
    client.force_login(editor())
    live = ArticleFactory()
    draft = ArticleFactory(status=Status.DRAFT)
    assert (
        client.post(
            reverse("admin:news_article_delete", args=[live.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"},
    )
    assert Article.objects.filter(pk=live.pk).exists()
    client.post(reverse("admin:news_article_delete", args=[draft.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()
