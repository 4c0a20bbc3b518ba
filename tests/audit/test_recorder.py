"""What the audit trail records, and what it does not."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from news.models import Article, Category, Rating
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.news.test_admin import article_form

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


def entries(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("pk"))


def test_a_change_made_in_the_admin_is_recorded_with_user_time_object_and_fields(
    client,
):
    """Saving an article in the admin records who changed which fields,
    from where (staff), with the old and new values."""
    editor = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    client.force_login(editor)
    article = ArticleFactory(title_vi="Tiêu đề cũ", status=Article.Status.DRAFT)
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form(
            article.category, title_vi="Tiêu đề mới", status="draft", slug=article.slug
        ),
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    new = AuditEntry.objects.order_by("pk")[before:]
    changed = [entry for entry in new if entry.action == Action.CHANGED]
    assert len(changed) == 1
    entry = changed[0]
    assert entry.user == editor
    assert entry.username == "bientap"
    assert entry.ip_address == "10.1.2.3"
    assert entry.content_type == ContentType.objects.get_for_model(Article)
    assert entry.object_id == str(article.pk)
    assert entry.object_repr == "Tiêu đề mới"
    assert entry.changes["title_vi"] == ["Tiêu đề cũ", "Tiêu đề mới"]
    # The mirrored untranslated column and automatic timestamps are left out.
    assert "title" not in entry.changes
    assert "updated_at" not in entry.changes


def test_create_change_and_delete_are_recorded():
    category = CategoryFactory(name_vi="Thời sự")
    category.name_vi = "Thời sự – Chính trị"
    category.save()
    pk = category.pk
    category.delete()
    found = entries(content_type=ContentType.objects.get_for_model(Category))
    assert [entry.action for entry in found] == [
        Action.CREATED,
        Action.CHANGED,
        Action.DELETED,
    ]
    assert {entry.object_id for entry in found} == {str(pk)}
    assert found[1].changes == {"name_vi": ["Thời sự", "Thời sự – Chính trị"]}
    assert found[2].object_repr == "Thời sự – Chính trị"
    # No request: no user, no address.
    assert found[0].user is None and found[0].ip_address is None


def test_a_save_without_a_change_records_nothing():
    article = ArticleFactory()
    count = AuditEntry.objects.count()
    Article.objects.get(pk=article.pk).save()
    assert AuditEntry.objects.count() == count


def test_publishing_and_unpublishing_are_recorded_as_such():
    article = ArticleFactory(status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    article.save()
    article.status = Article.Status.REVIEW
    article.save()
    article.status = Article.Status.DRAFT
    article.save()
    actions = [
        entry.action
        for entry in entries(object_id=str(article.pk), content_type__model="article")
    ]
    assert actions == [
        Action.CREATED,
        Action.PUBLISHED,
        Action.UNPUBLISHED,
        Action.CHANGED,
    ]
    published = entries(action=Action.PUBLISHED)[0]
    assert published.changes["status"] == ["draft", "published"]


def test_an_article_created_published_records_its_publication():
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    found = entries(object_id=str(article.pk), content_type__model="article")
    assert [e.action for e in found] == [
        Action.CREATED,
        Action.PUBLISHED,
    ]


def test_the_publish_action_of_the_admin_is_recorded(client):
    editor = UserFactory(username="lanhdao", is_staff=True, is_superuser=True)
    client.force_login(editor)
    article = ArticleFactory(status=Article.Status.DRAFT)
    response = client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.PUBLISHED)
    assert entry.username == "lanhdao"
    assert entry.object_id == str(article.pk)


def test_ratings_history_and_the_trail_itself_are_not_recorded():
    article = ArticleFactory()
    count = AuditEntry.objects.count()
    Rating.objects.create(article=article, visitor="x" * 64, stars=4)
    assert AuditEntry.objects.count() == count
    # django-simple-history wrote a historical row for the article: not audited.
    assert not AuditEntry.objects.filter(content_type__model__startswith="historical")
    assert not AuditEntry.objects.filter(content_type__app_label="audit")


def test_apps_outside_the_configured_labels_are_not_recorded(settings):
    settings.AUDIT_APP_LABELS = ["awards"]
    CategoryFactory()
    assert not AuditEntry.objects.exists()


def test_a_rolled_back_change_leaves_no_entry():
    with pytest.raises(RuntimeError), transaction.atomic():
        CategoryFactory()
        raise RuntimeError
    assert not AuditEntry.objects.exists()


def test_loading_fixtures_records_nothing(tmp_path):
    fixture = tmp_path / "categories.json"
    fixture.write_text(
        '[{"model": "news.category", "pk": 900, "fields": '
        '{"name": "Nạp", "name_vi": "Nạp", "slug": "nap", "order": 0}}]',
        encoding="utf-8",
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert Category.objects.filter(pk=900).exists()
    assert not AuditEntry.objects.exists()


def test_settings_changes_users_groups_and_permissions_are_recorded():
    """Accounts and their rights are settings: a new password is recorded as
    changed, never its value; group membership and grants are listed."""
    user = UserFactory(username="phongvien")
    user.set_password("mot-mat-khau-moi")
    user.save()
    group = Group.objects.create(name="Cộng tác viên")
    permission = Permission.objects.get(codename="add_article")
    group.permissions.add(permission)
    user.groups.add(group)
    user.groups.remove(group)
    user.groups.add(group)
    user.groups.clear()
    password_change = AuditEntry.objects.get(
        action=Action.CHANGED, content_type__model="user", changes__has_key="password"
    )
    assert password_change.changes == {"password": ["***", "***"]}
    assert "mot-mat-khau-moi" not in str(
        list(AuditEntry.objects.values_list("changes", flat=True))
    )
    group_entries = entries(content_type__model="group", action=Action.CHANGED)
    assert group_entries[0].changes == {"permissions": {"added": [str(permission)]}}
    user_changes = [
        entry.changes
        for entry in entries(content_type__model="user", action=Action.CHANGED)
        if "groups" in entry.changes
    ]
    assert user_changes == [
        {"groups": {"added": ["Cộng tác viên"]}},
        {"groups": {"removed": ["Cộng tác viên"]}},
        {"groups": {"added": ["Cộng tác viên"]}},
        {"groups": {"removed": ["Cộng tác viên"]}},
    ]


def test_login_logout_and_failed_login_are_recorded_through_the_admin():
    """The real login form, django-axes in front: a failed attempt (even for a
    name that does not exist), a login and a logout, each with the address."""
    UserFactory(username="bientap", is_staff=True, password="dung-mat-khau-1")
    client = Client(REMOTE_ADDR="192.0.2.7")
    url = reverse("admin:login")
    client.post(url, {"username": "bientap", "password": "sai"})
    client.post(url, {"username": "khong-co-ai", "password": "sai"})
    response = client.post(url, {"username": "bientap", "password": "dung-mat-khau-1"})
    assert response.status_code == 302
    client.post(reverse("admin:logout"))
    found = entries(action__in=[Action.LOGIN, Action.LOGIN_FAILED, Action.LOGOUT])
    assert [(e.action, e.username) for e in found] == [
        (Action.LOGIN_FAILED, "bientap"),
        (Action.LOGIN_FAILED, "khong-co-ai"),
        (Action.LOGIN, "bientap"),
        (Action.LOGOUT, "bientap"),
    ]
    assert {e.ip_address for e in found} == {"192.0.2.7"}
    # The login's last_login update is no "change" of the account.
    assert not AuditEntry.objects.filter(
        action=Action.CHANGED, content_type__model="user"
    ).exists()


def test_a_locked_out_attempt_is_still_recorded_as_failed():
    UserFactory(username="bientap", is_staff=True, password="dung-mat-khau-1")
    client = Client()
    url = reverse("admin:login")
    for _ in range(6):
        client.post(url, {"username": "bientap", "password": "sai"})
    response = client.post(url, {"username": "bientap", "password": "dung-mat-khau-1"})
    assert response.status_code == 429
    assert AuditEntry.objects.filter(action=Action.LOGIN_FAILED).count() == 7
    assert not AuditEntry.objects.filter(action=Action.LOGIN).exists()


def test_no_address_is_kept_for_citizens(client):
    """A change caused by a visitor's request (no staff account) keeps no IP."""
    citizen = UserFactory(username="congdan")
    client.force_login(citizen)
    from audit import recorder

    request = client.get("/").wsgi_request
    entry = recorder.record(Action.CHANGED, request=request)
    assert entry.user == citizen
    assert entry.ip_address is None


