import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.admin import PREVIEW_ROWS
from awards.models import Award, Decision, ImportUpload, Recipient
from tests.awards.factories import (
    AwardFactory,
    DecisionFactory,
    form,
    many_rows,
    row,
    town,
    xlsx,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:awards_decision_changelist"


def upload(content, name="khen-thuong.xlsx"):
    return SimpleUploadedFile(name, content)


def changelist_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    return len(captured), response


def test_changelist_counts_without_n_plus_one(staff_client):
    decision = DecisionFactory()
    AwardFactory(decision=decision, kind="collective", position="")
    AwardFactory(decision=decision)
    small, response = changelist_queries(staff_client)
    assert response.context["cl"].result_list[0].collective_count == 1
    for _ in range(15):
        d = DecisionFactory()
        AwardFactory.create_batch(3, decision=d)
    large, _ = changelist_queries(staff_client)
    assert small == large


def test_search_without_diacritics(staff_client):
    AwardFactory(name="Nguyễn Văn A", decision=DecisionFactory(number="163/QĐ-UBND"))
    AwardFactory(name="Lê Thị B", decision=DecisionFactory(number="7/QĐ-UBND"))
    for term in ("nguyen van a", "Nguyễn Văn A", "163/qd"):
        result = staff_client.get(reverse(CHANGELIST), {"q": term}).context["cl"]
        assert [d.number for d in result.result_list] == ["163/QĐ-UBND"]


def test_import_preview_then_confirm(staff_client):
    url = reverse("admin:awards_decision_import")
    assert staff_client.get(url).status_code == 200
    preview = staff_client.post(
        url, {"file": upload(xlsx([row(1), row(2, name="Trần Văn Hải")]).getvalue())}
    )
    assert preview.status_code == 200
    assert 'id="import-preview"' in preview.content.decode()
    assert "Trần Văn Hải" in preview.content.decode()
    assert Decision.objects.count() == 0  # nothing yet
    token = preview.context["token"]
    done = staff_client.post(url, {"confirm": "1", "token": token, "status": "issued"})
    assert done.status_code == 302
    assert Award.objects.count() == 2
    assert Decision.objects.get().status == Decision.Status.ISSUED
    again = staff_client.post(url, {"confirm": "1", "token": token})
    assert again.status_code == 302  # the preview is used up
    assert Award.objects.count() == 2


def test_import_reports_bad_rows_and_garbage(staff_client):
    url = reverse("admin:awards_decision_import")
    response = staff_client.post(
        url, {"file": upload(xlsx([row(1), row(2, date="32/13/2019")]).getvalue())}
    )
    assert [(e.row, e.code) for e in response.context["errors"]] == [(3, "bad_date")]
    garbage = staff_client.post(url, {"file": upload(b"\x00\x01 not excel")})
    assert [e.code for e in garbage.context["errors"]] == ["not_xlsx"]
    assert Decision.objects.count() == 0


def test_template_download_and_export_action(staff_client):
    template = staff_client.get(reverse("admin:awards_decision_import_template"))
    assert template.content[:2] == b"PK"
    award = AwardFactory(name="Nguyễn Thị Hoa")
    response = staff_client.post(
        reverse(CHANGELIST),
        {"action": "export_csv", "_selected_action": [award.decision_id]},
    )
    assert "Nguyễn Thị Hoa" in response.content.decode("utf-8-sig")


def decision_form(**overrides):
    data = {
        "number": "15/QĐ-UBND",
        "date": "05/12/2019",
        "year": "",
        "issuer": town().pk,
        "status": "issued",
        "signer_name": "",
        "signer_title_vi": "",
        "signer_title_en": "",
        "excerpt_vi": "",
        "excerpt_en": "",
        "achievement_vi": "Đã có thành tích xuất sắc",
        "achievement_en": "",
        "period_start": "",
        "period_end": "",
        "article": "",
        "revoked_by": "",
        "awards-TOTAL_FORMS": "1",
        "awards-INITIAL_FORMS": "0",
        "awards-MIN_NUM_FORMS": "0",
        "awards-MAX_NUM_FORMS": "1000",
        "awards-0-order": "1",
        "awards-0-kind": "individual",
        "awards-0-name": "Nguyễn Văn A",
        "awards-0-position": "",
        "awards-0-unit": "",
        "awards-0-form": form("bang-khen").pk,
        "awards-0-award_class": "",
        "awards-0-achievement_vi": "",
        "awards-0-achievement_en": "",
        "awards-0-bonus_coefficient": "",
        "awards-0-bonus_amount": "",
    }
    data.update(overrides)
    return data


def test_a_form_outside_the_issuers_power_warns_on_save(staff_client):
    response = staff_client.post(reverse("admin:awards_decision_add"), decision_form())
    assert response.status_code == 302, response.context["errors"]
    levels = [m.level_tag for m in get_messages(response.wsgi_request)]
    assert "warning" in levels
    assert Decision.objects.get().awards.count() == 1


def test_a_form_within_power_does_not_warn(staff_client):
    response = staff_client.post(
        reverse("admin:awards_decision_add"),
        decision_form(**{"awards-0-form": form("giay-khen").pk}),
    )
    assert "warning" not in [m.level_tag for m in get_messages(response.wsgi_request)]


def test_merge_action(staff_client):
    a = AwardFactory(name="Nguyễn Văn A", unit="Phường Bắc Hồng")
    b = AwardFactory(name="Nguyễn Văn A", unit="Ban CHQS phường Bắc Hồng")
    staff_client.post(
        reverse("admin:awards_recipient_changelist"),
        {"action": "merge", "_selected_action": [a.recipient_id, b.recipient_id]},
    )
    assert Recipient.objects.count() == 1
    assert Recipient.objects.get().awards.count() == 2


# The stored upload between preview and confirmation --------------------------

IMPORT = "admin:awards_decision_import"
GONE_VI = "Bản xem trước này không còn xác nhận được"


def preview(client, rows):
    response = client.post(reverse(IMPORT), {"file": upload(xlsx(rows).getvalue())})
    assert response.status_code == 200
    return response


def confirm(client, token):
    return client.post(reverse(IMPORT), {"confirm": "1", "token": token}, follow=True)


def test_the_preview_waits_in_an_upload_not_in_the_session(staff_client):
    token = preview(staff_client, [row(1), row(2, name="Trần Văn Hải")]).context[
        "token"
    ]
    stored = ImportUpload.objects.get()
    assert stored.token == token and len(token) >= 40
    assert stored.owner.username == "bientap"
    session = staff_client.session
    assert "awards-import" not in session
    assert "Trần Văn Hải" not in str(dict(session.items()))
    assert confirm(staff_client, token).status_code == 200
    assert Award.objects.count() == 2
    assert not ImportUpload.objects.exists()  # used up


def test_another_user_cannot_confirm_someone_elses_preview(
    staff_client, django_user_model
):
    token = preview(staff_client, [row(1)]).context["token"]
    other = Client()
    other.force_login(
        django_user_model.objects.create_superuser("khac", "khac@example.org", "x")
    )
    response = confirm(other, token)
    assert response.status_code == 200
    assert GONE_VI in response.content.decode()
    assert Decision.objects.count() == 0
    # The uploader still can.
    assert "Đã nhập" in confirm(staff_client, token).content.decode()
    assert Award.objects.count() == 1


@pytest.mark.parametrize("token", ["", "khong-co", "x" * 5000, "' OR 1=1 --"])
def test_an_unknown_token_gives_a_clear_message(staff_client, token):
    response = confirm(staff_client, token)
    assert response.status_code == 200
    assert GONE_VI in response.content.decode()


def test_an_expired_preview_gives_a_clear_message_and_imports_nothing(staff_client):
    token = preview(staff_client, [row(1)]).context["token"]
    ImportUpload.objects.update(created_at=timezone.now() - timedelta(hours=2))
    response = confirm(staff_client, token)
    assert response.status_code == 200
    assert GONE_VI in response.content.decode()
    assert Decision.objects.count() == 0


def test_stale_uploads_are_cleared_on_each_import_and_by_the_command(
    staff_client, django_user_model
):
    preview(staff_client, [row(1)])
    ImportUpload.objects.update(created_at=timezone.now() - timedelta(hours=2))
    fresh = preview(staff_client, [row(1)]).context["token"]
    assert list(ImportUpload.objects.values_list("token", flat=True)) == [fresh]
    ImportUpload.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    kept = ImportUpload.objects.create(owner=django_user_model.objects.get(), parsed={})
    out = io.StringIO()
    call_command("clear_award_uploads", stdout=out)
    assert list(ImportUpload.objects.all()) == [kept]
    assert out.getvalue() == "Đã xóa 1 bản xem trước nhập dữ liệu đã hết hạn.\n"


def table_rows(content, table_id):
    table = content.split(f'<table id="{table_id}">')[1].split("</table>")[0]
    return table.split("<tbody>")[1].count("<tr>")


def test_a_large_preview_lists_every_decision_and_the_first_rows(staff_client):
    response = preview(staff_client, many_rows(PREVIEW_ROWS + 50, decisions=3))
    content = response.content.decode()
    assert table_rows(content, "import-decisions") == 3
    assert table_rows(content, "import-preview") == PREVIEW_ROWS
    assert f"{PREVIEW_ROWS} dòng đầu trong tổng số {PREVIEW_ROWS + 50} dòng" in content
    confirm(staff_client, response.context["token"])
    assert Award.objects.count() == PREVIEW_ROWS + 50
