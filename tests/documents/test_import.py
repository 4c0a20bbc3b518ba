import datetime
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document, DocumentFile, DocumentRelation
from documents.pdf import simple_pdf
from documents.services import (
    HEADERS,
    DocumentsImportError,
    FolderFiles,
    ZipFiles,
    documents_import,
)

from .factories import DocumentFactory, row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "Kế hoạch 15.pdf").write_bytes(simple_pdf(["Ke hoach 15"]))
    (tmp_path / "Quyết định 1234.pdf").write_bytes(simple_pdf(["QD 1234"]))
    (tmp_path / "giả mạo.pdf").write_bytes(b"MZ\x90\x00this is an exe")
    return tmp_path


def good_rows():
    return [
        row(),
        row(
            number="1234/QĐ-UBND",
            kind="Quyết định",
            excerpt="Quy chế cổng thông tin điện tử",
            files="Quyết định 1234.pdf",
            status="Được sửa đổi, bổ sung",
        ),
    ]


def test_an_archive_imports_with_files_keeping_their_names(folder):
    report = documents_import(sheet=xlsx(good_rows()), files=FolderFiles(folder))
    assert (report.created, report.existing, report.files) == (2, 0, 2)
    decision = Document.objects.get(number="1234/QĐ-UBND")
    assert decision.status == "amended"
    assert decision.document_type.slug == "quyet-dinh"
    attachment = decision.files.get()
    assert attachment.original_name == "Quyết định 1234.pdf"
    assert attachment.kind == "pdf"


def test_importing_twice_adds_nothing(folder):
    documents_import(sheet=xlsx(good_rows()), files=FolderFiles(folder))
    report = documents_import(sheet=xlsx(good_rows()), files=FolderFiles(folder))
    assert (report.created, report.existing) == (0, 2)
    assert Document.objects.count() == 2
    assert DocumentFile.objects.count() == 2


def test_a_bad_row_or_a_fake_pdf_imports_nothing_and_names_the_rows(folder):
    rows = good_rows() + [
        row(number="15/KH-UBND", excerpt="Trùng số"),
        row(number="không số", issued="31/02/2026", kind="Sắc lệnh", files="thiếu.pdf"),
        row(number="77/TB-UBND", issuer="UBND xã Không Có", status="Đã xong"),
        row(number="16/KH-UBND", files="giả mạo.pdf"),
    ]
    with pytest.raises(DocumentsImportError) as error:
        documents_import(sheet=xlsx(rows), files=FolderFiles(folder))
    codes = set(error.value.codes)
    assert (7, "bad_file") in codes
    assert (4, "duplicate_row") in codes
    assert {
        (5, "bad_number"),
        (5, "bad_date"),
        (5, "unknown_type"),
        (5, "file_missing"),
    } <= codes
    assert {(6, "unknown_issuer"), (6, "bad_status")} <= codes
    messages = [str(e) for e in error.value.errors]
    assert any(m.startswith("Dòng 7:") and "giả mạo.pdf" in m for m in messages)
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def zip_bomb():
    """A small zip that claims 61 MB unpacked: refused before openpyxl opens it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (61 * 1024 * 1024))
    buffer.seek(0)
    return buffer


def test_a_workbook_that_unpacks_too_large_is_refused(folder):
    with pytest.raises(DocumentsImportError) as error:
        documents_import(sheet=zip_bomb(), files=FolderFiles(folder))
    assert error.value.codes == [(None, "too_large")]


@pytest.mark.parametrize(
    ("sheet", "code"),
    [
        (io.BytesIO(b""), "empty"),
        (io.BytesIO(b"not an excel file"), "not_xlsx"),
        (xlsx([row()], headers=["A", "B"]), "bad_header"),
        (xlsx([]), "no_rows"),
    ],
)
def test_bad_sheets_are_refused(folder, sheet, code):
    with pytest.raises(DocumentsImportError) as error:
        documents_import(sheet=sheet, files=FolderFiles(folder))
    assert error.value.codes == [(None, code)]


def test_existing_documents_in_the_database_are_skipped(folder):
    DocumentFactory(number="15/KH-UBND")
    report = documents_import(sheet=xlsx([row()]), files=FolderFiles(folder))
    assert (report.created, report.existing) == (0, 1)


def test_a_zip_of_files_works_like_a_folder():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("luu-tru/Kế hoạch 15.pdf", simple_pdf(["a"]))
    buffer.seek(0)
    report = documents_import(sheet=xlsx([row()]), files=ZipFiles(buffer))
    assert report.files == 1


def test_a_file_the_zip_cannot_unpack_is_named_not_a_crash():
    """A member stored with a compression zipfile does not know (as some
    archivers' encryption does) is a refused row, not a server error."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Kế hoạch 15.pdf", simple_pdf(["a"]))
    data = bytearray(buffer.getvalue())
    # The compression method (offset 8 of the local header, 10 of the central
    # one): 99, AES, which zipfile cannot read.
    data[8:10] = (99).to_bytes(2, "little")
    central = data.rindex(b"PK\x01\x02")
    data[central + 10 : central + 12] = (99).to_bytes(2, "little")
    with pytest.raises(DocumentsImportError) as error:
        documents_import(sheet=xlsx([row()]), files=ZipFiles(io.BytesIO(bytes(data))))
    assert error.value.codes == [(2, "bad_file")]


def test_a_broken_zip_is_refused():
    with pytest.raises(DocumentsImportError) as error:
        ZipFiles(io.BytesIO(b"PK broken"))
    assert error.value.codes == [(None, "bad_zip")]


def test_the_command_imports_with_a_progress_bar(folder):
    path = folder / "danh-sach.xlsx"
    path.write_bytes(xlsx(good_rows()).getvalue())
    out = io.StringIO()
    call_command("import_documents", str(path), str(folder), stdout=out)
    assert "[########################################] 2/2" in out.getvalue()
    assert "2 văn bản mới" in out.getvalue()
    assert Document.objects.count() == 2


def test_the_command_reports_bad_rows_in_vietnamese(folder):
    path = folder / "danh-sach.xlsx"
    path.write_bytes(xlsx([row(files="giả mạo.pdf")]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError, match="Chưa nhập"):
        call_command("import_documents", str(path), str(folder), stderr=err)
    assert "Dòng 2:" in err.getvalue() and "giả mạo.pdf" in err.getvalue()
    assert not Document.objects.exists()


def test_the_command_checks_its_arguments(folder):
    with pytest.raises(CommandError):
        call_command("import_documents", str(folder / "none.xlsx"), str(folder))
    path = folder / "danh-sach.xlsx"
    path.write_bytes(xlsx([row()]).getvalue())
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), str(folder / "none"))


