"""A file that passed its checks is kept when the form is refused for
another reason (core.uploads), in the article and decision admin."""

import re

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.uploads import SALT, upload_keep, upload_restore
from news.models import Article, Photo
from tests.factories import CategoryFactory, image_upload
from tests.news.test_admin import article_form, photo_fields, with_photos

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="(photos-0-image__kept)" value="([^"]+)"')


def test_a_kept_file_comes_back_and_a_forged_token_does_not():
    token = upload_keep(SimpleUploadedFile("anh.jpg", b"abc", "image/jpeg"))
    restored = upload_restore(token)
    assert restored.read() == b"abc" and restored.name == "anh.jpg"
    assert upload_restore("nonsense") is None
    assert upload_restore("") is None
    forged = signing.dumps({"path": "../../etc/passwd"}, salt=SALT)
    assert upload_restore(forged) is None
    outside = signing.dumps({"path": "news/photo.jpg"}, salt=SALT)
    assert upload_restore(outside) is None


def test_a_valid_photo_is_kept_when_the_article_is_refused(staff_client):
    category = CategoryFactory()
    url = reverse("admin:news_article_add")
    photo = photo_fields("Toàn cảnh hội nghị", "Hội trường", 1, upload=image_upload())
    refused = staff_client.post(
        url, with_photos(article_form(category, title_vi=""), photo)
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    name, token = TOKEN.search(html).groups()
    assert "Giữ từ lần gửi trước" in html
    assert Article.objects.count() == 0
    again = with_photos(
        article_form(category), photo_fields("Toàn cảnh", "Hội trường", 1)
    )
    del again["photos-0-image"]
    again[name] = token
    saved = staff_client.post(url, again)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert Photo.objects.get().image.name.endswith(".jpg")


def test_an_invalid_photo_is_not_kept(staff_client):
    category = CategoryFactory()
    bad = SimpleUploadedFile("anh.jpg", b"not an image", "image/jpeg")
    response = staff_client.post(
        reverse("admin:news_article_add"),
        with_photos(
            article_form(category, title_vi=""), photo_fields("a", "b", 1, bad)
        ),
    )
    assert TOKEN.search(response.content.decode()) is None
