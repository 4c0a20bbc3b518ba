import unicodedata
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.utils import timezone

from news.models import Article, Photo
from news.services import article_ensure_cover, articles_publish, articles_unpublish
from photos.models import Photo as LibraryPhoto
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, image_upload
from tests.photos.factories import LibraryPhotoFactory

pytestmark = pytest.mark.django_db


class TestSlug:
    def test_slug_is_made_from_the_vietnamese_title_with_d_for_đ(self):
        article = ArticleFactory(
            title_vi="Đồng chí Trần Quang Tuấn phát biểu", title_en="The comrade speaks"
        )
        assert article.slug == "dong-chi-tran-quang-tuan-phat-bieu"

    def test_duplicate_titles_get_distinct_slugs(self):
        first = ArticleFactory(title_vi="Hội nghị tổng kết")
        second = ArticleFactory(title_vi="Hội nghị tổng kết")
        third = ArticleFactory(title_vi="Hội nghị tổng kết")
        assert [first.slug, second.slug, third.slug] == [
            "hoi-nghi-tong-ket",
            "hoi-nghi-tong-ket-2",
            "hoi-nghi-tong-ket-3",
        ]

    def test_slug_stays_when_the_title_changes(self):
        article = ArticleFactory(title_vi="Tiêu đề ban đầu")
        article.title_vi = "Tiêu đề đã sửa"
        article.save()
        article.refresh_from_db()
        assert article.slug == "tieu-de-ban-dau"

    def test_a_title_without_letters_still_gets_a_slug(self):
        assert ArticleFactory(title_vi="—").slug == "bai-viet"

    def test_category_slug_keeps_đ(self):
        assert CategoryFactory(name_vi="Đảng bộ thị xã").slug == "dang-bo-thi-xa"


class TestPublished:
    def test_draft_and_review_are_not_public(self):
        ArticleFactory(status=Article.Status.DRAFT)
        ArticleFactory(status=Article.Status.REVIEW)
        public = ArticleFactory()
        assert list(Article.objects.published()) == [public]

    def test_scheduled_article_appears_at_its_time_without_any_job(self):
        now = timezone.now()
        scheduled = ArticleFactory(publish_at=now + timedelta(hours=2))
        assert scheduled not in Article.objects.published()
        with mock.patch(
            "django.utils.timezone.now", return_value=now + timedelta(hours=2)
        ):
            assert scheduled in Article.objects.published()
        with mock.patch(
            "django.utils.timezone.now",
            return_value=now + timedelta(hours=1, minutes=59),
        ):
            assert scheduled not in Article.objects.published()

    def test_is_public_agrees_with_published(self):
        assert ArticleFactory().is_public
        assert not ArticleFactory(
            publish_at=timezone.now() + timedelta(minutes=1)
        ).is_public
        assert not ArticleFactory(status=Article.Status.DRAFT).is_public


class TestSaving:
    def test_body_is_sanitised_on_save_in_both_languages(self):
        article = ArticleFactory(
            body_vi='<p onclick="x()">Đoạn</p><script>alert(1)</script>',
            body_en='<a href="javascript:alert(1)">link</a>',
        )
        article.refresh_from_db()
        assert article.body_vi == "<p>Đoạn</p>"
        assert "javascript" not in article.body_en

    def test_decomposed_text_is_stored_composed(self):
        article = ArticleFactory(title_vi=unicodedata.normalize("NFD", "Hồng Lĩnh"))
        article.refresh_from_db()
        assert article.title_vi == "Hồng Lĩnh"

    def test_photo_needs_alt_text_unless_decorative(self):
        photo = LibraryPhotoFactory.build(alt_text_vi="", alt_text_en="")
        with pytest.raises(ValidationError) as info:
            photo.full_clean()
        assert "alt_text_vi" in info.value.message_dict
        photo.is_decorative = True
        photo.full_clean()

    def test_database_refuses_a_photo_without_alt_text(self):
        with pytest.raises(IntegrityError):
            PhotoFactory(alt_text_vi="", is_decorative=False)

    def test_decorative_photo_has_empty_alt(self):
        photo = PhotoFactory(is_decorative=True, alt_text_vi="")
        assert photo.alt == ""


class TestPhotos:
    def test_renditions_are_made_once_on_upload(self):
        photo = PhotoFactory()
        renditions = photo.renditions
        assert [r["width"] for r in renditions["webp"]] == [480, 640]
        photo.caption_vi = "Chú thích mới"
        photo.save()
        photo.refresh_from_db()
        assert photo.renditions == renditions

    def test_replacing_the_image_replaces_the_renditions(self):
        photo = PhotoFactory().photo
        old_names = [r["name"] for r in photo.renditions["webp"]]
        photo.image = image_upload(size=(1000, 500))
        photo.save()
        assert [r["width"] for r in photo.renditions["webp"]] == [480, 960, 1000]
        assert not any(default_storage.exists(name) for name in old_names)

    def test_photos_are_placed_after_their_paragraph(self):
        article = ArticleFactory(body_vi="<p>Một</p><p>Hai</p>")
        top = PhotoFactory(article=article, after_paragraph=0)
        middle = PhotoFactory(article=article, after_paragraph=1)
        beyond = PhotoFactory(article=article, after_paragraph=9)
        items = article.body_with_photos(article.photos.all())
        assert items == [
            ("photo", top),
            ("html", "<p>Một</p>"),
            ("photo", middle),
            ("html", "<p>Hai</p>"),
            ("photo", beyond),
        ]


class TestServices:
    def test_first_photo_becomes_the_cover_when_none_is_chosen(self):
        article = ArticleFactory()
        second = PhotoFactory(article=article, after_paragraph=2)
        first = PhotoFactory(article=article, after_paragraph=1)
        article_ensure_cover(article=article)
        article.refresh_from_db()
        assert article.cover == first
        article.cover = second
        article.save()
        article_ensure_cover(article=article)
        article.refresh_from_db()
        assert article.cover == second

    def test_publishing_a_draft_dates_it_now_but_keeps_a_future_schedule(self):
        old_draft = ArticleFactory(
            status=Article.Status.DRAFT, publish_at=timezone.now() - timedelta(days=30)
        )
        future = timezone.now() + timedelta(days=2)
        scheduled = ArticleFactory(status=Article.Status.REVIEW, publish_at=future)
        count = articles_publish(
            articles=Article.objects.filter(pk__in=[old_draft.pk, scheduled.pk])
        )
        old_draft.refresh_from_db()
        scheduled.refresh_from_db()
        assert count == 2
        assert old_draft.is_public
        assert timezone.now() - old_draft.publish_at < timedelta(minutes=1)
        assert scheduled.status == Article.Status.PUBLISHED
        assert scheduled.publish_at == future
        assert not scheduled.is_public

    def test_unpublishing_hides_the_article(self):
        ArticleFactory()
        assert articles_unpublish(articles=Article.objects.all()) == 1
        assert not Article.objects.published().exists()

    def test_history_is_kept_for_articles(self):
        article = ArticleFactory(title_vi="Bản một")
        article.title_vi = "Bản hai"
        article.save()
        assert [h.title_vi for h in article.history.all()] == ["Bản hai", "Bản một"]


def test_photo_str_falls_back_to_alt_text():
    library_photo = LibraryPhoto(caption_vi="", alt_text_vi="Hội trường")
    assert str(library_photo) == "Hội trường"
    assert str(Photo(photo=library_photo)) == "Hội trường"
    assert str(Photo(photo=library_photo, caption_override_vi="Ở đây")) == "Ở đây"
