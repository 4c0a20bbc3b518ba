"""The public photo library: albums by event, each photo with its caption,
credit and the published articles using it."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from news.models import Article
from tests.factories import ArticleFactory, PhotoFactory
from tests.helpers import count_queries
from tests.photos.factories import AlbumFactory, LibraryPhotoFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/thu-vien-anh/"


def test_the_addresses_are_vietnamese_and_english():
    assert reverse("photos:album-list") == LIST_URL
    with translation.override("en"):
        assert reverse("photos:album-list") == "/en/photo-library/"
        assert (
            reverse("photos:album-detail", kwargs={"slug": "hoi-nghi"})
            == "/en/photo-library/hoi-nghi/"
        )


def test_album_list_shows_published_albums_newest_first(client):
    old = AlbumFactory(title_vi="Hội nghị cũ", date="2018-01-05")
    new = AlbumFactory(title_vi="Lễ hội mới", date="2024-03-01")
    AlbumFactory(title_vi="Album ẩn", is_published=False)
    LibraryPhotoFactory(album=new)
    content = client.get(LIST_URL).content.decode()
    assert content.index("Lễ hội mới") < content.index("Hội nghị cũ")
    assert "Album ẩn" not in content
    assert "01/03/2024" in content
    assert "1 ảnh" in content
    assert old.get_absolute_url() in content
    assert 'aria-current="page">Thư viện ảnh</a>' in content


def test_album_page_shows_caption_credit_and_articles(client):
    album = AlbumFactory(title_vi="Hội nghị QPTD")
    photo = LibraryPhotoFactory(
        album=album,
        caption_vi="Toàn cảnh hội nghị",
        credit_vi="Ảnh: Minh Đức",
        place_vi="Hội trường UBND",
        taken_on="2019-12-06",
    )
    first = ArticleFactory(title_vi="Tổng kết 10 năm QPTD")
    second = ArticleFactory(title_vi="Kinh tế tăng trưởng khá")
    draft = ArticleFactory(title_vi="Bản nháp bí mật", status=Article.Status.DRAFT)
    for article in (first, second, draft):
        PhotoFactory(article=article, photo=photo)
    content = client.get(album.get_absolute_url()).content.decode()
    assert "Toàn cảnh hội nghị" in content
    assert "Ảnh: Minh Đức" in content
    assert "Hội trường UBND" in content
    assert "06/12/2019" in content
    assert first.get_absolute_url() in content
    assert second.get_absolute_url() in content
    assert "Bản nháp bí mật" not in content
    assert 'loading="lazy"' not in content.split("Toàn cảnh")[0]  # first: eager
    assert 'srcset="' in content and 'width="' in content


def test_english_album_page_falls_back_to_vietnamese(client):
    album = AlbumFactory(title_vi="Lễ hội Đền Củi", title_en="")
    LibraryPhotoFactory(album=album, caption_en="")
    with translation.override("en"):
        url = album.get_absolute_url()
    content = client.get(url).content.decode()
    assert "Lễ hội Đền Củi" in content
    assert 'lang="vi"' in content


def test_hidden_or_unknown_albums_are_not_found(client):
    hidden = AlbumFactory(is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"{LIST_URL}khong-co/").status_code == 404


@pytest.mark.parametrize("page", ["2", "0", "abc", "-1", "9" * 30])
def test_a_bad_page_number_is_a_404_not_a_500(client, page):
    AlbumFactory()
    response = client.get(LIST_URL, {"page": page})
    assert response.status_code == 404


def test_album_list_query_count_does_not_grow(client):
    LibraryPhotoFactory(album=AlbumFactory())
    one = count_queries(client, LIST_URL)
    for _index in range(12):
        album = AlbumFactory()
        LibraryPhotoFactory.create_batch(2, album=album)
    many = count_queries(client, LIST_URL)
    assert one == many <= 8  # 3 of its own, the rest the site chrome


def test_album_page_query_count_does_not_grow(client):
    album = AlbumFactory()
    PhotoFactory(photo=LibraryPhotoFactory(album=album))
    url = album.get_absolute_url()
    one = count_queries(client, url)
    for _index in range(10):
        photo = LibraryPhotoFactory(album=album)
        PhotoFactory(photo=photo)
        PhotoFactory(photo=photo, article=ArticleFactory(publish_at=timezone.now()))
    many = count_queries(client, url)
    assert one == many <= 8  # 3 of its own, the rest the site chrome
    assert client.get(url).content.decode().count("<figure") == 11


def test_albums_are_in_the_sitemap(client):
    album = AlbumFactory()
    hidden = AlbumFactory(is_published=False, title_vi="Ẩn")
    content = client.get(reverse("sitemap")).content.decode()
    assert f"http://testserver{album.get_absolute_url()}" in content
    assert f"http://testserver{LIST_URL}" in content
    assert f"/en/photo-library/{album.slug}/" in content  # hreflang alternate
    assert hidden.get_absolute_url() not in content


def test_saving_a_library_photo_refreshes_cached_pages(client):
    album = AlbumFactory()
    photo = LibraryPhotoFactory(album=album, caption_vi="Chú thích cũ")
    url = album.get_absolute_url()
    assert "Chú thích cũ" in client.get(url).content.decode()
    photo.caption_vi = "Chú thích mới"
    photo.save()
    assert "Chú thích mới" in client.get(url).content.decode()


def test_an_untranslated_caption_is_marked_vietnamese_on_the_english_page(client):
    album = AlbumFactory(title_en="Review conference")
    LibraryPhotoFactory(album=album, caption_vi="Toàn cảnh", caption_en="")
    LibraryPhotoFactory(album=album, caption_vi="Trao giấy khen", caption_en="Awards")
    with translation.override("en"):
        url = album.get_absolute_url()
    content = client.get(url).content.decode()
    assert '<figcaption lang="vi">' in content
    assert content.count("<figcaption>") == 1
    assert "Awards" in content
