"""The audit trail in the admin: read-only for everyone, filterable, exportable."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit import recorder
from audit.models import AuditEntry
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


@pytest.fixture
def superuser_client(client):
    client.force_login(
        UserFactory(username="quantri", is_staff=True, is_superuser=True)
    )
    return client


@pytest.fixture
def entry():
    return recorder.record(
        Action.CHANGED,
        instance=ArticleFactory(title_vi="Bài gốc"),
        changes={"title_vi": ["Bài gốc", "Bài sửa"]},
    )


def test_the_changelist_lists_entries_with_a_constant_number_of_queries(
    superuser_client,
):
    url = reverse("admin:audit_auditentry_changelist")
    counts = []
    for size in (1, 40):
        for _ in range(size):
            recorder.record(Action.LOGIN, user=UserFactory())
        with CaptureQueriesContext(connection) as queries:
            response = superuser_client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_no_one_may_add_change_or_delete_entries_not_even_a_superuser(
    superuser_client, entry
):
    """The add, change and delete pages refuse, crafted POSTs included, and
    the delete action is not offered."""
    add = reverse("admin:audit_auditentry_add")
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    changelist = reverse("admin:audit_auditentry_changelist")
    assert superuser_client.get(add).status_code == 403
    assert superuser_client.post(add, {"action": "login"}).status_code == 403
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    response = superuser_client.post(
        change, {"action": "deleted", "username": "khac", "object_repr": "x"}
    )
    assert response.status_code == 403
    response = superuser_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    # An unknown action: the changelist is shown again, nothing is deleted.
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.action == Action.CHANGED and entry.username == ""
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    # The read-only page shows the entry and offers no save or delete button.
    page = superuser_client.get(change).content.decode()
    assert "Bài sửa" in page
    assert "Tiêu đề [vi]" in page  # the field's label, not its column name
    assert 'name="_save"' not in page
    assert "deletelink" not in page


def test_entries_cannot_be_changed_or_deleted_through_the_orm(entry):
    entry.username = "khac"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(username="khac")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).username == ""


def test_only_a_view_permission_exists():
    codenames = set(
        Permission.objects.filter(content_type__app_label="audit").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_auditentry"}


def test_staff_without_the_view_permission_cannot_see_the_trail(client, entry):
    client.force_login(UserFactory(username="phongvien", is_staff=True))
    url = reverse("admin:audit_auditentry_changelist")
    assert client.get(url).status_code == 403
    viewer = UserFactory(username="thanhtra", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    assert (
        client.post(
            reverse("admin:audit_auditentry_change", args=[entry.pk]), {}
        ).status_code
        == 403
    )


def test_filters_by_action_user_content_type_and_date_and_search(superuser_client):
    author = UserFactory(username="tacgia", is_staff=True)
    article = ArticleFactory(title_vi="Lễ khánh thành cầu")
    recorder.record(Action.LOGIN, user=author)
    recorder.record(Action.LOGIN_FAILED)
    url = reverse("admin:audit_auditentry_changelist")

    def listed(**params):
        response = superuser_client.get(url, params)
        assert response.status_code == 200
        return {entry.pk for entry in response.context["cl"].result_list}

    logins = listed(action="login")
    assert logins == set(
        AuditEntry.objects.filter(action="login").values_list("pk", flat=True)
    )
    assert listed(user__id__exact=author.pk) == set(
        AuditEntry.objects.filter(user=author).values_list("pk", flat=True)
    )
    by_type = listed(content_type__id__exact=ContentTypeId.article())
    assert by_type and all(
        AuditEntry.objects.get(pk=pk).content_type.model == "article" for pk in by_type
    )
    assert listed(q="khánh thành") == set(
        AuditEntry.objects.filter(object_id=str(article.pk))
        .filter(content_type__model="article")
        .values_list("pk", flat=True)
    )
    today, tomorrow = timezone.localdate(), timezone.localdate() + timedelta(days=1)

    def on(day):
        return listed(at__year=day.year, at__month=day.month, at__day=day.day)

    assert on(tomorrow) == set()
    assert on(today) == set(AuditEntry.objects.values_list("pk", flat=True))
    # A filter value that makes no sense is an error page, never a 500.
    assert superuser_client.get(url, {"at__gte": "hôm qua"}).status_code in (200, 302)


class ContentTypeId:
    @staticmethod
    def article():
        from django.contrib.contenttypes.models import ContentType

        from news.models import Article

        return ContentType.objects.get_for_model(Article).pk


def _export(client, action, pks):
    return client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": action, "_selected_action": pks},
    )


def test_export_to_csv_and_excel_in_vietnamese(superuser_client, entry):
    hostile = recorder.record(Action.LOGIN_FAILED)
    AuditEntry.objects.create(action=Action.LOGIN_FAILED, username="=cmd|' /C calc'!A0")
    pks = list(AuditEntry.objects.values_list("pk", flat=True))
    response = _export(superuser_client, "export_csv", pks)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Thời gian", "Tên đăng nhập", "Thao tác"]
    assert len(rows) == 1 + len(pks)
    changed = next(row for row in rows if row[4] == entry.object_id and row[2] == "Sửa")
    assert changed[5] == "Bài gốc"
    assert "Bài sửa" in changed[6]
    assert changed[0][2] == "/" and changed[0][5] == "/"  # dd/mm/yyyy
    # A name that looks like a formula is written as text.
    assert any(row[1] == "'=cmd|' /C calc'!A0" for row in rows)
    assert hostile.pk in pks

    response = _export(superuser_client, "export_xlsx", pks)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Thời gian"
    assert len(values) == 1 + len(pks)
    assert not any(
        isinstance(cell, str) and cell.startswith("=") for row in values for cell in row
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)
def test_the_database_refuses_to_change_or_delete_entries(entry):
    """Even SQL run past Django cannot rewrite the trail; deleting the user
    empties the entry's user and keeps its user name."""
    from django.db import DatabaseError, transaction

    for sql in (
        "UPDATE audit_auditentry SET username = 'khac' WHERE id = %s",
        "UPDATE audit_auditentry SET changes = '{}' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])
    user = UserFactory(username="sexoa", is_staff=True)
    kept = recorder.record(Action.LOGIN, user=user)
    user.delete()
    kept.refresh_from_db()
    assert kept.user is None and kept.username == "sexoa"
