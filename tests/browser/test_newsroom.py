"""The newsroom in a browser: three accounts in the three roles walk an
article from draft to published with a return in between; a published
article's edit waits for approval; a long edit survives an expired session."""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from news import roles
from news.models import Article
from tests.factories import UserFactory

PASSWORD = "mat-khau-toa-soan-1"


def member(role, username):
    user = UserFactory(username=username, is_staff=True, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(page, site, username):
    page.context.clear_cookies()
    page.goto(site + "/admin/login/?next=/admin/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#newsroom-title")).to_be_visible()


def decide(page, choice, comment=""):
    page.get_by_label(choice).check()
    if comment:
        page.get_by_label("Ghi chú hoặc ý kiến").fill(comment)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".messagelist")).to_be_visible()


def test_reporter_editor_approver_round_trip_with_a_return(site, page):
    member(roles.REPORTER, "phongvien")
    member(roles.EDITOR, "bientap")
    member(roles.APPROVER, "lanhdao")
    title = "Phường Bắc Hồng ra quân làm sạch đường làng"

    log_in(page, site, "phongvien")
    page.goto(site + "/admin/news/article/add/")
    expect(page.locator("#id_status option[value=published]")).to_have_count(0)
    page.locator("#id_title_vi").fill(title)
    page.locator("#id_summary_vi").fill("Tóm tắt ban đầu.")
    body = page.locator("#tab_id_body_vi .ProseMirror:visible")
    body.click()
    body.type("Sáng nay, đoàn viên thanh niên ra quân.")
    page.locator(".field-category .select2-selection").click()
    page.locator(".select2-search__field").fill("Tin tức")
    page.get_by_role("option", name="Tin tức - Sự kiện").click()
    page.locator("input[name=_save]").click()
    article = Article.objects.get(title_vi=title)
    page.goto(site + f"/admin/news/article/{article.pk}/change/")
    page.get_by_role("link", name="Duyệt bài").click()
    expect(page.get_by_label("Duyệt và đăng (ngay hoặc hẹn giờ)")).to_have_count(0)
    decide(page, "Gửi duyệt", "Nhờ ban biên tập xem giúp")

    log_in(page, site, "bientap")
    page.locator("#dashboard-waiting").get_by_role("link", name=title).click()
    expect(page.get_by_text("Nhờ ban biên tập xem giúp")).to_be_visible()
    expect(page.get_by_label("Duyệt và đăng (ngay hoặc hẹn giờ)")).to_have_count(0)
    page.get_by_label("Trả lại tác giả kèm ý kiến").check()
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".errorlist")).to_contain_text("Hãy ghi rõ")
    decide(page, "Trả lại tác giả kèm ý kiến", "Sapo cần nêu số người tham gia")

    log_in(page, site, "phongvien")
    returned = page.locator("#dashboard-returned")
    expect(returned).to_contain_text("Sapo cần nêu số người tham gia")
    returned.get_by_role("link", name=title).click()
    expect(page.locator(".newsroom-steps")).to_contain_text("Sapo cần nêu")
    page.locator("#id_summary_vi").fill("Hơn 200 đoàn viên tham gia làm sạch đường.")
    page.locator("#id_status").select_option("review")
    page.locator("input[name=_save]").click()

    log_in(page, site, "lanhdao")
    page.locator("#dashboard-waiting").get_by_role("link", name=title).click()
    decide(page, "Duyệt và đăng (ngay hoặc hẹn giờ)", "Đồng ý đăng")

    page.context.clear_cookies()
    page.goto(site + "/")
    page.get_by_role("link", name=title).first.click()
    expect(page.locator("main")).to_contain_text("Hơn 200 đoàn viên")

    # The reporter edits the published article: it waits for approval.
    log_in(page, site, "phongvien")
    page.goto(site + f"/admin/news/article/{article.pk}/change/")
    expect(page.locator(".newsroom-notice")).to_contain_text("chờ duyệt")
    page.locator("#id_title_vi").fill(title + " (sửa)")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Bài đang đăng không thay đổi")
    page.context.clear_cookies()
    page.goto(site + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text(title)


def test_a_long_edit_survives_an_expired_session(site, page):
    user = member(roles.EDITOR, "bientap")
    log_in(page, site, "bientap")
    page.goto(site + "/admin/news/article/")
    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    article.status = Article.Status.DRAFT
    article.created_by = user
    article.save()
    change = site + f"/admin/news/article/{article.pk}/change/"
    page.goto(change)
    page.locator("#id_title_vi").fill("Tiêu đề gõ rất lâu")
    body = page.locator("#tab_id_body_vi .ProseMirror:visible")
    body.click()
    body.press("End")
    body.type(" Câu viết thêm trước khi phiên hết hạn.")
    # The session expires while the editor writes.
    cookies = page.context.cookies()
    assert any(cookie["name"] == "sessionid" for cookie in cookies)
    page.context.clear_cookies()
    page.context.add_cookies([c for c in cookies if c["name"] != "sessionid"])
    page.locator("input[name=_save]").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(change)
    notice = page.locator("#autosave-notice")
    expect(notice).to_be_visible()
    notice.get_by_role("button", name="Khôi phục nội dung chưa lưu").click()
    expect(page.locator("#id_title_vi")).to_have_value("Tiêu đề gõ rất lâu")
    expect(page.locator("#tab_id_body_vi .ProseMirror:visible")).to_contain_text(
        "Câu viết thêm trước khi phiên hết hạn."
    )
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    article.refresh_from_db()
    assert article.title_vi == "Tiêu đề gõ rất lâu"
    assert "Câu viết thêm trước khi phiên hết hạn." in article.body_vi
    page.goto(change)
    expect(page.locator("#autosave-notice")).to_be_hidden()
