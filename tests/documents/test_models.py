import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from documents.files import OLE2_MAGIC, check_upload
from documents.models import Document, DocumentRelation, normalise_number
from documents.pdf import simple_pdf

from .factories import DocumentFactory, attach, province, town

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "number",
    ["1234/QĐ-UBND", "15/KH-UBND", "42/2022/NĐ-CP", "05a/TB-VP.UBND", "120/UBND-TCKH"],
)
def test_well_formed_numbers_are_accepted(number):
    """Numbers as printed on documents pass validation."""
    document = DocumentFactory.build(number=number)
    document.full_clean()


@pytest.mark.parametrize(
    "number",
    ["QĐ-UBND", "1234", "1234/", "abc/QĐ", "12/34/56/QĐ", "1234/QĐ UBND!", "1/qđ-ubnd"],
)
def test_malformed_numbers_are_refused_in_vietnamese(number):
    document = DocumentFactory.build(number=number)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "số ký hiệu" in " ".join(error.value.message_dict["number"]).lower() or (
        "QĐ-UBND" in " ".join(error.value.message_dict["number"])
    )


def test_number_is_normalised():
    assert normalise_number(" 1234 / QĐ - UBND ") == "1234/QĐ-UBND"
    assert normalise_number("88/TTr-UBND") == "88/TTr-UBND"


def test_a_duplicate_number_of_the_same_issuer_and_year_is_refused():
    DocumentFactory(number="1234/QĐ-UBND")
    duplicate = DocumentFactory.build(number="1234/QD-UBND")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "1234/QĐ-UBND" in error.value.message_dict["number"][0]


def test_the_same_number_another_year_or_issuer_is_fine():
    DocumentFactory(number="1234/QĐ-UBND")
    DocumentFactory.build(
        number="1234/QĐ-UBND", issued_on=datetime.date(2025, 1, 1)
    ).full_clean()
    DocumentFactory.build(number="1234/QĐ-UBND", issuer=province()).full_clean()


def test_expiry_before_entry_into_force_is_refused():
    document = DocumentFactory.build(
        effective_on=datetime.date(2026, 2, 1), expires_on=datetime.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "expires_on" in error.value.message_dict


def test_save_sets_search_columns_year_and_sanitises_the_body():
    document = DocumentFactory(
        excerpt_vi="Kế hoạch phòng chống bão",
        body_vi='<p onclick="x()">Nội dung</p><script>alert(1)</script>',
    )
    assert document.year == 2026
    assert " ke hoach phong chong bao " in document.search_title
    assert document.search_title.startswith(f" {document.number_key.split('/')[0]}")
    assert "script" not in document.body_vi and "onclick" not in document.body_vi
    assert " noi dung " in document.search_text


def test_search_ignores_diacritics_and_finds_numbers():
    plan = DocumentFactory(
        number="15/KH-UBND", excerpt_vi="Kế hoạch phòng chống bão năm 2026"
    )
    decision = DocumentFactory(number="1234/QĐ-UBND", excerpt_vi="Quy chế")
    assert list(Document.objects.search("ke hoach phong chong bao")) == [plan]
    assert list(Document.objects.search("1234/QD-UBND")) == [decision]
    assert list(Document.objects.search("Nguyễn Hồng Sơn").order_by("pk")) == [
        plan,
        decision,
    ]
    assert not Document.objects.search("lũ lụt").exists()
    citing = DocumentFactory(
        excerpt_vi="Sửa đổi Quyết định 1234/QĐ-UBND",
        issued_on=datetime.date(2026, 5, 1),
    )
    assert list(Document.objects.search("1234/qd-ubnd")) == [decision, citing]


def test_a_document_cannot_refer_to_itself():
    document = DocumentFactory()
    with pytest.raises(ValidationError):
        DocumentRelation(source=document, target=document, kind="replaces").full_clean()


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip([("[Content_Types].xml", "<x/>"), ("word/document.xml", "<w/>")])
XLSX = _zip([("[Content_Types].xml", "<x/>"), ("xl/workbook.xml", "<w/>")])
ODT = _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("c.xml", "")])


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("Quyết định.pdf", simple_pdf(["a"]), "pdf"),
        ("Công văn.doc", OLE2_MAGIC + b"\0" * 100, "doc"),
        ("Bảng.xls", OLE2_MAGIC + b"\0" * 100, "xls"),
        ("Kế hoạch.docx", DOCX, "docx"),
        ("Bảng.xlsx", XLSX, "xlsx"),
        ("Văn bản.odt", ODT, "odt"),
    ],
)
def test_files_are_recognised_by_their_bytes(name, content, kind):
    assert check_upload(io.BytesIO(content), name) == (name, kind, len(content))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("giả mạo.pdf", b"MZ\x90\x00 not a pdf at all", "content_mismatch"),
        ("word.pdf", DOCX, "content_mismatch"),
        ("bang.docx", XLSX, "content_mismatch"),
        ("hong.docx", b"PK\x03\x04 broken zip", "content_mismatch"),
        ("script.exe", simple_pdf(["a"]), "bad_extension"),
        ("trang.html", b"<html>", "bad_extension"),
        ("rong.pdf", b"", "empty"),
        ("odt.odt", _zip([("mimetype", "text/plain")]), "content_mismatch"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        check_upload(io.BytesIO(content), name)
    assert error.value.code == code
    assert name in error.value.messages[0]


def test_size_cap_comes_from_the_setting(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as error:
        check_upload(io.BytesIO(simple_pdf(["a" * 50])), "to.pdf")
    assert error.value.code == "too_large"


def test_an_attachment_keeps_its_name_and_gets_a_random_stored_name():
    attachment = attach(DocumentFactory(), name="Quyết định số 1234/QĐ.pdf")
    assert attachment.original_name == "QĐ.pdf" or attachment.original_name.endswith(
        ".pdf"
    )
    assert attachment.kind == "pdf"
    assert attachment.file.name.startswith("documents/")
    assert "Quy" not in attachment.file.name


def test_saving_a_fake_pdf_attachment_is_refused():
    with pytest.raises(ValidationError):
        attach(DocumentFactory(), name="giả.pdf", content=b"not a pdf")


def test_admin_form_clean_names_the_file_field():
    from documents.models import DocumentFile

    attachment = DocumentFile(
        document=DocumentFactory(), file=ContentFile(b"nope", name="a.pdf")
    )
    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert "file" in error.value.message_dict


def test_town_fixture_exists():
    assert town().pk
