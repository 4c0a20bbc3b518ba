import re
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from news.models import Article
from news.services import article_ensure_cover
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory
from tests.helpers import count_queries
from tests.limits import COLD_PAGE_QUERIES, WARM_PAGE_QUERIES

pytestmark = pytest.mark.django_db


def make_articles(count, category=None, photos=1):
    category = category or CategoryFactory()
    articles = ArticleFactory.create_batch(count, category=category)
    for article in articles:
        for _ in range(photos):
            PhotoFactory(article=article)
        article_ensure_cover(article=article)
    return articles


class TestHome:
    def test_home_lists_published_news_only(self, client):
        public = ArticleFactory(title_vi="Tin đã đăng")
        ArticleFactory(title_vi="Tin nháp", status=Article.Status.DRAFT)
        ArticleFactory(
            title_vi="Tin hẹn giờ", publish_at=timezone.now() + timedelta(days=1)
        )
        response = client.get("/")
        content = response.content.decode()
        assert response.status_code == 200
        assert public.title_vi in content
        assert "Tin nháp" not in content
        assert "Tin hẹn giờ" not in content
        assert '<html lang="vi">' in content

    def test_home_shows_featured_and_category_blocks(self, client):
        category = CategoryFactory(name_vi="Quốc phòng - An ninh")
        ArticleFactory(title_vi="Tin nổi bật nhất", is_featured=True, category=category)
        content = client.get("/").content.decode()
        assert "Tin nổi bật" in content
        assert "Quốc phòng - An ninh" in content

    def test_empty_portal_says_so(self, client):
        assert "Chưa có tin nào được đăng." in client.get("/").content.decode()

    def test_home_query_count_does_not_grow_with_content(self, client):
        make_articles(1)
        small = count_queries(client, "/")
        for _ in range(3):
            make_articles(10, photos=2)
        large = count_queries(client, "/")
        assert small == large <= COLD_PAGE_QUERIES


class TestArticleDetail:
    def test_article_page_shows_photos_in_figures_with_captions_alt_srcset_and_size(
        self, client
    ):
        article = ArticleFactory()
        PhotoFactory(
            article=article,
            caption_vi="Toàn cảnh hội nghị",
            alt_text_vi="Hội trường đông người",
        )
        article_ensure_cover(article=article)
        content = client.get(article.get_absolute_url()).content.decode()
        figure = re.search(r"<figure.*?</figure>", content, re.S).group(0)
        assert "<figcaption>Toàn cảnh hội nghị" in figure
        assert 'alt="Hội trường đông người"' in figure
        assert re.search(
            r'srcset="/media/renditions/\S+/480\.webp 480w, /media/renditions/\S+/640\.webp 640w"',
            figure,
        )
        assert 'width="640" height="400"' in figure

    def test_photos_alternate_with_paragraphs(self, client):
        article = ArticleFactory(body_vi="<p>Đoạn một.</p><p>Đoạn hai.</p>")
        PhotoFactory(article=article, after_paragraph=1, caption_vi="Ảnh giữa")
        content = client.get(article.get_absolute_url()).content.decode()
        assert (
            content.index("Đoạn một.")
            < content.index("Ảnh giữa")
            < content.index("Đoạn hai.")
        )

    def test_article_page_shows_date_author_source_and_category(self, client):
        article = ArticleFactory(
            publish_at=timezone.make_aware(timezone.datetime(2019, 12, 5, 9, 30)),
            byline="Trần Thị B",
            source="Trung tâm Văn hóa - Truyền thông",
        )
        content = client.get(article.get_absolute_url()).content.decode()
        assert "09:30 05/12/2019" in content
        assert "Tác giả:</span> Trần Thị B" in content
        assert "Nguồn tin:</span> Trung tâm Văn hóa - Truyền thông" in content
        assert article.category.name_vi in content

    def test_article_url_is_ascii_and_keeps_the_vietnamese_words(self):
        article = ArticleFactory(title_vi="Đồng chí Trần Quang Tuấn dự hội nghị")
        assert (
            article.get_absolute_url()
            == "/tin-tuc/dong-chi-tran-quang-tuan-du-hoi-nghi/"
        )
        with override("en"):
            assert (
                article.get_absolute_url()
                == "/en/news/dong-chi-tran-quang-tuan-du-hoi-nghi/"
            )

    def test_draft_is_hidden_from_the_public_and_previewed_by_staff(
        self, client, staff_client
    ):
        draft = ArticleFactory(status=Article.Status.DRAFT, title_vi="Bài nháp")
        assert Client().get(draft.get_absolute_url()).status_code == 404
        response = staff_client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Xem trước: bài viết chưa được đăng" in response.content.decode()

    def test_scheduled_article_preview_tells_staff_when_it_appears(self, staff_client):
        article = ArticleFactory(publish_at=timezone.now() + timedelta(days=1))
        content = staff_client.get(article.get_absolute_url()).content.decode()
        assert "sẽ xuất hiện lúc" in content

    def test_related_articles_come_from_the_same_category(self, client):
        article, sibling = make_articles(2)
        other = ArticleFactory(title_vi="Tin chuyên mục khác")
        content = client.get(article.get_absolute_url()).content.decode()
        assert sibling.title_vi in content
        assert other.title_vi not in content

    def test_article_query_count_does_not_grow_with_photos(self, client):
        (small,) = make_articles(1, photos=1)
        (large,) = make_articles(1, photos=12)
        make_articles(20, category=large.category)
        assert (
            count_queries(client, small.get_absolute_url())
            == count_queries(client, large.get_absolute_url())
            <= COLD_PAGE_QUERIES
        )


