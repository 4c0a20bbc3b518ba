"""Documents and consultation in Chromium: a citizen filters and downloads a
document, comments on a draft with the keyboard alone; staff import a small
archive. axe-core finds no WCAG 2.1 AA violation on the public pages."""

import io
import zipfile

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils.translation import override
from playwright.sync_api import expect

from documents.models import Comment, Document, DocumentFile, Draft
from tests.browser.conftest import WIDTHS
from tests.documents.factories import row, xlsx
from tests.factories import UserFactory

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
axe = Axe()
DOCX_NAME = "Phụ lục kế hoạch phòng chống bão.docx"


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _paths():
    plan = Document.objects.get(number="15/KH-UBND")
    open_draft = Draft.objects.get(title_vi__startswith="Dự thảo Quy chế")
    closed = Draft.objects.exclude(pk=open_draft.pk).get()
    paths = []
    for language in ("vi", "en"):
        with override(language):
            paths += [
                (language, reverse("documents:document-list")),
                (
                    language,
                    reverse("documents:document-list") + "?q=ke+hoach&type=ke-hoach",
                ),
                (language, plan.get_absolute_url()),
                (language, reverse("documents:document-print", args=[plan.pk])),
                (language, reverse("documents:draft-list")),
                (language, open_draft.get_absolute_url()),
                (language, closed.get_absolute_url()),
            ]
    return paths


def test_document_pages_have_no_wcag_violations_and_fit_a_phone(site, page):
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        for language, path in _paths():
            page.goto(site + path)
            results = axe.run(
                page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
            )
            assert results.violations_count == 0, (
                f"{path} at {width}px:\n{results.generate_report()}"
            )
            expect(page.locator("html")).to_have_attribute("lang", language)
            scroll = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert scroll <= 0, f"{path} scrolls sideways at {width}px"


def test_a_citizen_filters_the_documents_and_downloads_one(site, page):
    from django.core.files.base import ContentFile

    plan = Document.objects.get(number="15/KH-UBND")
    DocumentFile(document=plan, file=ContentFile(_docx(), name=DOCX_NAME)).save()
    page.goto(site + "/")
    page.get_by_role("navigation", name="Menu chính").get_by_role(
        "link", name="Văn bản"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Văn bản")
    page.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    page.get_by_label("Tìm kiếm", exact=True).fill("phong chong bao")
    page.get_by_role("button", name="Tìm kiếm", exact=True).last.click()
    items = page.locator(".document-item")
    expect(items).to_have_count(1)
    items.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("15/KH-UBND")
    with page.expect_download() as info:
        page.get_by_role("link", name=DOCX_NAME).click()
    assert info.value.suggested_filename == DOCX_NAME
    # The PDF is served inline with its Vietnamese name.
    pdf = plan.files.get(kind="pdf")
    response = page.request.get(site + pdf.get_absolute_url())
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "filename*=UTF-8''K%E1%BA%BF" in response.headers["content-disposition"]


def test_a_citizen_comments_on_a_draft_with_the_keyboard(site, page):
    draft = Draft.objects.get(title_vi__startswith="Dự thảo Quy chế")
    page.goto(site + draft.get_absolute_url())
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "id_name":
            break
    else:
        raise AssertionError("The comment form was never reached with Tab")
    page.keyboard.type("Nguyễn Thị Mai")
    page.keyboard.press("Tab")
    page.keyboard.type("mai@example.org")
    page.keyboard.press("Tab")  # phone: optional when an email is given
    page.keyboard.press("Tab")
    page.keyboard.type("Đề nghị mở thêm lối đi cho xe cứu hỏa ở phía đông chợ.")
    page.keyboard.press("Tab")  # consent, left unticked
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("đánh dấu ô đồng ý")
    expect(page.locator("#id_body")).to_have_value(
        "Đề nghị mở thêm lối đi cho xe cứu hỏa ở phía đông chợ."
    )
    page.locator("#id_consent").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("kiểm duyệt")
    comment = Comment.objects.get(name="Nguyễn Thị Mai")
    assert comment.status == Comment.Status.PENDING
    assert "mai@example.org" not in page.content()


def test_staff_import_a_small_archive(site, page, tmp_path):
    from documents.pdf import simple_pdf

    UserFactory(
        username="vanthu",
        is_staff=True,
        is_superuser=True,
        password="mat-khau-van-thu-1",
    )
    sheet = tmp_path / "danh-sach.xlsx"
    sheet.write_bytes(
        xlsx(
            [
                row(number="31/KH-UBND", files="Kế hoạch 31.pdf",
                    excerpt="Kế hoạch tổ chức Lễ hội chùa Hương Tích"),
                row(number="32/TB-UBND", kind="Thông báo", files="Thông báo 32.pdf",
                    excerpt="Thông báo lịch cắt điện"),
            ]
        ).getvalue()
    )  # fmt: skip
    archive = tmp_path / "tep.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("Kế hoạch 31.pdf", simple_pdf(["31"]))
        out.writestr("Thông báo 32.pdf", simple_pdf(["32"]))
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.goto(site + "/admin/")
    page.get_by_label("Tên đăng nhập").fill("vanthu")
    page.get_by_label("Mật khẩu").fill("mat-khau-van-thu-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(site + reverse("admin:documents_document_changelist"))
    page.get_by_role("link", name="Nhập kho văn bản").click()
    page.get_by_label("Danh sách văn bản (.xlsx)").set_input_files(str(sheet))
    page.get_by_label("Tệp đính kèm (.zip)").set_input_files(str(archive))
    page.get_by_role("button", name="Kiểm tra kho văn bản").click()
    expect(page.locator("#import-preview tbody tr")).to_have_count(2)
    assert not Document.objects.filter(number="31/KH-UBND").exists()
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã nhập: 2 văn bản mới")
    document = Document.objects.get(number="31/KH-UBND")
    assert document.files.get().original_name == "Kế hoạch 31.pdf"
    # The document form: rich text editor and translation tabs, nothing blocked.
    page.goto(site + reverse("admin:documents_document_add"))
    expect(page.locator("#tab_id_body_vi .ProseMirror:visible")).to_be_visible()
    expect(page.locator(".ui-tabs-nav").first).to_be_visible()
    assert [e for e in errors if "Content Security Policy" in e] == []
