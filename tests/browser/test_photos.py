"""The photo library in a browser: a photo uploaded once appears in two
articles and in the public library; album pages on a phone, keyboard and axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils.translation import override
from playwright.sync_api import expect

from news.models import Article
from photos.demo import CONFERENCE_ALBUM_SLUG
from photos.models import Album
from photos.models import Photo as LibraryPhoto
from tests.browser.conftest import WIDTHS
from tests.browser.test_accessibility import WCAG_TAGS
from tests.factories import UserFactory, image_bytes

axe = Axe()


def url_in(language, name, **kwargs):
    with override(language):
        return reverse(name, kwargs=kwargs)


def log_in(site, page):
    UserFactory(
        username="bientap",
        is_staff=True,
        is_superuser=True,
        password="mat-khau-bien-tap-1",
    )
    page.goto(site + "/admin/")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill("mat-khau-bien-tap-1")
    page.get_by_role("button", name="Đăng nhập").click()


def start_article(site, page, title):
    page.goto(site + "/admin/news/article/add/")
    page.locator("#id_title_vi").fill(title)
    editor = page.locator("#tab_id_body_vi .ProseMirror:visible")
    editor.click()
    editor.type("Đoạn mở đầu của bài viết.")
    page.locator(".field-category .select2-selection").click()
    page.locator(".select2-search__field").fill("Tin tức")
    page.get_by_role("option", name="Tin tức - Sự kiện").click()
    page.locator("#id_status").select_option("published")


def test_a_photo_uploaded_once_appears_in_two_articles_and_the_library(
    site, page, tmp_path
):
    log_in(site, page)
    path = tmp_path / "hoi-nghi.jpg"
    path.write_bytes(image_bytes("JPEG", size=(1200, 800), color=(30, 90, 160)))

    start_article(site, page, "Khai mạc hội nghị cán bộ")
    page.locator("#id_photos-0-image").set_input_files(str(path))
    page.locator("#id_photos-0-caption_vi").fill("Toàn cảnh hội trường")
    page.locator("#id_photos-0-alt_text_vi").fill("Đại biểu ngồi kín hội trường")
    page.locator("#id_photos-0-credit_vi").fill("Ảnh: Minh Đức")
    page.locator("#id_photos-0-after_paragraph").fill("1")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")

    # The second article reuses it: found in the library without diacritics.
    start_article(site, page, "Bế mạc hội nghị cán bộ")
    page.locator("#photos-0 .field-photo .select2-selection").click()
    page.locator(".select2-search__field").fill("toan canh hoi truong")
    page.get_by_role("option", name="Toàn cảnh hội trường").click()
    page.locator("#id_photos-0-caption_override_vi").fill("Hội trường ngày bế mạc")
    page.locator("#id_photos-0-after_paragraph").fill("1")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")

    photo = LibraryPhoto.objects.get(caption_vi="Toàn cảnh hội trường")
    assert photo.article_uses.count() == 2
    assert LibraryPhoto.objects.filter(credit_vi="Ảnh: Minh Đức").count() == 1
    photo.album = Album.objects.create(title_vi="Hội nghị cán bộ thị xã")
    photo.save()

    for article in Article.objects.filter(title_vi__contains="mạc hội nghị cán bộ"):
        page.goto(site + article.get_absolute_url())
        figure = page.locator("article figure")
        expect(figure).to_have_count(1)
        expect(figure.locator("img")).to_have_attribute(
            "alt", "Đại biểu ngồi kín hội trường"
        )
        expect(figure.locator("figcaption")).to_contain_text(
            "Hội trường ngày bế mạc"
            if article.title_vi.startswith("Bế mạc")
            else "Toàn cảnh hội trường"
        )

    page.goto(site + "/")
    page.get_by_role("navigation", name="Menu chính").get_by_role(
        "link", name="Thư viện ảnh"
    ).click()
    page.get_by_role("link", name="Hội nghị cán bộ thị xã").click()
    caption = page.locator(".library-photo figcaption")
    expect(caption).to_contain_text("Toàn cảnh hội trường")
    expect(caption).to_contain_text("Ảnh: Minh Đức")
    page.get_by_role("link", name="Khai mạc hội nghị cán bộ").click()
    expect(page.locator("h1")).to_have_text("Khai mạc hội nghị cán bộ")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_album_pages_on_a_phone_have_no_violations(site, page, language):
    for width in (WIDTHS["desktop"], WIDTHS["phone"]):
        page.set_viewport_size({"width": width, "height": 844})
        for path in (
            url_in(language, "photos:album-list"),
            url_in(language, "photos:album-detail", slug=CONFERENCE_ALBUM_SLUG),
        ):
            page.goto(site + path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            results = axe.run(
                page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
            )
            assert results.violations_count == 0, (
                f"{path} at {width}px:\n{results.generate_report()}"
            )
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, path
    figures = page.locator(".library-photo")
    expect(figures).to_have_count(5)
    # Renditions for the phone's width, lazy below the first photo.
    first_image = figures.nth(0).locator("img")
    expect(first_image).not_to_have_attribute("loading", "lazy")
    expect(figures.nth(1).locator("img")).to_have_attribute("loading", "lazy")
    assert "480w" in figures.nth(0).locator("source").get_attribute("srcset")
    box = first_image.bounding_box()
    assert box["width"] <= 390


def test_the_album_page_is_usable_with_the_keyboard(site, page):
    page.goto(site + url_in("vi", "photos:album-detail", slug=CONFERENCE_ALBUM_SLUG))
    page.locator("h1").click()
    reached = []
    for _press in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert any("mở ảnh cỡ lớn" in text for text in reached)
    assert any("Hồng Lĩnh tổng kết 10 năm" in text for text in reached)