def test_the_user_name_is_kept_when_the_account_is_deleted():
    user = UserFactory(username="nguoicu", is_staff=True)
    from audit import recorder

    entry = recorder.record(Action.LOGIN, user=user)
    user.delete()
    entry.refresh_from_db()
    assert entry.user is None
    assert entry.username == "nguoicu"


def test_an_import_of_commendations_is_one_entry():
    """bulk_create sends no signals: the import says what it wrote, once, and
    a re-import that adds nothing says nothing."""
    from awards.services import awards_import
    from tests.awards.factories import xlsx
    from tests.awards.test_import import GOOD

    awards_import(file=xlsx(GOOD))
    awards_import(file=xlsx(GOOD))
    entry = AuditEntry.objects.get(content_type__model="award")
    assert entry.action == Action.CREATED
    assert entry.changes == {"decisions_created": 1, "awards_created": 4, "rows": 4}
    assert "1" in entry.object_repr and "4" in entry.object_repr


def test_a_deletion_in_the_admin_is_recorded_with_its_user(client):
    editor = UserFactory(username="bientap2", is_staff=True, is_superuser=True)
    client.force_login(editor)
    category = CategoryFactory(name_vi="Chuyên mục bỏ")
    response = client.post(
        reverse("admin:news_category_delete", args=[category.pk]),
        {"post": "yes"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.DELETED)
    assert (entry.username, entry.object_repr, entry.ip_address) == (
        "bientap2",
        "Chuyên mục bỏ",
        "10.9.8.7",
    )


def test_a_citizens_contact_details_never_enter_the_trail():
    """Personal data is purged after its retention period; the never-deleted
    trail records that it changed, never what it was."""
    from tests.questions.factories import QuestionFactory

    question = QuestionFactory()
    question.phone = "0987 654 321"
    question.save()
    found = entries(object_id=str(question.pk), content_type__model="question")
    assert found, "the question's creation and change are recorded"
    recorded = str([entry.changes for entry in found])
    for personal in (
        "Nguyễn Văn Bảo",
        "0912 345 678",
        "0987 654 321",
        "bao.nguyen",
        "Bắc Hồng",
    ):
        assert personal not in recorded
    assert "***" in recorded
