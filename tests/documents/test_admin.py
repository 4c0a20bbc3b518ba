import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Comment, Document, DocumentRelation
from documents.pdf import simple_pdf

from .factories import CommentFactory, DocumentFactory, DraftFactory, attach, row, xlsx

pytestmark = pytest.mark.django_db

# English that must not be left on Vietnamese admin pages.
ENGLISH = [
    "Number and symbol",
    "number and symbol",
    "issuing body",
    "date issued",
    "date in force",
    "document type",
    "Import an archive",
    "attached file",
    "related document",
    "drafts for consultation",
    "report on the comments",
    "Awaiting moderation",
    "full name",
    "Approve the selected",
]


def admin_pages():
    document = DocumentFactory()
    attach(document)
    target = DocumentFactory()
    DocumentRelation.objects.create(source=document, target=target, kind="amends")
    comment = CommentFactory()
    return [
        reverse("admin:app_list", args=["documents"]),
        reverse("admin:documents_document_changelist"),
        reverse("admin:documents_document_add"),
        reverse("admin:documents_document_change", args=[document.pk]),
        reverse("admin:documents_document_import"),
        reverse("admin:documents_documenttype_changelist"),
        reverse("admin:documents_documenttype_add"),
        reverse("admin:documents_documentfield_changelist"),
        reverse("admin:documents_draft_changelist"),
        reverse("admin:documents_draft_add"),
        reverse("admin:documents_draft_change", args=[comment.draft_id]),
        reverse("admin:documents_comment_changelist"),
        reverse("admin:documents_comment_change", args=[comment.pk]),
        reverse("admin:documents_document_changelist") + "?q=ke+hoach",
    ]


def test_every_documents_admin_page_is_in_vietnamese(staff_client):
    for url in admin_pages():
        response = staff_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for english in ENGLISH:
            assert english not in page, (url, english)


@pytest.mark.parametrize(
    "query",
    ["?q=%00", "?q=" + "x" * 500, "?status=zzz", "?year=abc", "?issued_on__gte=abc"],
)
def test_garbage_in_the_changelist_is_not_a_500(staff_client, query):
    DocumentFactory()
    url = reverse("admin:documents_document_changelist") + query
    assert staff_client.get(url).status_code in (200, 302)


def test_admin_search_ignores_diacritics_and_finds_numbers(staff_client):
    plan = DocumentFactory(number="15/KH-UBND", excerpt_vi="Kế hoạch phòng chống bão")
    DocumentFactory(number="1234/QĐ-UBND", excerpt_vi="Quy chế")
    url = reverse("admin:documents_document_changelist")
    page = staff_client.get(url + "?q=ke+hoach+phong+chong+bao").content.decode()
    assert "15/KH-UBND" in page and "1234/QĐ-UBND" not in page
    page = staff_client.get(url + "?q=1234/QD").content.decode()
    assert "1234/QĐ-UBND" in page and plan.number not in page


def test_autocomplete_for_related_documents(staff_client):
    DocumentFactory(number="1234/QĐ-UBND")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "1234",
            "app_label": "documents",
            "model_name": "documentrelation",
            "field_name": "target",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["text"].startswith("1234/QĐ-UBND")


