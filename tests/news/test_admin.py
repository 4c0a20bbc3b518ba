import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article, Photo
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PhotoFactory,
    UserFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db


def article_form(category, **overrides):
    """The POST data of the admin's article form with its photo inline."""
    data = {
        "title_vi": "Đồng chí Chủ tịch UBND thị xã phát biểu",
        "title_en": "The chairman speaks",
        "summary_vi": "Tóm tắt",
        "summary_en": "",
        "body_vi": "<p>Đoạn một.</p><p>Đoạn hai.</p>",
        "body_en": "",
        "category": category.pk,
        "status": "draft",
        "publish_at_0": "05/12/2019",
        "publish_at_1": "09:30",
        "slug": "",
        "byline_vi": "Nguyễn Văn A",
        "source_vi": "Văn phòng",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def with_photos(data, *photos):
    data["photos-TOTAL_FORMS"] = str(len(photos))
    for index, photo in enumerate(photos):
        for key, value in photo.items():
            data[f"photos-{index}-{key}"] = value
    return data


def photo_fields(caption, alt, after, upload=None):
    return {
        "image": upload or image_upload(),
        "caption_vi": caption,
        "alt_text_vi": alt,
        "after_paragraph": str(after),
        "order": "0",
    }


def test_admin_asks_for_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_add_and_change_pages_render_with_offline_translation_tabs(staff_client):
    response = staff_client.get(reverse("admin:news_article_add"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in content
    assert "googleapis" not in content
    article = ArticleFactory()
    PhotoFactory(article=article)
    assert (
        staff_client.get(
            reverse("admin:news_article_change", args=[article.pk])
        ).status_code
        == 200
    )
    assert (
        staff_client.get(
            reverse("admin:news_article_history", args=[article.pk])
        ).status_code
        == 200
    )


def test_staff_write_an_article_with_two_captioned_photos(staff_client):
    category = CategoryFactory()
    data = with_photos(
        article_form(category),
        photo_fields("Toàn cảnh hội nghị", "Hội trường", 1),
        photo_fields("Trao giấy khen", "Lễ trao giấy khen", 2),
    )
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    article = Article.objects.get()
    assert article.slug == "dong-chi-chu-tich-ubnd-thi-xa-phat-bieu"
    assert article.created_by.username == "bientap"
    assert (
        article.publish_at.strftime("%d/%m/%Y %H:%M") == "05/12/2019 02:30"
    )  # 09:30 in Vietnam, stored UTC
    assert [p.photo.caption_vi for p in article.photos.all()] == [
        "Toàn cảnh hội nghị",
        "Trao giấy khen",
    ]
    assert article.cover == article.photos.first()
    assert all(p.renditions["webp"] for p in article.photos.all())


def test_a_text_file_renamed_jpg_is_refused_in_admin_and_nothing_is_saved(staff_client):
    fake = SimpleUploadedFile("anh.jpg", b"khong phai anh", content_type="image/jpeg")
    data = with_photos(
        article_form(CategoryFactory()),
        photo_fields("Chú thích", "Mô tả", 1, upload=fake),
    )
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert (
        "Tệp không phải là ảnh hợp lệ (JPEG, PNG hoặc WebP) hoặc đã bị hỏng."
        in response.content.decode()
    )
    assert not Article.objects.exists()
    assert not Photo.objects.exists()


def test_a_photo_without_alt_text_is_refused_in_admin(staff_client):
    data = with_photos(
        article_form(CategoryFactory()), photo_fields("Chú thích", "", 1)
    )
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert "Hãy mô tả ảnh trong ô văn bản thay thế" in response.content.decode()
    assert not Article.objects.exists()


def test_script_typed_into_the_body_is_removed(staff_client):
    data = article_form(
        CategoryFactory(),
        body_vi='<p>Chữ</p><script>alert("x")</script><img src=x onerror=alert(1)>',
    )
    staff_client.post(reverse("admin:news_article_add"), data)
    assert Article.objects.get().body_vi == "<p>Chữ</p>"


def test_publish_and_unpublish_actions(staff_client):
    drafts = ArticleFactory.create_batch(2, status=Article.Status.DRAFT)
    url = reverse("admin:news_article_changelist")
    staff_client.post(
        url, {"action": "publish", "_selected_action": [a.pk for a in drafts]}
    )
    assert Article.objects.published().count() == 2
    staff_client.post(url, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert list(Article.objects.published()) == [drafts[1]]


def test_an_editor_without_the_publish_permission_cannot_publish(client):
    editor = UserFactory(username="phongvien", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "add_article",
                "change_article",
                "view_article",
                "view_category",
            ]
        )
    )
    client.force_login(editor)
    response = client.post(
        reverse("admin:news_article_add"),
        article_form(CategoryFactory(), status="published"),
    )
    assert response.status_code == 200
    assert not Article.objects.exists()
    client.post(
        reverse("admin:news_article_add"),
        article_form(CategoryFactory(), status="review"),
    )
    assert Article.objects.get().status == Article.Status.REVIEW
    changelist = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert 'value="publish"' not in changelist


def test_changelist_filters_and_search(staff_client):
    ArticleFactory(title_vi="Hội nghị quốc phòng")
    ArticleFactory(title_vi="Lịch tiếp dân", status=Article.Status.DRAFT)
    url = reverse("admin:news_article_changelist")
    assert (
        "Lịch tiếp dân"
        not in staff_client.get(url, {"status__exact": "published"}).content.decode()
    )
    assert (
        "Hội nghị quốc phòng"
        in staff_client.get(url, {"q": "quốc phòng"}).content.decode()
    )
    assert (
        "Lịch tiếp dân"
        not in staff_client.get(url, {"visibility": "public"}).content.decode()
    )


def test_changelist_query_count_does_not_grow_with_articles(staff_client):
    url = reverse("admin:news_article_changelist")
    ArticleFactory()
    with CaptureQueriesContext(connection) as small:
        staff_client.get(url)
    for article in ArticleFactory.create_batch(30):
        PhotoFactory(article=article)
    with CaptureQueriesContext(connection) as large:
        staff_client.get(url)
    assert len(small) == len(large)
