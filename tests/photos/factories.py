import datetime

import factory

from photos.models import Album, Photo


def _upload():
    from tests.factories import image_upload

    return image_upload()


class AlbumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Album

    title_vi = factory.Sequence(lambda n: f"Hội nghị tổng kết số {n}")
    title_en = factory.Sequence(lambda n: f"Review conference no. {n}")
    date = datetime.date(2019, 12, 6)


class LibraryPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.LazyFunction(_upload)
    caption_vi = "Toàn cảnh hội nghị"
    caption_en = "The conference"
    alt_text_vi = "Hội trường đông đại biểu"
    alt_text_en = "A hall full of delegates"