def document_form(**overrides):
    data = {
        "document_type": "2",
        "number": "99/QĐ-UBND",
        "issuer": "1",
        "field": "",
        "status": "in_force",
        "signer_name": "Nguyễn Hồng Sơn",
        "signer_title": "Chủ tịch",
        "issued_on": "10/02/2026",
        "effective_on": "01/02/2026",
        "expires_on": "",
        "excerpt_vi": "Về việc thử nghiệm",
        "excerpt_en": "",
        "body_vi": "",
        "body_en": "",
        "is_public": "on",
        "published_at_0": "10/02/2026",
        "published_at_1": "08:00",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "relations_out-TOTAL_FORMS": "0",
        "relations_out-INITIAL_FORMS": "0",
        "relations_out-MIN_NUM_FORMS": "0",
        "relations_out-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_in_force_before_issue_is_saved_with_a_warning(staff_client):
    from documents.models import DocumentType
    from organisation.models import Unit

    data = document_form(
        document_type=str(DocumentType.objects.get(slug="quyet-dinh").pk),
        issuer=str(Unit.objects.get(key="ubnd thị xã hồng lĩnh").pk),
    )
    response = staff_client.post(
        reverse("admin:documents_document_add"), data, follow=True
    )
    assert Document.objects.filter(number="99/QĐ-UBND").exists()
    assert "trước ngày ban hành" in response.content.decode()


def test_a_fake_pdf_and_a_bad_number_are_refused_in_the_admin(staff_client):
    from documents.models import DocumentType
    from organisation.models import Unit

    data = document_form(
        number="số chín chín",
        document_type=str(DocumentType.objects.get(slug="quyet-dinh").pk),
        issuer=str(Unit.objects.get(key="ubnd thị xã hồng lĩnh").pk),
        **{
            "files-TOTAL_FORMS": "1",
            "files-0-file": SimpleUploadedFile("giả.pdf", b"MZ not a pdf"),
            "files-0-order": "0",
        },
    )
    response = staff_client.post(reverse("admin:documents_document_add"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "không phải là số ký hiệu" in page
    assert "không phải tệp PDF thật" in page
    assert not Document.objects.exists()


def test_comments_are_moderated_and_exported(staff_client):
    comment = CommentFactory(status=Comment.Status.PENDING, email="a@example.org")
    url = reverse("admin:documents_comment_changelist")
    staff_client.post(url, {"action": "approve", "_selected_action": [str(comment.pk)]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    response = staff_client.post(
        url, {"action": "export_xlsx", "_selected_action": [str(comment.pk)]}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Dự thảo", "Họ và tên", "Thư điện tử")
    assert rows[1][1:3] == (comment.name, "a@example.org")
    drafts = reverse("admin:documents_draft_changelist")
    response = staff_client.post(
        drafts,
        {"action": "export_comments", "_selected_action": [str(comment.draft_id)]},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def _zip(**members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("tep.zip", buffer.getvalue())


def _sheet(rows):
    return SimpleUploadedFile("van-ban.xlsx", xlsx(rows).getvalue())


def test_admin_import_previews_then_imports_on_confirm(staff_client):
    url = reverse("admin:documents_document_import")
    response = staff_client.post(
        url,
        {
            "sheet": _sheet([row()]),
            "files": _zip(**{"Kế hoạch 15.pdf": simple_pdf(["a"])}),
        },
    )
    page = response.content.decode()
    assert "import-preview" in page and "15/KH-UBND" in page
    assert not Document.objects.exists()
    token = response.context["token"]
    response = staff_client.post(url, {"confirm": "1", "token": token}, follow=True)
    assert Document.objects.get().files.get().original_name == "Kế hoạch 15.pdf"
    # The preview is confirmed once only.
    response = staff_client.post(url, {"confirm": "1", "token": token}, follow=True)
    assert "không còn xác nhận được" in response.content.decode()
    assert Document.objects.count() == 1


def test_admin_import_names_bad_rows_and_imports_nothing(staff_client):
    url = reverse("admin:documents_document_import")
    response = staff_client.post(
        url,
        {
            "sheet": _sheet([row(), row(number="16/KH-UBND", files="giả.pdf")]),
            "files": _zip(
                **{"Kế hoạch 15.pdf": simple_pdf(["a"]), "giả.pdf": b"not a pdf"}
            ),
        },
    )
    page = response.content.decode()
    assert 'data-row="3"' in page and "giả.pdf" in page
    assert "Chưa nhập gì" in page
    assert not Document.objects.exists()


def test_admin_import_refuses_a_forged_token(staff_client):
    url = reverse("admin:documents_document_import")
    response = staff_client.post(
        url, {"confirm": "1", "token": "../../etc"}, follow=True
    )
    assert "không còn xác nhận được" in response.content.decode()


def test_import_template_downloads(staff_client):
    response = staff_client.get(reverse("admin:documents_document_import_template"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert next(sheet.iter_rows(values_only=True))[1] == "Số ký hiệu"


def test_draft_admin_preview_of_a_hidden_draft(staff_client):
    draft = DraftFactory(is_public=False)
    assert staff_client.get(draft.get_absolute_url()).status_code == 200


def test_adding_a_replaces_relation_marks_the_old_document_replaced(staff_client):
    old = DocumentFactory(number="500/QĐ-UBND")
    amended = DocumentFactory(number="501/QĐ-UBND")
    new = DocumentFactory(number="900/QĐ-UBND")
    data = document_form(
        number=new.number,
        document_type=str(new.document_type_id),
        issuer=str(new.issuer_id),
        issued_on="12/01/2026",
        effective_on="12/01/2026",
        **{
            "relations_out-TOTAL_FORMS": "2",
            "relations_out-0-kind": "replaces",
            "relations_out-0-target": str(old.pk),
            "relations_out-1-kind": "amends",
            "relations_out-1-target": str(amended.pk),
        },
    )
    response = staff_client.post(
        reverse("admin:documents_document_change", args=[new.pk]), data, follow=True
    )
    assert "Bị thay thế" in response.content.decode()
    old.refresh_from_db()
    amended.refresh_from_db()
    assert (old.status, amended.status) == ("replaced", "amended")


@pytest.mark.parametrize("count", [1, 40])
def test_changelist_query_count_is_constant(staff_client, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(count):
        DocumentFactory(excerpt_vi=f"Văn bản {index}")
    url = reverse("admin:documents_document_changelist")
    staff_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert staff_client.get(url).status_code == 200
    assert len(queries) <= 14, [q["sql"][:120] for q in queries]


def test_the_change_page_shows_what_replaces_or_amends_the_document(staff_client):
    old = DocumentFactory(number="500/QĐ-UBND")
    new = DocumentFactory(number="900/QĐ-UBND")
    DocumentRelation.objects.create(source=new, target=old, kind="replaces")
    page = staff_client.get(
        reverse("admin:documents_document_change", args=[old.pk])
    ).content.decode()
    assert "Bị thay thế bởi" in page
    assert reverse("admin:documents_document_change", args=[new.pk]) in page
    add = staff_client.get(reverse("admin:documents_document_add"))
    assert add.status_code == 200


@pytest.mark.parametrize(
    ("sheet", "files", "message"),
    [
        (b"not excel", None, "không phải là tệp Excel"),
        (None, b"not a zip", "không phải là tệp nén"),
        (None, None, "Không tìm thấy tệp"),
    ],
)
def test_admin_import_refuses_garbage_uploads_in_vietnamese(
    staff_client, sheet, files, message
):
    data = {
        "sheet": SimpleUploadedFile("van-ban.xlsx", sheet) if sheet else _sheet([row()])
    }
    if files:
        data["files"] = SimpleUploadedFile("tep.zip", files)
    response = staff_client.post(reverse("admin:documents_document_import"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
