"""Commendations as officials finish them (issue #13): the import takes the
excerpt and the signer's title and tells honestly what it adds, drafts by
default, the certificate to print, and a person found by name."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from awards.models import Award, Decision
from awards.services import (
    HEADERS,
    LEGACY_HEADERS,
    awards_import,
    awards_import_plan,
    awards_parse,
    awards_template_xlsx,
)
from search.engine import site_search
from tests.awards.factories import AwardFactory, DecisionFactory, row, xlsx

pytestmark = pytest.mark.django_db
IMPORT = "admin:awards_decision_import"


def full_row(order, name, **values):
    return [
        *row(order, name=name),
        values.get("signer_title", "Chủ tịch UBND thị xã"),
        values.get("excerpt", "Về việc khen thưởng tổng kết 10 năm"),
    ]


THREE = [full_row(1, "Trần Thị Hoa"), full_row(2, "Lê Văn Nam"), full_row(3, "Hồ Sỹ")]


def test_the_template_has_the_signers_title_and_the_excerpt():
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(awards_template_xlsx())).active
    headers = [cell.value for cell in sheet[1]]
    assert headers == HEADERS
    assert headers[-2:] == ["Chức vụ người ký", "Trích yếu"]


def test_the_import_records_the_signers_title_and_the_excerpt():
    awards_import(file=xlsx(THREE))
    decision = Decision.objects.get()
    assert decision.signer_title_vi == "Chủ tịch UBND thị xã"
    assert decision.excerpt_vi == "Về việc khen thưởng tổng kết 10 năm"


def test_a_file_from_the_old_template_still_imports():
    report = awards_import(file=xlsx([row(1)], headers=LEGACY_HEADERS))
    assert report.awards_created == 1
    assert Decision.objects.get().excerpt_vi == ""


def test_a_too_long_excerpt_is_refused_with_its_row():
    with pytest.raises(Exception) as info:
        awards_parse(file=xlsx([full_row(1, "A", excerpt="x" * 2001)]))
    assert info.value.codes == [(2, "too_long")]


def test_the_plan_tells_new_and_recorded_rows():
    parsed = awards_parse(file=xlsx(THREE))
    plan = awards_import_plan(parsed=parsed)
    assert (plan.rows_new, plan.rows_existing) == (3, 0)
    assert (plan.decisions_new, plan.decisions_existing) == (1, 0)
    awards_import(parsed=parsed)
    plan = awards_import_plan(parsed=awards_parse(file=xlsx(THREE)))
    assert (plan.rows_new, plan.rows_existing) == (0, 3)
    assert (plan.decisions_new, plan.decisions_existing) == (0, 1)
    four = [*THREE, full_row(4, "Phan Văn Mới")]
    plan = awards_import_plan(parsed=awards_parse(file=xlsx(four)))
    assert (plan.rows_new, plan.rows_existing) == (1, 3)


def preview(client, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("khen-thuong.xlsx", xlsx(rows).getvalue())
    return client.post(reverse(IMPORT), {"file": file})


def test_a_reimport_preview_says_nothing_new_and_defaults_to_draft(staff_client):
    awards_import(file=xlsx(THREE))
    html = preview(staff_client, THREE).content.decode()
    assert "0 dòng mới, 3 dòng đã có" in html
    assert "Nhập lại tệp này sẽ không thêm gì." in html
    assert '<input type="radio" name="status" value="draft" checked>' in html
    assert 'value="issued" checked' not in html
    # Signer and achievement are shown before confirming.
    assert "Chủ tịch UBND thị xã: Nguyễn Hồng Sơn" in html
    assert "Đã có thành tích xuất sắc" in html


def test_confirming_without_a_choice_keeps_a_draft(staff_client):
    response = preview(staff_client, THREE)
    token = response.context["token"]
    staff_client.post(reverse(IMPORT), {"confirm": "1", "token": token})
    assert Decision.objects.get().status == Decision.Status.DRAFT


def test_confirming_publish_issues(staff_client):
    token = preview(staff_client, THREE).context["token"]
    staff_client.post(
        reverse(IMPORT), {"confirm": "1", "token": token, "status": "issued"}
    )
    assert Decision.objects.get().status == Decision.Status.ISSUED


def test_the_command_imports_drafts_unless_told_to_publish(tmp_path):
    path = tmp_path / "khen.xlsx"
    path.write_bytes(xlsx(THREE).getvalue())
    call_command("import_awards", str(path), stdout=io.StringIO())
    assert Decision.objects.get().status == Decision.Status.DRAFT
    Decision.objects.all().delete()
    call_command("import_awards", str(path), "--publish", stdout=io.StringIO())
    assert Decision.objects.get().status == Decision.Status.ISSUED


# The certificate ---------------------------------------------------------------


def test_the_certificate_carries_issuer_place_date_signer_and_a_print_button(
    staff_client,
):
    award = AwardFactory(name="Trần Thị Hoa")
    html = staff_client.get(reverse("awards:certificate", args=[award.pk])).content
    html = html.decode()
    assert "UBND THỊ XÃ HỒNG LĨNH" in html
    assert "Hồng Lĩnh, ngày 05 tháng 12 năm 2019" in html
    assert "CHỦ TỊCH UBND THỊ XÃ" in html
    assert "Nguyễn Hồng Sơn" in html
    assert "Trần Thị Hoa" in html
    assert "data-print" in html and "In giấy khen" in html


def test_the_certificate_is_for_staff_only(client):
    award = AwardFactory()
    response = client.get(reverse("awards:certificate", args=[award.pk]))
    assert response.status_code == 302


def test_the_certificate_is_one_click_from_the_decision_and_the_recipient(
    staff_client,
):
    award = AwardFactory()
    certificate = reverse("awards:certificate", args=[award.pk])
    for url in (
        reverse("admin:awards_decision_change", args=[award.decision_id]),
        reverse("admin:awards_recipient_change", args=[award.recipient_id]),
        award.decision.get_absolute_url(),
        reverse("awards:recipient-detail", args=[award.recipient_id]),
    ):
        assert certificate in staff_client.get(url).content.decode(), url
    visitor = Client().get(award.decision.get_absolute_url()).content.decode()
    assert certificate not in visitor


# Finding a person -----------------------------------------------------------------


def test_the_search_column_follows_every_save_and_delete():
    decision = DecisionFactory()
    award = Award.objects.create(
        decision=decision,
        kind="individual",
        name="Trần Thị Hoa",
        form=AwardFactory.build().form,
    )
    decision.refresh_from_db()
    assert "tran thi hoa" in decision.search_text
    assert "Trần Thị Hoa – Giấy khen" in decision.recipients_text
    award.name = "Trần Thị Huệ"
    award.save()
    decision.refresh_from_db()
    assert "tran thi hue" in decision.search_text
    assert "hoa" not in decision.search_text.split()
    award.delete()
    decision.refresh_from_db()
    assert decision.recipients_text == ""


def test_an_import_fills_the_search_column():
    awards_import(file=xlsx(THREE))
    assert "tran thi hoa" in Decision.objects.get().search_text


def test_site_search_shows_the_person_and_the_award():
    AwardFactory(
        name="Trần Thị Hoa",
        decision=DecisionFactory(excerpt_vi="Về việc khen thưởng thị xã"),
    )
    AwardFactory(name="Lê Văn Nam")
    results = site_search(query="tran thi hoa")
    assert [hit.kind for hit in results.hits] == ["decision"]
    snippet = results.hits[0].snippet
    assert "<mark>Trần</mark> <mark>Thị</mark> <mark>Hoa</mark> – Giấy khen" in snippet


def test_the_honour_roll_shows_the_person_found_and_the_award(client):
    AwardFactory(name="Trần Thị Hoa", unit="Phường Bắc Hồng")
    AwardFactory(name="Lê Văn Nam")
    response = client.get(reverse("awards:decision-list"), {"q": "tran thi hoa"})
    html = response.content.decode()
    assert "Trần Thị Hoa" in html and "Giấy khen" in html
    assert "Lê Văn Nam" not in html
    assert len(response.context["decisions"]) == 1


def test_the_honour_roll_name_search_needs_no_query_per_decision(
    client, django_assert_max_num_queries
):
    for index in range(12):
        AwardFactory(name=f"Trần Thị Hoa {index}")
    url = reverse("awards:decision-list")
    with django_assert_max_num_queries(12):
        client.get(url, {"q": "tran thi hoa"})
