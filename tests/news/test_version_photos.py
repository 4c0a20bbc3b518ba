"""Each version of an article keeps its photos (which library photo, the
captions for this article in both languages, the place): the versions page
compares them, and restoring a version brings them back, for a published
article only once approved (docs/NEWSROOM.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Article, ArticleRevision
from news.services import article_approve, article_save_revision
from tests.factories import ArticleFactory, PhotoFactory
from tests.news.newsroom_helpers import (
    approver,
    editor,
    reporter,
    review_url,
    versions_url,
)
from tests.photos.factories import LibraryPhotoFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def versions(article):
    return list(article.history.order_by("history_id"))


def placements(article):
    return [
        (p.photo_id, p.caption_override_vi, p.caption_override_en, p.after_paragraph)
        for p in article.photos.order_by("after_paragraph", "order", "pk")
    ]


def test_a_version_keeps_the_photos_placed_after_the_article_was_saved():
    """The admin saves the photos after the article: the version has them."""
    article = ArticleFactory()
    placement = PhotoFactory(
        article=article, caption_override_vi="Riêng", caption_override_en="Own"
    )
    (version,) = versions(article)
    assert version.photos == [
        {
            "photo": placement.photo_id,
            "caption_override_vi": "Riêng",
            "caption_override_en": "Own",
            "after_paragraph": 1,
            "order": 0,
        }
    ]
    placement.delete()
    assert versions(article)[-1].photos == []


def test_a_new_version_starts_with_the_current_photos():
    placement = PhotoFactory()
    article = placement.article
    article.title_vi = "Tiêu đề mới"
    article.save()
    first, second = versions(article)
    assert first.photos == second.photos
    assert second.photos[0]["photo"] == placement.photo_id


class TestCompare:
    def test_a_caption_change_shows_in_vietnamese_and_english(self, client):
        client.force_login(editor())
        placement = PhotoFactory(
            caption_override_vi="Đại biểu dự họp",
            caption_override_en="Delegates attend",
        )
        article = placement.article
        article.save()  # a second version, then its captions change
        placement.caption_override_vi = "Đại biểu phát biểu"
        placement.caption_override_en = "Delegates speak"
        placement.save()
        old, new = versions(article)
        page = client.get(
            versions_url(article),
            {"a": f"h{old.history_id}", "b": f"h{new.history_id}"},
        ).content.decode()
        assert f"Ảnh #{placement.photo_id}" in page
        for text in ("<del>dự họp</del>", "<ins>phát biểu</ins>"):
            assert text in page
        for text in ("<del>attend</del>", "<ins>speak</ins>"):
            assert text in page
        assert "chú thích trong bài này" in page

    def test_a_photo_added_and_the_library_caption_are_shown(self, client):
        client.force_login(editor())
        article = ArticleFactory()
        article.save()
        library = LibraryPhotoFactory(
            caption_vi="Lễ khánh thành cầu", caption_en="The bridge opens"
        )
        PhotoFactory(article=article, photo=library, after_paragraph=2)
        old, new = versions(article)
        page = client.get(
            versions_url(article),
            {"a": f"h{old.history_id}", "b": f"h{new.history_id}"},
        ).content.decode()
        assert (
            "<ins>Lễ khánh thành cầu (chú thích trong thư viện; sau đoạn 2)</ins>"
            in (page)
        )
        assert "<ins>The bridge opens" in page

    def test_versions_saved_before_photos_were_kept_say_so(self, client):
        client.force_login(editor())
        placement = PhotoFactory()
        article = placement.article
        article.save()
        old, new = versions(article)
        type(old).objects.filter(history_id=old.history_id).update(photos=None)
        page = client.get(
            versions_url(article),
            {"a": f"h{old.history_id}", "b": f"h{new.history_id}"},
        ).content.decode()
        assert "không lưu ảnh ở phiên bản này" in page

    def test_an_unchanged_photo_is_not_marked(self, client):
        client.force_login(editor())
        placement = PhotoFactory(caption_override_vi="Giữ nguyên")
        article = placement.article
        article.title_vi = "Khác"
        article.save()
        old, new = versions(article)
        page = client.get(
            versions_url(article),
            {"a": f"h{old.history_id}", "b": f"h{new.history_id}"},
        ).content.decode()
        assert "Giữ nguyên" in page
        assert "<del>Giữ" not in page and "<ins>Giữ" not in page


class TestRestore:
    def _published_with_changed_photos(self):
        """A published article whose first version had photo A with its own
        captions, and whose live version has photo B instead."""
        author = reporter()
        article = ArticleFactory(created_by=author)
        first = PhotoFactory(
            article=article,
            caption_override_vi="Ảnh đầu",
            caption_override_en="First photo",
        )
        article.title_vi = "Bản đang đăng"
        article.save()
        first.delete()
        second = PhotoFactory(article=article, caption_override_vi="Ảnh đang đăng")
        old = versions(article)[0]
        return author, article, first, second, old

    def test_restoring_a_published_article_keeps_the_live_photos_until_approved(
        self, client
    ):
        author, article, first, second, old = self._published_with_changed_photos()
        client.force_login(author)
        client.post(versions_url(article), {"restore": f"h{old.history_id}"})
        article.refresh_from_db()
        assert placements(article) == [(second.photo_id, "Ảnh đang đăng", "", 1)]
        assert article.title_vi == "Bản đang đăng"
        revision = article.revisions.get(state=ArticleRevision.State.PENDING)
        assert revision.content["photos"][0]["photo"] == first.photo_id
        # The reviewer sees the photo change before deciding.
        client.force_login(approver())
        page = client.get(review_url(article)).content.decode()
        assert "<ins>Ảnh đầu" in page

        article_approve(article=article, user=approver("lanhdao2"))
        article.refresh_from_db()
        assert placements(article) == [(first.photo_id, "Ảnh đầu", "First photo", 1)]
        assert article.cover.photo_id == first.photo_id
        assert versions(article)[-1].photos[0]["photo"] == first.photo_id

    def test_a_later_text_edit_of_the_restored_version_keeps_its_photos(self):
        author, article, first, _second, old = self._published_with_changed_photos()
        article_save_revision(
            article=article,
            user=author,
            content={"title_vi": "Bản sửa", "photos": old.photos},
        )
        article_save_revision(article=article, user=author, content={"title_vi": "X"})
        revision = article.revisions.get(state=ArticleRevision.State.PENDING)
        assert revision.content["photos"][0]["photo"] == first.photo_id

    def test_restoring_a_draft_brings_its_photos_back_at_once(self, client):
        client.force_login(editor())
        article = ArticleFactory(status=Status.DRAFT)
        kept = PhotoFactory(article=article, caption_override_en="Old caption")
        gone = PhotoFactory(article=article, after_paragraph=2)
        article.save()
        kept.caption_override_en = "New caption"
        kept.save()
        gone.delete()
        added = PhotoFactory(article=article)
        old = versions(article)[0]
        client.post(versions_url(article), {"restore": f"h{old.history_id}"})
        article.refresh_from_db()
        assert [row[0] for row in placements(article)] == [
            kept.photo_id,
            gone.photo_id,
        ]
        assert article.photos.get(photo_id=kept.photo_id).pk == kept.pk
        assert article.photos.get(photo_id=kept.photo_id).caption_override_en == (
            "Old caption"
        )
        assert not article.photos.filter(photo_id=added.photo_id).exists()

    def test_a_library_photo_deleted_since_is_left_out(self, client):
        client.force_login(editor())
        article = ArticleFactory(status=Status.DRAFT)
        placement = PhotoFactory(article=article)
        library = placement.photo
        article.save()
        placement.delete()
        library.delete()
        old = versions(article)[0]
        response = client.post(versions_url(article), {"restore": f"h{old.history_id}"})
        assert response.status_code == 302
        assert not article.photos.exists()

    @pytest.mark.parametrize(
        "photos",
        [
            "not a list",
            [{"photo": "1"}, {"photo": True}, 7, {"photo": None}],
            [{"photo": 10**9, "order": -5}],
        ],
    )
    def test_a_malformed_snapshot_places_nothing_and_breaks_nothing(self, photos):
        author = reporter()
        article = ArticleFactory(created_by=author)
        PhotoFactory(article=article)
        revision = article_save_revision(
            article=article, user=author, content={"title_vi": "A", "photos": photos}
        )
        assert revision.content.get("photos", []) == []
        article_approve(article=article, user=approver())
        assert article.photos.count() == (1 if photos == "not a list" else 0)


def test_comparing_photos_costs_the_same_queries_for_one_or_many(client):
    client.force_login(editor())
    article = ArticleFactory()

    def compare():
        old, new = versions(article)[:2]
        with CaptureQueriesContext(connection) as queries:
            page = client.get(
                versions_url(article),
                {"a": f"h{old.history_id}", "b": f"h{new.history_id}"},
            ).content.decode()
        return len(queries), page

    PhotoFactory(article=article)
    article.save()
    compare()  # per-process caches warm up
    small, _page = compare()
    for _index in range(8):
        PhotoFactory(article=article, caption_override_vi="Thêm")
    large, page = compare()
    assert page.count("<ins>Thêm") == 8
    assert small == large