def with_relations(cells, replaces="", amends="", guides=""):
    return cells + [replaces, amends, guides]


RELATION_HEADERS = HEADERS + [
    "Thay thế văn bản",
    "Sửa đổi văn bản",
    "Hướng dẫn văn bản",
]


def test_relation_columns_link_documents_of_the_file_and_of_the_portal(folder):
    old = DocumentFactory(number="500/QĐ-UBND", issued_on=datetime.date(2023, 3, 15))
    rows = [
        with_relations(row(), replaces="500/QĐ-UBND"),
        with_relations(
            row(number="05/HD-UBND", kind="Hướng dẫn", files=""), guides="15/KH-UBND"
        ),
    ]
    documents_import(
        sheet=xlsx(rows, headers=RELATION_HEADERS), files=FolderFiles(folder)
    )
    plan = Document.objects.get(number="15/KH-UBND")
    guide = Document.objects.get(number="05/HD-UBND")
    assert plan.relations_out.get().target == old
    assert guide.relations_out.get().target == plan
    old.refresh_from_db()
    assert old.status == "replaced"
    # Again: nothing new.
    documents_import(
        sheet=xlsx(rows, headers=RELATION_HEADERS), files=FolderFiles(folder)
    )
    assert DocumentRelation.objects.count() == 2


def test_unknown_or_malformed_relations_are_refused(folder):
    rows = [
        with_relations(row(), replaces="9999/QĐ-UBND"),
        with_relations(row(number="16/KH-UBND", files=""), amends="không phải số"),
    ]
    with pytest.raises(DocumentsImportError) as error:
        documents_import(
            sheet=xlsx(rows, headers=RELATION_HEADERS), files=FolderFiles(folder)
        )
    assert set(error.value.codes) == {(2, "unknown_relation"), (3, "bad_relation")}
    assert not Document.objects.exists()


def test_columns_are_found_by_title_in_any_order_and_files_in_subfolders(tmp_path):
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "Kế hoạch 15.pdf").write_bytes(simple_pdf(["a"]))
    headers = ["số ký hiệu", "Trích yếu", "TỆP ĐÍNH KÈM", "Ngày ban hành",
               "Cơ quan ban hành", "Loại văn bản", "Ghi chú"]  # fmt: skip
    rows = [["15/KH-UBND", "Kế hoạch phòng chống bão", "kế hoạch 15.pdf",
             "12/01/2026", "UBND thị xã Hồng Lĩnh", "KH", "bản gốc"]]  # fmt: skip
    report = documents_import(
        sheet=xlsx(rows, headers=headers), files=FolderFiles(tmp_path)
    )
    assert (report.created, report.files) == (1, 1)
    assert Document.objects.get().document_type.slug == "ke-hoach"


def test_a_sheet_without_a_required_column_names_it(folder):
    with pytest.raises(DocumentsImportError) as error:
        documents_import(
            sheet=xlsx([["15/KH-UBND"]], headers=["Số ký hiệu"]),
            files=FolderFiles(folder),
        )
    assert error.value.codes == [(None, "bad_header")]
    assert "Loại văn bản" in str(error.value.errors[0])


def test_a_zip_without_the_utf8_flag_keeps_vietnamese_names():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("Kế hoạch 15.pdf")
        archive.writestr(info, simple_pdf(["a"]))
    data = bytearray(buffer.getvalue())
    # Clear the UTF-8 flag (bit 11) in the local and central headers, as
    # archivers that write UTF-8 names without saying so do.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        flags = int.from_bytes(data[at + offset : at + offset + 2], "little")
        data[at + offset : at + offset + 2] = (flags & ~0x800).to_bytes(2, "little")
    files = ZipFiles(io.BytesIO(bytes(data)))
    assert files.find("Kế hoạch 15.pdf") is not None
