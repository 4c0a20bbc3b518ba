"""news 0020-0022 move every article photo into the library: the library
photo shares the stored file and renditions, keeps the texts, and the article
(page, cover, search text) shows it as before. Run with the migration
executor from the schema before the library (news 0005, photos none), so
news 0006 (captions searched) runs on the same rows too."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from news.models import Article
from photos.models import Photo as LibraryPhoto
from tests.factories import image_bytes

BEFORE = [("news", "0005_search_at_scale"), ("photos", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(
        [target for target in targets if target[1]]
    ).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def old_rows():
    """Rows as the previous release stored them, under its schema."""
    old_apps = migrate(BEFORE)
    Category = old_apps.get_model("news", "Category")
    OldArticle = old_apps.get_model("news", "Article")
    OldPhoto = old_apps.get_model("news", "Photo")
    category = Category.objects.create(
        name="Quốc phòng", name_vi="Quốc phòng", slug="quoc-phong"
    )
    article = OldArticle.objects.create(
        title="Tổng kết 10 năm QPTD",
        title_vi="Tổng kết 10 năm QPTD",
        slug="tong-ket-10-nam-qptd",
        body_vi="<p>Đoạn một.</p>",
        category=category,
        status="published",
        publish_at=timezone.now(),
    )
    name = default_storage.save("photos/2019/12/cu.jpg", ContentFile(image_bytes()))
    rendition = default_storage.save(
        "renditions/photo-1-old/480.webp", ContentFile(b"webp")
    )
    renditions = {
        "width": 640,
        "height": 400,
        "webp": [{"width": 480, "height": 300, "name": rendition}],
        "jpeg": {"width": 480, "height": 300, "name": rendition},
    }
    photo = OldPhoto.objects.create(
        article=article,
        image=name,
        width=640,
        height=400,
        caption="Toàn cảnh hội nghị",
        caption_vi="Toàn cảnh hội nghị",
        caption_en="The conference",
        alt_text="Hội trường đông đại biểu",
        alt_text_vi="Hội trường đông đại biểu",
        alt_text_en="A full hall",
        credit_vi="Ảnh: Minh Đức",
        credit_en="Photo: Minh Duc",
        after_paragraph=1,
        order=2,
        renditions=renditions,
    )
    decorative = OldPhoto.objects.create(
        article=article,
        image=name,
        caption_vi="",
        alt_text_vi="Hoa văn Nguyễn Hữu Thắng",
        is_decorative=True,
        renditions={},
    )
    # Its file is missing and it was never measured: the upgrade must not
    # try to open it.
    OldPhoto.objects.filter(pk=decorative.pk).update(
        image="photos/2019/12/mat.jpg", width=None, height=None
    )
    article.cover_id = photo.pk
    article.save()
    return {
        "article": article.pk,
        "photo": photo.pk,
        "decorative": decorative.pk,
        "image": name,
        "rendition": rendition,
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_photo_moves_into_the_library_sharing_its_file(old_rows, client):
    try:
        migrate(latest())
        article = Article.objects.get(pk=old_rows["article"])
        placement = article.photos.get(pk=old_rows["photo"])
        library = placement.photo
        assert LibraryPhoto.objects.count() == 2
        assert library.image.name == old_rows["image"]
        assert (library.width, library.height) == (640, 400)
        assert library.renditions["webp"][0]["name"] == old_rows["rendition"]
        assert (library.caption_vi, library.caption_en) == (
            "Toàn cảnh hội nghị",
            "The conference",
        )
        assert library.alt_text_en == "A full hall"
        assert library.credit_vi == "Ảnh: Minh Đức"
        assert library.album is None
        assert (placement.after_paragraph, placement.order) == (1, 2)
        assert placement.caption == "Toàn cảnh hội nghị"
        assert placement.caption_override_vi in ("", None)
        assert article.cover_id == placement.pk
        # The library's own search, and the article's (news 0006).
        assert list(LibraryPhoto.objects.search("minh duc")) == [library]
        assert " toan canh hoi nghi " in article.search_text
        assert "thang" not in article.search_text  # decorative: alt not searched
        assert LibraryPhoto.objects.filter(
            article_uses=old_rows["decorative"],
            image="photos/2019/12/mat.jpg",
            is_decorative=True,
        ).exists()
        article.photos.filter(pk=old_rows["decorative"]).delete()
        content = client.get(article.get_absolute_url()).content.decode()
        assert "Toàn cảnh hội nghị" in content
        assert old_rows["rendition"] in content
    finally:
        migrate(latest())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_can_be_reversed(old_rows):
    try:
        migrate(latest())
        old_apps = migrate([("news", "0006_search_photo_captions")])
        photo = old_apps.get_model("news", "Photo").objects.get(pk=old_rows["photo"])
        assert photo.image.name == old_rows["image"]
        assert (photo.caption_vi, photo.alt_text_en) == (
            "Toàn cảnh hội nghị",
            "A full hall",
        )
        assert photo.credit_vi == "Ảnh: Minh Đức"
        assert photo.renditions["webp"][0]["width"] == 480
    finally:
        migrate(latest())
