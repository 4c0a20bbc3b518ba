"""A citizen asks a question with the keyboard alone, gets a tracking code,
staff assign and answer it in admin, and the citizen reads the answer."""

import re

from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from tests.factories import UserFactory

from .conftest import WIDTHS
from .test_accessibility import WCAG_TAGS

axe = Axe()


def assert_accessible(page, where):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.evaluate("() => window.innerWidth")
    assert width <= viewport, f"{where}: scrolls sideways ({width} > {viewport})"


def tab_to(page, name, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.name === '{name}'"):
            return
    raise AssertionError(f"never reached the field {name}")


def test_question_pages_have_no_wcag_violations(site, page):
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        for path in (
            "/hoi-dap/",
            "/hoi-dap/?q=dat",
            "/hoi-dap/1/",
            "/hoi-dap/gui-cau-hoi/",
            "/hoi-dap/tra-cuu/",
            "/hoi-dap/bao-ve-du-lieu-ca-nhan/",
            "/en/questions/",
            "/en/questions/ask/",
        ):
            page.goto(site + path)
            assert_accessible(page, f"{path} at {width}px")
        # A refused form and a lookup with a wrong code.
        page.goto(site + "/hoi-dap/gui-cau-hoi/")
        page.get_by_role("button", name="Gửi câu hỏi").click()
        expect(page.locator(".form-errors")).to_be_visible()
        assert_accessible(page, f"refused form at {width}px")
        page.goto(site + "/hoi-dap/tra-cuu/")
        page.get_by_label("Mã tra cứu").fill("HL-AAAA-BBBB-CCCC")
        page.get_by_role("button", name="Tra cứu").click()
        expect(page.get_by_role("alert")).to_contain_text("Không có câu hỏi nào")
        assert_accessible(page, f"lookup not found at {width}px")


def test_citizen_asks_by_keyboard_staff_answer_citizen_reads(site, page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site + "/")
    # On a phone the menu is folded behind its summary.
    page.locator("summary.site-menu-toggle").click()
    page.get_by_role("navigation", name="Menu chính").get_by_role(
        "link", name="Hỏi đáp"
    ).click()
    page.get_by_role("link", name="Gửi câu hỏi").first.click()
    expect(page).to_have_url(re.compile("/hoi-dap/gui-cau-hoi/$"))

    tab_to(page, "name")
    page.keyboard.type("Hoàng Thị Lan")
    page.keyboard.press("Tab")
    page.keyboard.type("0912 345 678")
    page.keyboard.press("Tab")
    page.keyboard.type("lan.hoang@example.com")
    page.keyboard.press("Tab")  # address: optional, left empty
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "topic"
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_topic").input_value() != ""
    page.keyboard.press("Tab")
    page.keyboard.type("Hỏi về giờ làm việc của Bộ phận một cửa")
    page.keyboard.press("Tab")
    page.keyboard.type(
        "Xin hỏi Bộ phận một cửa của UBND thị xã có làm việc sáng thứ Bảy không?"
    )
    tab_to(page, "consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    page.keyboard.press("Tab")  # the privacy link
    page.keyboard.press("Tab")  # the honeypot is not in the tab order
    assert page.evaluate("() => document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Câu hỏi của bạn đã được tiếp nhận"
    )
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"HL-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code not in page.url
    assert_accessible(page, "thank-you page")

    page.get_by_role("link", name="Tra cứu bằng mã").first.click()
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".lookup-result")).to_contain_text("Đã tiếp nhận")
    expect(page.locator(".lookup-result")).not_to_contain_text("lan.hoang")

    # Staff assign the question to a unit and answer it.
    UserFactory(
        username="tiepdan", is_staff=True, is_superuser=True, password="mat-khau-td-1"
    )
    staff = page.context.browser.new_context()
    admin = staff.new_page()
    admin.goto(site + "/admin/")
    admin.get_by_label("Tên đăng nhập").fill("tiepdan")
    admin.get_by_label("Mật khẩu").fill("mat-khau-td-1")
    admin.get_by_role("button", name="Đăng nhập").click()
    admin.goto(site + "/admin/questions/question/?status__exact=received")
    admin.get_by_role("link", name="Hỏi về giờ làm việc của Bộ phận một cửa").click()
    expect(admin.locator(".fieldBox.field-email")).to_contain_text(
        "lan.hoang@example.com"
    )
    admin.locator(".field-unit .select2-selection").click()
    admin.locator(".select2-search__field").fill("Hồng Lĩnh")
    admin.get_by_role("option", name="UBND thị xã Hồng Lĩnh").click()
    editor = admin.locator("#tab_id_answer_vi .ProseMirror:visible")
    editor.click()
    editor.type("Bộ phận một cửa làm việc sáng thứ Bảy từ 7 giờ 30 đến 11 giờ 30.")
    admin.locator("#id_is_public").check()
    admin.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    expect(admin.locator(".messagelist")).to_contain_text("lan.hoang@example.com")
    expect(admin.locator(".fieldBox.field-status")).to_contain_text(
        "Đã trả lời và công khai"
    )
    staff.close()
    assert len(mail.outbox) == 1
    assert "sáng thứ Bảy" in mail.outbox[0].body

    # The citizen looks the answer up.
    page.goto(site + "/hoi-dap/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code)
    page.keyboard.press("Enter")
    result = page.locator(".lookup-result")
    expect(result).to_contain_text("sáng thứ Bảy từ 7 giờ 30")
    expect(result).to_contain_text("UBND thị xã Hồng Lĩnh")
    assert_accessible(page, "lookup with answer")
    result.get_by_role("link", name="Trang công khai của câu trả lời này").click()
    expect(page.locator("article")).to_contain_text("sáng thứ Bảy")
    expect(page.locator("body")).not_to_contain_text("0912 345 678")
    expect(page.locator("body")).not_to_contain_text("Hoàng Thị Lan")
