"""An administrator finds a failed login and a publication in the audit trail."""

from playwright.sync_api import expect

from tests.factories import UserFactory


def test_an_administrator_reads_and_filters_the_audit_trail(site, page):
    UserFactory(
        username="quantri", is_staff=True, is_superuser=True, password="mat-khau-qt-1"
    )
    page.goto(site + "/admin/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mật khẩu").fill("mat-khau-qt-1")
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(site + "/admin/news/article/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("unpublish")
    page.locator("button[name=index]").first.click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.goto(site + "/admin/audit/auditentry/")
    expect(page.locator("#result_list")).to_contain_text("Gỡ bài")
    page.get_by_role("link", name="Đăng nhập thất bại").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("quantri")
    expect(rows.first).to_contain_text("Đăng nhập thất bại")
    # Read-only: no add button, no delete action, no save button on an entry.
    expect(page.locator("#content .object-tools .addlink")).to_have_count(0)
    assert "delete_selected" not in page.locator("select[name=action]").inner_html()
    rows.first.locator("th a, td a").first.click()
    expect(page.locator("input[name=_save]")).to_have_count(0)
