"""What the admin's scripts write is Vietnamese too: the rich-text editor's
menu and dialogs; and the commendation pages fit the screen and the paper."""

import re

import pytest
from playwright.sync_api import expect

from awards.models import Award, Decision
from tests.factories import UserFactory

ENGLISH_MENU = re.compile(
    r"^(heading \d|paragraph|bold|italic|underline|strike|subscript|superscript|"
    r"unordered list|ordered list|blockquote|horizontal rule|insert link|"
    r"remove link|undo|redo|edit HTML|Heading \d|Paragraph)$"
)


@pytest.fixture
def staff_page(site, page):
    UserFactory(
        username="bientap",
        is_staff=True,
        is_superuser=True,
        password="mat-khau-bien-tap-1",
    )
    page.goto(site + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill("mat-khau-bien-tap-1")
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def test_the_editor_menu_and_link_dialog_are_in_vietnamese(site, staff_page):
    page = staff_page
    page.goto(site + "/admin/news/article/add/")
    editor = page.locator("#tab_id_body_vi .ProseMirror:visible")
    expect(editor).to_be_visible()
    menu = page.locator("#tab_id_body_vi .prose-menubar").first
    expect(menu.locator("[title='Chữ đậm']")).to_have_count(1)
    names = menu.evaluate(
        """m => [...m.querySelectorAll('[title], [aria-label]')].flatMap(
            e => [e.getAttribute('title'), e.getAttribute('aria-label')])
            .filter(Boolean)"""
    )
    assert names, "the menu has no named buttons"
    assert [name for name in names if ENGLISH_MENU.match(name)] == []
    options = menu.evaluate(
        "m => [...m.querySelectorAll('p, h1, h2, h3, h4, h5, h6')].map(e => e.textContent)"
    )
    assert "Đoạn văn" in options
    assert [text for text in options if ENGLISH_MENU.match(text)] == []
    editor.click()
    page.keyboard.type("Hồng Lĩnh")
    page.keyboard.press("Shift+Home")
    menu.locator("[title='Chèn liên kết']").click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Sửa liên kết")
    expect(dialog.get_by_role("button", name="Cập nhật")).to_be_visible()
    expect(dialog.get_by_role("button", name="Huỷ")).to_be_visible()


def test_the_decision_page_fits_1280_pixels(site, staff_page):
    page = staff_page
    page.set_viewport_size({"width": 1280, "height": 900})
    decision = Decision.objects.filter(awards__isnull=False).first()
    page.goto(site + f"/admin/awards/decision/{decision.pk}/change/")
    expect(page.locator(".award-rows")).to_be_visible()
    sideways = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert sideways <= 0
    row = page.locator(".award-rows .inline-related").first
    for label in ("Tên", "Loại", "Chức vụ", "Đơn vị", "Hình thức", "Thành tích"):
        expect(row.get_by_text(re.compile(label, re.I)).first).to_be_visible()


def test_the_certificate_is_one_click_away_and_prints_on_one_a4_page(site, staff_page):
    page = staff_page
    award = Award.objects.select_related("decision").first()
    page.goto(site + f"/admin/awards/decision/{award.decision_id}/change/")
    with page.expect_popup() as popup:
        page.get_by_role("link", name="In giấy khen").first.click()
    certificate = popup.value
    certificate.wait_for_load_state()
    expect(certificate.get_by_role("button", name="In giấy khen")).to_be_visible()
    expect(certificate.locator(".place-date")).to_contain_text("Hồng Lĩnh, ngày")
    pdf = certificate.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
