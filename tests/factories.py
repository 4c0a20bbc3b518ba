import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, Category, Photo


def image_bytes(fmt="JPEG", size=(640, 400), color=(180, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(
    name="anh.jpg", fmt="JPEG", size=(640, 400), content_type="image/jpeg"
):
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type=content_type)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("mat-khau-thu-nghiem")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name_vi = factory.Sequence(lambda n: f"Chuyên mục {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title_vi = factory.Sequence(lambda n: f"Đồng chí Trần Văn Hùng dự hội nghị số {n}")
    title_en = factory.Sequence(lambda n: f"Comrade attends conference number {n}")
    summary_vi = "Tóm tắt bài viết."
    body_vi = "<p>Đoạn một.</p><p>Đoạn hai.</p><p>Đoạn ba.</p>"
    body_en = "<p>Paragraph one.</p><p>Paragraph two.</p><p>Paragraph three.</p>"
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    byline = "Nguyễn Văn A"
    source = "Văn phòng HĐND-UBND thị xã"


# Fields of the library photo: given to PhotoFactory, they go to the library
# photo it makes (photos.Photo), as they did when an article's photo held them.
LIBRARY_PHOTO_FIELDS = {
    f"{name}{suffix}"
    for name in ("image", "caption", "alt_text", "credit", "place", "is_decorative")
    for suffix in ("", "_vi", "_en")
} | {"album", "taken_on"}


class PhotoFactory(factory.django.DjangoModelFactory):
    """An article's photo, with a library photo of its own unless ``photo``
    is given."""

    class Meta:
        model = Photo

    article = factory.SubFactory(ArticleFactory)
    after_paragraph = 1

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from tests.photos.factories import LibraryPhotoFactory

        library = {k: kwargs.pop(k) for k in list(kwargs) if k in LIBRARY_PHOTO_FIELDS}
        if kwargs.get("photo") is None:
            kwargs["photo"] = LibraryPhotoFactory(**library)
        return super()._create(model_class, *args, **kwargs)
