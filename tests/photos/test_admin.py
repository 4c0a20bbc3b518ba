"""The library in the admin: found by caption, place, date and photographer
with or without diacritics, with thumbnails; in an article, a library photo is
chosen (autocomplete) or a new one uploaded, which lands in the library."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article
from photos.models import Photo
from tests.factories import CategoryFactory, PhotoFactory, image_upload
from tests.news.test_admin import article_form, with_photos
from tests.photos.factories import AlbumFactory, LibraryPhotoFactory
from tests.photos.test_models import photo_with_location

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:photos_photo_changelist"


@pytest.fixture
def library():
    return {
        "hall": LibraryPhotoFactory(
            caption_vi="Toàn cảnh hội nghị",
            place_vi="Hội trường UBND thị xã",
            credit_vi="Ảnh: Minh Đức",
            taken_on=datetime.date(2019, 12, 6),
        ),
        "mountain": LibraryPhotoFactory(
            caption_vi="Dãy núi Hồng Lĩnh",
            alt_text_vi="Những đỉnh núi xanh",
            credit_vi="Ảnh: Thu Hà",
            taken_on=datetime.date(2024, 3, 1),
        ),
    }


def changelist_rows(client, **params):
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("hoi nghi", ["hall"]),  # caption, without diacritics
        ("HỘI TRƯỜNG", ["hall"]),  # place
        ("minh duc", ["hall"]),  # photographer
        ("Thu Hà", ["mountain"]),
        ("đỉnh núi", ["mountain"]),  # alternative text
        ("nui hoi", []),
        ("", ["hall", "mountain"]),
    ],
)
def test_library_search(staff_client, library, term, expected):
    rows = changelist_rows(staff_client, q=term)
    assert sorted(rows, key=lambda p: p.pk) == [library[key] for key in expected]


def test_library_filters_by_date_taken_and_album(staff_client, library):
    album = AlbumFactory()
    library["mountain"].album = album
    library["mountain"].save()
    assert changelist_rows(staff_client, taken_on__year="2019") == [library["hall"]]
    assert changelist_rows(staff_client, album__id__exact=album.pk) == [
        library["mountain"]
    ]


def test_changelist_shows_thumbnails_and_uses(staff_client, library):
    PhotoFactory(photo=library["hall"])
    PhotoFactory(photo=library["hall"])
    content = staff_client.get(reverse(CHANGELIST)).content.decode()
    assert content.count('<img src="/media/renditions/') == 2
    rows = {p.pk: p.use_total for p in changelist_rows(staff_client)}
    assert rows == {library["hall"].pk: 2, library["mountain"].pk: 0}


def test_changelist_query_count_does_not_grow(staff_client):
    LibraryPhotoFactory(album=AlbumFactory())
    with CaptureQueriesContext(connection) as small:
        staff_client.get(reverse(CHANGELIST))
    album = AlbumFactory()
    for photo in LibraryPhotoFactory.create_batch(20, album=album):
        PhotoFactory(photo=photo)
    with CaptureQueriesContext(connection) as large:
        staff_client.get(reverse(CHANGELIST))
    assert len(small) == len(large)


def test_autocomplete_of_the_article_form_finds_without_diacritics(
    staff_client, library
):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "hoi truong",
            "app_label": "news",
            "model_name": "photo",
            "field_name": "photo",
        },
    )
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert [r["id"] for r in results] == [str(library["hall"].pk)]
    assert results[0]["text"] == "Toàn cảnh hội nghị"


def test_one_library_photo_in_two_articles_from_the_admin(staff_client, library):
    category = CategoryFactory()
    for title in ("Bài thứ nhất", "Bài thứ hai"):
        data = with_photos(
            article_form(category, title_vi=title),
            {"photo": str(library["hall"].pk), "after_paragraph": "1", "order": "0"},
        )
        response = staff_client.post(reverse("admin:news_article_add"), data)
        assert response.status_code == 302
    assert Photo.objects.count() == 2  # nothing uploaded twice
    for article in Article.objects.all():
        assert article.photos.get().photo == library["hall"]
        assert article.cover.photo == library["hall"]
    change = staff_client.get(
        reverse("admin:photos_photo_change", args=[library["hall"].pk])
    )
    assert change.status_code == 200


def test_a_new_upload_in_the_article_lands_in_the_library(staff_client):
    upload = SimpleUploadedFile(
        "dien-thoai.jpg", photo_with_location(), content_type="image/jpeg"
    )
    data = with_photos(
        article_form(CategoryFactory()),
        {
            "image": upload,
            "caption_vi": "Lễ trao giấy khen",
            "alt_text_vi": "Hàng người đứng trên sân khấu",
            "credit_vi": "Ảnh: Minh Đức",
            "caption_override_vi": "Trao giấy khen năm 2019",
            "after_paragraph": "1",
            "order": "0",
        },
    )
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302
    library_photo = Photo.objects.get()
    assert library_photo.caption_vi == "Lễ trao giấy khen"
    assert library_photo.credit_vi == "Ảnh: Minh Đức"
    library_photo.image.open("rb")
    assert b"GPSLatitude" not in library_photo.image.read()
    library_photo.image.close()
    placement = Article.objects.get().photos.get()
    assert placement.photo == library_photo
    assert placement.caption == "Trao giấy khen năm 2019"
    assert list(Photo.objects.search("minh duc")) == [library_photo]


def test_choosing_and_uploading_at_once_is_refused(staff_client, library):
    data = with_photos(
        article_form(CategoryFactory()),
        {
            "photo": str(library["hall"].pk),
            "image": image_upload(),
            "alt_text_vi": "Mô tả",
            "after_paragraph": "1",
            "order": "0",
        },
    )
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert "không chọn cả hai" in response.content.decode()
    assert not Article.objects.exists()
    assert Photo.objects.count() == 2


def test_a_photo_row_with_neither_is_refused(staff_client):
    data = with_photos(
        article_form(CategoryFactory()),
        {"caption_override_vi": "Chú thích", "after_paragraph": "1", "order": "0"},
    )
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert "Hãy chọn một ảnh trong thư viện hoặc tải ảnh mới lên." in (
        response.content.decode()
    )
    assert not Article.objects.exists()


def test_an_upload_is_kept_when_the_article_has_another_error(staff_client):
    """Browsers do not send a file twice: the photo is kept in the library and
    shown as chosen, so the editor only fixes the other field."""
    data = with_photos(
        article_form(CategoryFactory(), title_vi=""),
        {
            "image": image_upload(),
            "caption_vi": "Ảnh giữ lại",
            "alt_text_vi": "Mô tả",
            "after_paragraph": "1",
            "order": "0",
        },
    )
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    kept = Photo.objects.get()
    assert kept.caption_vi == "Ảnh giữ lại"
    assert f'<option value="{kept.pk}" selected>' in response.content.decode()


def test_album_admin_uploads_photos_into_the_album(staff_client):
    data = {
        "title_vi": "Lễ hội Đền Củi",
        "title_en": "",
        "date": "01/03/2024",
        "description_vi": "",
        "is_published": "on",
        "slug": "",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-image": image_upload(),
        "photos-0-caption_vi": "Rước kiệu",
        "photos-0-alt_text_vi": "Đoàn rước kiệu qua cổng đền",
        "photos-0-order": "1",
    }
    response = staff_client.post(reverse("admin:photos_album_add"), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    photo = Photo.objects.get()
    assert photo.album.slug == "le-hoi-den-cui"
    assert photo.renditions["webp"]


ENGLISH = [
    "library photo",
    "Library photo",
    "Or upload a new photo",
    "photographer / credit",
    "Photographer / credit",
    "Date taken",
    "Where, when, who",
    "Event date",
    "Shown to the public",
    "Used in articles",
    "caption in this article",
    "Caption in this article",
    "Photo library",
    "Location data (GPS)",
]


def test_the_admin_pages_of_the_library_are_in_vietnamese(staff_client, library):
    album = AlbumFactory()
    placement = PhotoFactory(photo=library["hall"])
    pages = [
        reverse("admin:photos_photo_changelist"),
        reverse("admin:photos_photo_add"),
        reverse("admin:photos_photo_change", args=[library["hall"].pk]),
        reverse("admin:photos_album_changelist"),
        reverse("admin:photos_album_add"),
        reverse("admin:photos_album_change", args=[album.pk]),
        reverse("admin:news_article_add"),
        reverse("admin:news_article_change", args=[placement.article_id]),
        reverse("admin:app_list", args=["photos"]),
    ]
    for url in pages:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert [text for text in ENGLISH if text in content] == [], url
    content = staff_client.get(reverse("admin:photos_photo_changelist")).content
    assert "Thư viện ảnh" in content.decode()


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("06/12/2019", ["hall"]),
        ("2024", ["mountain"]),
        ("01/03/2024", ["mountain"]),
        ("31/02/2024", []),  # not a date: searched as words, finds nothing
        ("1999", []),
    ],
)
def test_library_search_by_date_taken(staff_client, library, term, expected):
    rows = changelist_rows(staff_client, q=term)
    assert sorted(rows, key=lambda p: p.pk) == [library[key] for key in expected]


def test_the_article_form_offers_the_library_and_an_upload(staff_client):
    content = staff_client.get(reverse("admin:news_article_add")).content.decode()
    # Autocomplete over the library, with Django's button to add to it.
    assert 'data-model-name="photo"' in content or "admin-autocomplete" in content
    assert 'id="add_id_photos-0-photo"' in content
    assert 'name="photos-0-image"' in content
    assert "Hoặc tải ảnh mới lên thư viện" in content
