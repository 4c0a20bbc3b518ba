"""The photo library in the newsroom: an editor places a library photo that
is already in an article in a second one (found by the admin's autocomplete,
not uploaded again), an approver publishes it, and the public album page
links the photo to both articles, with no accessibility violation."""

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from news import roles
from news.demo import CONFERENCE_SLUG
from news.models import Article
from photos.demo import CONFERENCE_ALBUM_SLUG
from photos.models import Photo as LibraryPhoto
from tests.browser.test_accessibility import WCAG_TAGS
from tests.browser.test_newsroom import decide, log_in, member

axe = Axe()
TITLE = "Hồng Lĩnh triển khai nhiệm vụ quốc phòng năm 2020"


def test_an_editor_reuses_a_library_photo_and_the_album_links_both_articles(site, page):
    member(roles.EDITOR, "bientap")
    member(roles.APPROVER, "lanhdao")
    photo = LibraryPhoto.objects.get(caption_vi="Toàn cảnh hội nghị")
    photos_before = LibraryPhoto.objects.count()
    first = Article.objects.get(slug=CONFERENCE_SLUG)

    log_in(page, site, "bientap")
    page.goto(site + "/admin/news/article/add/")
    page.locator("#id_title_vi").fill(TITLE)
    body = page.locator("#tab_id_body_vi .ProseMirror:visible")
    body.click()
    body.type("Sáng nay, Ban Chỉ huy Quân sự thị xã triển khai nhiệm vụ năm 2020.")
    page.locator(".field-category .select2-selection").click()
    page.locator(".select2-search__field").fill("Tin tức")
    page.get_by_role("option", name="Tin tức - Sự kiện").click()
    # Found in the library without diacritics, by its caption.
    page.locator("#photos-0 .field-photo .select2-selection").click()
    page.locator(".select2-search__field").fill("toan canh hoi nghi")
    page.get_by_role("option", name="Toàn cảnh hội nghị").click()
    page.locator("#id_photos-0-caption_override_vi").fill(
        "Quang cảnh hội nghị triển khai nhiệm vụ"
    )
    page.locator("#id_photos-0-after_paragraph").fill("1")
    page.locator("#id_status").select_option("review")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article = Article.objects.get(title_vi=TITLE)
    assert article.status == Article.Status.REVIEW
    assert LibraryPhoto.objects.count() == photos_before  # not uploaded twice
    assert list(article.photos.values_list("photo", flat=True)) == [photo.pk]

    log_in(page, site, "lanhdao")
    page.goto(site + reverse("admin:news_article_review", args=[article.pk]))
    decide(page, "Duyệt và đăng (ngay hoặc hẹn giờ)")
    article.refresh_from_db()
    assert article.is_public

    page.goto(site + article.get_absolute_url())
    expect(page.locator("article figure figcaption")).to_contain_text(
        "Quang cảnh hội nghị triển khai nhiệm vụ"
    )

    page.context.clear_cookies()
    page.goto(
        site + reverse("photos:album-detail", kwargs={"slug": CONFERENCE_ALBUM_SLUG})
    )
    uses = page.locator(f"#anh-{photo.pk} .photo-uses")
    expect(uses.get_by_role("link", name=TITLE)).to_have_attribute(
        "href", article.get_absolute_url()
    )
    expect(uses.get_by_role("link", name=first.title_vi)).to_have_attribute(
        "href", first.get_absolute_url()
    )
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()

    uses.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
