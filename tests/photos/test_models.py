"""The library photo: location metadata never stored, renditions, texts,
folded search, and one upload reused by several articles."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.db.models import ProtectedError
from PIL import Image

from core.images import without_location
from news.models import Article
from photos.models import Album, Photo
from tests.factories import PhotoFactory
from tests.photos.factories import AlbumFactory, LibraryPhotoFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
EXIF_IFD = 0x8769


def photo_with_location(fmt="JPEG"):
    """A photo as phones make them: orientation, date taken, GPS position,
    and (JPEG, WebP) an XMP packet naming the place."""
    exif = Image.Exif()
    exif[0x0112] = 1  # orientation
    exif.get_ifd(EXIF_IFD)[0x9003] = "2019:12:06 08:30:00"  # date taken
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (18.0, 32.0, 10.5)
    gps[3], gps[4] = "E", (105.0, 42.0, 5.25)
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes()}
    if fmt != "PNG":
        options["xmp"] = b"<x:xmpmeta><exif:GPSLatitude>18,32N</exif:GPSLatitude>"
    Image.new("RGB", (800, 600), (20, 120, 60)).save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_the_stored_original_has_no_location(fmt):
    data = photo_with_location(fmt)
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif().get_ifd(GPS_IFD))  # the test photo has one
    photo = LibraryPhotoFactory(
        image=SimpleUploadedFile(f"anh.{fmt.lower()}", data, content_type="image/*")
    )
    photo.image.open("rb")
    stored = photo.image.read()
    photo.image.close()
    with Image.open(io.BytesIO(stored)) as image:
        image.load()
        exif = image.getexif()
        assert dict(exif.get_ifd(GPS_IFD)) == {}
        assert GPS_IFD not in exif
        # What is not a location is kept: the date taken, the orientation.
        assert exif.get_ifd(EXIF_IFD)[0x9003] == "2019:12:06 08:30:00"
        assert exif[0x0112] == 1
        assert image.size == (800, 600)
    assert b"GPSLatitude" not in stored
    assert photo.renditions["webp"]


def test_the_pixels_are_copied_not_re_encoded():
    data = photo_with_location("JPEG")
    cleaned = without_location(data)
    scan = data.index(b"\xff\xda")
    assert cleaned.endswith(data[scan:])
    assert len(cleaned) < len(data)


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xd8", b"\xff\xd8\xff\xe1\x00", b"\x89PNG\r\n\x1a\n\x00", b"RIFF"],
)
def test_broken_files_are_left_to_the_validator(data):
    """Never an exception from the stripping: the upload check refuses them
    with its own message."""
    assert isinstance(without_location(data), bytes)


def test_a_photo_without_location_is_stored_as_uploaded():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(buffer, "JPEG")
    assert without_location(buffer.getvalue()) == buffer.getvalue()


def test_alt_text_is_required_unless_decorative():
    photo = LibraryPhotoFactory.build(alt_text_vi="", alt_text_en="")
    with pytest.raises(ValidationError) as info:
        photo.full_clean(exclude=["image"])
    assert "alt_text_vi" in info.value.message_dict
    photo.is_decorative = True
    photo.full_clean(exclude=["image"])
    with pytest.raises(IntegrityError):
        LibraryPhotoFactory(alt_text_vi="", is_decorative=False)


def test_search_finds_caption_place_and_photographer_without_diacritics():
    conference = LibraryPhotoFactory(
        caption_vi="Toàn cảnh hội nghị",
        place_vi="Hội trường UBND thị xã",
        credit_vi="Ảnh: Minh Đức",
    )
    LibraryPhotoFactory(caption_vi="Dãy núi Hồng Lĩnh", alt_text_vi="Núi xanh")
    assert list(Photo.objects.search("hoi truong")) == [conference]
    assert list(Photo.objects.search("MINH ĐỨC")) == [conference]
    assert list(Photo.objects.search("minh duc toan canh")) == [conference]
    assert list(Photo.objects.search("hoi nghi nui")) == []
    assert list(Photo.objects.search("duc")) == [conference]  # whole syllables
    assert list(Photo.objects.search("du")) == []


def test_one_upload_in_two_articles():
    library_photo = LibraryPhotoFactory(caption_vi="Toàn cảnh hội nghị")
    first = PhotoFactory(photo=library_photo)
    second = PhotoFactory(photo=library_photo, caption_override_vi="Hội nghị QPTD")
    assert Photo.objects.count() == 1
    assert first.image.name == second.image.name
    assert first.srcset == second.srcset == library_photo.srcset
    assert first.caption == "Toàn cảnh hội nghị"
    assert second.caption == "Hội nghị QPTD"
    assert set(library_photo.article_uses.values_list("article", flat=True)) == {
        first.article_id,
        second.article_id,
    }


def test_a_library_photo_in_use_cannot_be_deleted():
    placement = PhotoFactory()
    with pytest.raises(ProtectedError):
        placement.photo.delete()
    placement.article.delete()
    placement.photo.delete()
    assert not Photo.objects.exists()


def test_editing_the_library_caption_changes_the_articles_search_text():
    library_photo = LibraryPhotoFactory(caption_vi="Toàn cảnh hội nghị")
    placement = PhotoFactory(photo=library_photo)
    library_photo.caption_vi = "Lễ trao giấy khen"
    library_photo.save()
    search_text = Article.objects.get(pk=placement.article_id).search_text
    assert " giay khen " in search_text
    assert " toan canh " not in search_text


def test_album_slug_and_public_listing():
    album = AlbumFactory(title_vi="Lễ hội Đền Củi", date=datetime.date(2024, 3, 1))
    hidden = AlbumFactory(is_published=False)
    assert album.slug == "le-hoi-den-cui"
    assert list(Album.objects.public()) == [album]
    LibraryPhotoFactory(album=album, order=2)
    first = LibraryPhotoFactory(album=album, order=1)
    listed = Album.objects.for_listing().get()
    assert (listed.photo_total, listed.cover_id) == (2, first.pk)
    assert hidden not in Album.objects.for_sitemap()


def test_the_size_is_stored_so_a_lost_file_does_not_break_pages(client):
    """Django reads an image's size from its file when the row lacks it: with
    the size stored, a photo whose file was lost still shows its article."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from core.demo_media import draw_jpeg
    from tests.factories import ArticleFactory

    # Saved through the file, as the demo and a shell session do.
    library_photo = Photo(caption_vi="Toàn cảnh hội nghị", alt_text_vi="Hội trường")
    library_photo.image.save("hoi-truong.jpg", ContentFile(draw_jpeg("conference")))
    stored = Photo.objects.get(pk=library_photo.pk)
    assert (stored.width, stored.height) == (
        library_photo.renditions["width"],
        library_photo.renditions["height"],
    )
    assert stored.width and stored.height
    article = ArticleFactory(publish_at=datetime.datetime.now(datetime.UTC))
    PhotoFactory(article=article, photo=library_photo)
    default_storage.delete(library_photo.image.name)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
