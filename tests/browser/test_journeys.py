import re

import pytest
from playwright.sync_api import expect

from news.demo import CONFERENCE_SLUG
from tests.browser.conftest import WIDTHS
from tests.factories import UserFactory, image_bytes

ARTICLE_PATH = f"/tin-tuc/{CONFERENCE_SLUG}/"


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_a_citizen_reads_the_news_and_switches_to_english(
    site, page, screenshot, screen
):
    page.set_viewport_size({"width": WIDTHS[screen], "height": 900})
    page.goto(site + "/")
    expect(page).to_have_title(re.compile("Hồng Lĩnh"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    screenshot(page, f"home-{screen}")

    if screen == "phone":  # the menu is folded on phones
        page.locator("summary.site-menu-toggle").click()
    page.get_by_role("navigation", name="Menu chính").get_by_role(
        "link", name="Quốc phòng - An ninh"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quốc phòng - An ninh")

    page.get_by_role(
        "link", name=re.compile("tổng kết 10 năm xây dựng nền quốc phòng")
    ).first.click()
    expect(page).to_have_url(site + ARTICLE_PATH)
    figures = page.locator("article figure")
    expect(figures).to_have_count(5)
    expect(figures.first.locator("figcaption")).to_contain_text("Toàn cảnh hội nghị")
    for image in figures.locator("img").all():
        image.scroll_into_view_if_needed()
        assert image.get_attribute("alt")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(page, f"article-{screen}")

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "all-people national defence"
    )
    expect(page.locator("article figure figcaption").first).to_contain_text(
        "The conference"
    )


def test_staff_write_and_publish_an_article_with_two_photos(site, page, tmp_path):
    UserFactory(
        username="bientap",
        is_staff=True,
        is_superuser=True,
        password="mat-khau-bien-tap-1",
    )
    photos = []
    for index, color in enumerate([(200, 40, 40), (40, 90, 160)]):
        path = tmp_path / f"anh-{index}.jpg"
        path.write_bytes(image_bytes("JPEG", size=(1200, 800), color=color))
        photos.append(path)

    page.goto(site + "/admin/")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill("mat-khau-bien-tap-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(site + "/admin/news/article/add/")

    page.locator("#id_title_vi").fill("Đồng chí Bí thư Thị ủy thăm trường học")
    page.locator("#id_summary_vi").fill("Bài viết thử nghiệm từ trình duyệt.")
    editor = page.locator("#tab_id_body_vi .ProseMirror:visible")
    editor.click()
    editor.type("Đoạn mở đầu của bài viết.")
    editor.press("Enter")
    editor.type("Đoạn thứ hai của bài viết.")
    page.locator(".field-category .select2-selection").click()  # autocomplete widget
    page.locator(".select2-search__field").fill("Tin tức")
    page.get_by_role("option", name="Tin tức - Sự kiện").click()
    page.locator("#id_status").select_option("published")

    page.locator("#id_photos-0-image").set_input_files(str(photos[0]))
    page.locator("#id_photos-0-caption_vi").fill("Toàn cảnh buổi làm việc")
    page.locator("#id_photos-0-alt_text_vi").fill(
        "Lãnh đạo thị xã trò chuyện với giáo viên"
    )
    page.locator("#id_photos-0-after_paragraph").fill("1")
    page.locator("#photos-group .add-row a").click()
    page.locator("#id_photos-1-image").set_input_files(str(photos[1]))
    page.locator("#id_photos-1-caption_vi").fill("Tặng quà cho học sinh")
    page.locator("#id_photos-1-alt_text_vi").fill("Học sinh nhận quà từ đoàn công tác")
    page.locator("#id_photos-1-after_paragraph").fill("2")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")

    page.goto(site + "/")
    page.get_by_role(
        "link", name="Đồng chí Bí thư Thị ủy thăm trường học"
    ).first.click()
    expect(page).to_have_url(site + "/tin-tuc/dong-chi-bi-thu-thi-uy-tham-truong-hoc/")
    captions = page.locator("article figure figcaption")
    expect(captions).to_have_count(2)
    expect(captions.nth(0)).to_contain_text("Toàn cảnh buổi làm việc")
    expect(captions.nth(1)).to_contain_text("Tặng quà cho học sinh")
    body = page.locator(".article-body").inner_text()
    assert (
        body.index("Đoạn mở đầu")
        < body.index("Toàn cảnh buổi làm việc")
        < body.index("Đoạn thứ hai")
    )


def test_admin_pages_load_without_content_security_policy_errors(site, page):
    UserFactory(
        username="bientap",
        is_staff=True,
        is_superuser=True,
        password="mat-khau-bien-tap-1",
    )
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.goto(site + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill("mat-khau-bien-tap-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(site + "/admin/news/article/add/")
    expect(page.locator("#tab_id_body_vi .ProseMirror:visible")).to_be_visible()
    expect(
        page.locator(".ui-tabs-nav").first
    ).to_be_visible()  # translation tabs rendered
    assert [e for e in errors if "Content Security Policy" in e] == []