class TestCategory:
    def test_category_lists_its_articles_newest_first(self, client):
        category = CategoryFactory()
        older = ArticleFactory(
            category=category, publish_at=timezone.now() - timedelta(days=2)
        )
        newer = ArticleFactory(
            category=category, publish_at=timezone.now() - timedelta(days=1)
        )
        content = client.get(category.get_absolute_url()).content.decode()
        assert content.index(newer.title_vi) < content.index(older.title_vi)

    def test_category_is_paginated(self, client):
        category = CategoryFactory()
        make_articles(13, category=category, photos=0)
        first = client.get(category.get_absolute_url()).content.decode()
        assert "Trang 1 / 2" in first
        second = client.get(category.get_absolute_url() + "?page=2")
        assert second.status_code == 200
        assert second.content.decode().count('class="teaser"') == 1

    @pytest.mark.parametrize(
        "page", ["abc", "0", "-1", "999999", "1e9", "%00", "2" * 400]
    )
    def test_bad_page_numbers_give_a_404_not_a_500(self, client, page):
        category = CategoryFactory()
        ArticleFactory(category=category)
        response = client.get(category.get_absolute_url(), {"page": page})
        assert response.status_code == 404

    def test_last_page_keyword_works(self, client):
        category = CategoryFactory()
        make_articles(13, category=category, photos=0)
        assert (
            client.get(category.get_absolute_url(), {"page": "last"}).status_code == 200
        )

    def test_category_query_count_does_not_grow_with_articles(self, client):
        category = CategoryFactory()
        make_articles(1, category=category)
        small = count_queries(client, category.get_absolute_url())
        make_articles(29, category=category, photos=2)
        assert (
            count_queries(client, category.get_absolute_url())
            == small
            <= COLD_PAGE_QUERIES
        )

    def test_unknown_category_is_a_404(self, client):
        assert client.get("/chuyen-muc/khong-ton-tai/").status_code == 404


class TestLanguages:
    def test_english_site_is_in_english(self, client):
        article = ArticleFactory(title_en="Conference in English")
        content = client.get("/en/").content.decode()
        assert '<html lang="en">' in content
        assert "Latest news" in content
        assert "Conference in English" in content
        assert article.title_vi not in content

    def test_english_falls_back_to_vietnamese_where_untranslated(self, client):
        article = ArticleFactory(title_vi="Chỉ có tiếng Việt", title_en="", body_en="")
        with override("en"):
            url = article.get_absolute_url()
        content = client.get(url).content.decode()
        assert "Chỉ có tiếng Việt" in content
        assert "Đoạn một." in content

    def test_language_switch_links_to_the_same_page_in_the_other_language(self, client):
        article = ArticleFactory()
        content = client.get(article.get_absolute_url()).content.decode()
        assert f'href="/en/news/{article.slug}/" lang="en"' in content

    def test_unknown_url_gives_a_vietnamese_404(self, client):
        response = client.get("/khong-co-trang-nay/")
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()

    def test_unknown_english_url_gives_an_english_404(self, client):
        response = client.get("/en/no-such-page/")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


class TestCaching:
    @pytest.mark.parametrize("page", ["home", "category", "article"])
    def test_a_warm_page_runs_almost_no_query(self, client, page):
        (article,) = make_articles(1, photos=3)
        url = {
            "home": "/",
            "category": article.category.get_absolute_url(),
            "article": article.get_absolute_url(),
        }[page]
        assert count_queries(client, url, warm=True) <= WARM_PAGE_QUERIES

    def test_saving_an_article_refreshes_cached_pages(self, client):
        article = ArticleFactory(title_vi="Tiêu đề cũ")
        client.get("/")
        client.get(article.get_absolute_url())
        article.title_vi = "Tiêu đề mới"
        article.body_vi = "<p>Nội dung mới.</p>"
        article.save()
        assert "Tiêu đề mới" in client.get("/").content.decode()
        assert (
            "Nội dung mới." in client.get(article.get_absolute_url()).content.decode()
        )

    def test_withdrawn_article_leaves_cached_pages(self, client):
        article = ArticleFactory(title_vi="Tin sẽ bị gỡ")
        assert "Tin sẽ bị gỡ" in client.get("/").content.decode()
        article.status = Article.Status.DRAFT
        article.save()
        assert "Tin sẽ bị gỡ" not in client.get("/").content.decode()

    def test_scheduled_article_appears_on_a_warm_home_page_at_its_time(self, client):
        now = timezone.now()
        ArticleFactory(title_vi="Tin hẹn giờ", publish_at=now + timedelta(minutes=30))
        assert "Tin hẹn giờ" not in client.get("/").content.decode()
        later = now + timedelta(minutes=31)
        with (
            mock.patch("django.utils.timezone.now", return_value=later),
            mock.patch("time.time", return_value=later.timestamp()),
        ):
            assert "Tin hẹn giờ" in client.get("/").content.decode()

    def test_a_new_photo_refreshes_the_cached_article(self, client):
        article = ArticleFactory()
        client.get(article.get_absolute_url())
        PhotoFactory(article=article, caption_vi="Ảnh vừa thêm")
        assert "Ảnh vừa thêm" in client.get(article.get_absolute_url()).content.decode()


def test_a_server_error_gives_the_bilingual_500_page(client):
    article = ArticleFactory()
    client.raise_request_exception = False
    with mock.patch(
        "news.views.ArticleDetailView.get_object", side_effect=RuntimeError("hỏng")
    ):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 500
    content = response.content.decode()
    assert "Cổng thông tin tạm thời gặp sự cố" in content
    assert "The portal is having a problem" in content
