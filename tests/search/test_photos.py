"""Captions and alt texts of an article's photos are searchable, and the
article's folded text follows its photos being added, edited or deleted."""

import pytest

from news.models import Article
from search.engine import site_search
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db

CHAIRMAN = "Nguyễn Hữu Thăng"


def found(query):
    return [hit.object for hit in site_search(query=query).hits]


@pytest.fixture
def article():
    return ArticleFactory(
        title_vi="Hội nghị tổng kết năm",
        title_en="",
        summary_vi="Tóm tắt.",
        body_vi="<p>Nội dung không nêu tên.</p>",
        body_en="",
    )


@pytest.mark.parametrize(
    "field", ["caption_vi", "caption_en", "alt_text_vi", "alt_text_en"]
)
def test_a_name_only_in_a_photo_finds_the_article(article, field):
    """The chairman is named only under (or in the description of) a photo."""
    PhotoFactory(article=article, **{field: f"Đồng chí {CHAIRMAN} phát biểu"})
    assert found(CHAIRMAN) == [article]
    assert found("nguyen huu thang") == [article]
    assert found(f'"{CHAIRMAN}"') == [article]


def test_editing_a_caption_changes_what_finds_the_article(article):
    """The caption is the library photo's: editing it there is enough."""
    photo = PhotoFactory(article=article, caption_vi=f"Đồng chí {CHAIRMAN}").photo
    photo.caption_vi = "Đồng chí Trần Văn Bình"
    photo.save()
    assert found(CHAIRMAN) == []
    assert found("Trần Văn Bình") == [article]


def test_deleting_the_photo_forgets_its_caption(article):
    photo = PhotoFactory(article=article, caption_vi=f"Đồng chí {CHAIRMAN}")
    other = PhotoFactory(article=article, caption_vi="Toàn cảnh hội trường")
    photo.delete()
    assert found(CHAIRMAN) == []
    assert found("toàn cảnh hội trường") == [article]
    other.delete()
    assert found("toàn cảnh") == []


def test_saving_the_article_keeps_the_captions(article):
    PhotoFactory(article=article, caption_vi=f"Đồng chí {CHAIRMAN}")
    article = Article.objects.get(pk=article.pk)
    article.title_vi = "Hội nghị tổng kết năm 2024"
    article.save()
    assert found(CHAIRMAN) == [article]


def test_the_alt_text_of_a_decorative_photo_is_not_searched(article):
    """Readers never see it: the page renders alt=""."""
    PhotoFactory(
        article=article,
        caption_vi="",
        caption_en="",
        alt_text_vi=f"Chân dung {CHAIRMAN}",
        is_decorative=True,
    )
    assert found(CHAIRMAN) == []


def test_a_caption_counts_as_text_not_title(article):
    in_title = ArticleFactory(title_vi=f"Đồng chí {CHAIRMAN} thăm trường", title_en="")
    PhotoFactory(article=article, caption_vi=f"Đồng chí {CHAIRMAN}")
    assert found(CHAIRMAN) == [in_title, article]
