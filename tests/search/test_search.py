"""Site search: articles and decisions, diacritic-insensitive, ranked, safe."""

import unicodedata
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from awards.models import Decision
from core.text import fold_for_search
from news.models import Article
from search.engine import highlight, parse_query
from tests.awards.factories import DecisionFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def search(client, query, language="vi", **params):
    with override(language):
        url = reverse("search")
    response = client.get(url, {"q": query, **params})
    assert response.status_code == 200
    return response


def found(client, query, language="vi", **params):
    """The objects of the result page, in order."""
    return [
        hit.object
        for hit in search(client, query, language, **params).context["search"].hits
    ]


def article(title, body="<p>Nội dung.</p>", **kwargs):
    return ArticleFactory(
        title_vi=title, title_en="", summary_vi="", body_vi=body, body_en="", **kwargs
    )


# Folding and parsing ------------------------------------------------------------


def test_folding_drops_case_diacritics_and_d_bar():
    assert fold_for_search("Đồng chí HỒNG LĨNH, 163/QĐ-UBND") == (
        " dong chi hong linh 163 qd ubnd "
    )


def test_query_words_and_quoted_phrases():
    parsed = parse_query('Hồng  Lĩnh "quốc phòng toàn dân" "unclosed phrase')
    assert parsed.units == [
        ("hong",),
        ("linh",),
        ("quoc", "phong", "toan", "dan"),
        ("unclosed", "phrase"),
    ]


def test_query_is_capped_and_loses_nul_bytes():
    parsed = parse_query("a\x00b " + "x" * 10_000)
    assert parsed.truncated and len(parsed.text) <= 200
    assert parsed.units[0] == ("ab",)


def test_highlight_escapes_the_text_and_marks_whole_syllables():
    html = highlight("<b>Hồng</b> Lĩnh & hongkong", {"hong", "linh"})
    assert html == (
        "&lt;b&gt;<mark>Hồng</mark>&lt;/b&gt; <mark>Lĩnh</mark> &amp; hongkong"
    )


# Matching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["hong linh", "Hồng Lĩnh", "HỒNG LĨNH", "hồng lĩnh", "HONG linh"]
)
def test_diacritics_and_case_do_not_matter(client, query):
    """Typed with or without diacritics, in any case, the same article is found."""
    wanted = article("Thị xã Hồng Lĩnh đón bằng công nhận")
    article("Thị xã Kỳ Anh đón bằng công nhận")
    assert found(client, query) == [wanted]


def test_text_typed_without_diacritics_is_found_with_them(client):
    wanted = article("Ket qua thi dua nam 2024", body="<p>Tai Hong Linh.</p>")
    assert found(client, "Hồng Lĩnh") == [wanted]
    assert found(client, "Kết quả thi đua") == [wanted]


def test_d_bar_matches_d_both_ways(client):
    with_d_bar = article("Đồng chí Bí thư thăm hỏi")
    without = article("Tin van tat", body="<p>dong chi Chu tich phat bieu.</p>")
    assert set(found(client, "dong chi")) == {with_d_bar, without}
    assert set(found(client, "Đồng chí")) == {with_d_bar, without}


def test_decomposed_nfd_input_matches(client):
    wanted = article("Lễ hội Đền Chợ Củi")
    nfd = unicodedata.normalize("NFD", "Lễ hội Chợ Củi")
    assert nfd != unicodedata.normalize("NFC", nfd)
    assert found(client, nfd) == [wanted]


def test_whole_syllables_only(client):
    article("Hongkong và Linhtinh")
    assert found(client, "hong") == []


def test_every_word_must_match(client):
    both = article("Hội nghị quân sự thị xã")
    article("Hội nghị văn hóa thị xã")
    assert found(client, "hội nghị quân sự") == [both]


def test_quoted_phrase_must_appear_as_a_phrase(client):
    phrase = article(
        "Mười năm xây dựng", body="<p>Nền quốc phòng toàn dân vững mạnh.</p>"
    )
    article("Quốc hội họp", body="<p>Phòng khám mở cửa cho toàn thể người dân.</p>")
    assert found(client, '"quốc phòng toàn dân"') == [phrase]
    assert found(client, '"quoc phong toan dan"') == [phrase]


def test_adjacent_words_rank_above_scattered_ones(client):
    older = timezone.now() - timedelta(days=10)
    adjacent = article(
        "Bài một", body="<p>Nền quốc phòng toàn dân.</p>", publish_at=older
    )
    scattered = article(
        "Bài hai", body="<p>Quốc hội, phòng khám, toàn thể người dân.</p>"
    )
    assert found(client, "quốc phòng toàn dân") == [adjacent, scattered]


def test_title_match_ranks_above_body_only_match(client):
    older = timezone.now() - timedelta(days=30)
    in_title = article("Phường Bắc Hồng ra quân", publish_at=older)
    in_body = article(
        "Tin trong ngày", body="<p>Phường Bắc Hồng ra quân dọn vệ sinh.</p>"
    )
    assert found(client, "Bắc Hồng") == [in_title, in_body]


def test_percent_and_underscore_are_not_wildcards(client):
    article("Tăng trưởng 10% năm nay")
    article("Tên_tệp")
    for query in ["%", "_", "%%", "a%b", "\\", "'", '"']:
        response = search(client, query)
        assert response.context["search"].hits == []


# What the public may see -----------------------------------------------------------


def test_drafts_and_scheduled_articles_are_not_found(client):
    article("Bản nháp về Hồng Lĩnh", status=Article.Status.DRAFT)
    article("Chờ duyệt về Hồng Lĩnh", status=Article.Status.REVIEW)
    article("Hẹn giờ về Hồng Lĩnh", publish_at=timezone.now() + timedelta(hours=2))
    public = article("Đã đăng về Hồng Lĩnh")
    assert found(client, "Hồng Lĩnh") == [public]


def test_decisions_are_found_by_excerpt_and_number(client):
    decision = DecisionFactory(
        number="163/QĐ-UBND",
        excerpt_vi="Về việc khen thưởng phong trào xây dựng nông thôn mới",
    )
    assert found(client, "nong thon moi") == [decision]
    assert found(client, "163/QĐ-UBND") == [decision]
    assert found(client, "163/qd-ubnd") == [decision]


def test_draft_and_revoked_decisions_are_not_found(client):
    DecisionFactory(
        excerpt_vi="Khen thưởng chống bão lụt", status=Decision.Status.DRAFT
    )
    DecisionFactory(
        excerpt_vi="Khen thưởng chống bão lụt", status=Decision.Status.REVOKED
    )
    issued = DecisionFactory(excerpt_vi="Khen thưởng chống bão lụt")
    assert found(client, "bão lụt") == [issued]


def test_articles_and_decisions_share_one_ranked_list(client):
    decision = DecisionFactory(excerpt_vi="Khen thưởng phòng chống dịch")
    body_only = article("Tin y tế", body="<p>Công tác phòng chống dịch.</p>")
    assert found(client, "phòng chống dịch") == [decision, body_only]


def test_english_text_is_found_under_en(client):
    wanted = ArticleFactory(
        title_vi="Cứu trợ lũ lụt",
        title_en="Flood relief reaches Hong Linh",
        body_en="<p>Volunteers delivered rice.</p>",
    )
    assert found(client, "volunteers rice", language="en") == [wanted]
    response = search(client, "flood relief", language="en")
    assert response.context["search"].hits[0].object == wanted
    assert "<mark>Flood</mark> <mark>relief</mark>" in response.content.decode()
    # The English words are searched from the Vietnamese page too.
    assert found(client, "flood relief") == [wanted]


def test_snippet_comes_from_the_page_language_and_marks_matches(client):
    ArticleFactory(
        title_vi="Hội nghị",
        title_en="Conference",
        body_vi="<p>Đại biểu bàn về quy hoạch đô thị.</p>",
        body_en="<p>Delegates discussed urban planning.</p>",
        summary_vi="",
    )
    hit = search(client, "urban planning", language="en").context["search"].hits[0]
    assert hit.language == "en"
    assert "<mark>urban</mark> <mark>planning</mark>" in hit.snippet
    hit = search(client, "quy hoạch", language="vi").context["search"].hits[0]
    assert hit.language == "vi"
    assert "<mark>quy</mark> <mark>hoạch</mark>" in hit.snippet


# The page ---------------------------------------------------------------------------


def test_titles_and_snippets_are_escaped_around_the_marks(client):
    article(
        "<script>alert(1)</script> Hồng Lĩnh",
        body="<p>Hồng Lĩnh &lt;img src=x onerror=alert(1)&gt;</p>",
    )
    html = search(client, "hong linh").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Hồng</mark> <mark>Lĩnh</mark>"
        in html
    )
    assert "<img src=x" not in html


def test_pagination_keeps_the_query(client):
    for number in range(13):
        article(f"Hội nghị Hồng Lĩnh số {number}")
    first = search(client, "hong linh")
    assert len(first.context["search"].hits) == 10
    assert first.context["search"].count == 13
    assert "?q=hong%20linh&amp;page=2" in first.content.decode()
    second = found(client, "hong linh", page=2)
    assert len(second) == 3
    assert not set(second) & {hit.object for hit in first.context["search"].hits}
    assert len(found(client, "hong linh", page="999")) == 3
    assert len(found(client, "hong linh", page="abc")) == 10


def test_nothing_found_page_offers_suggestions(client):
    article("Hội nghị")
    response = search(client, "xyzzy")
    assert response.context["search"].count == 0
    html = response.content.decode()
    assert 'class="empty search-empty"' in html
    assert reverse("awards:decision-list") in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "%",
        "_",
        "'",
        '"',
        '""',
        "\\",
        "\x00",
        "Hồng\x00Lĩnh",
        "!!!...???",
        "'; DROP TABLE news_article; --",
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "a & b | !c <-> d:*",
        "'a' & 'b'",
        "x" * 10_000,
        "hồng " * 2_000,
        '"' * 500,
    ],
)
def test_hostile_queries_give_a_normal_page(client, query):
    article("Hồng Lĩnh")
    response = search(client, query)
    assert b"<script>alert(1)</script>" not in response.content


def test_a_long_query_is_capped_with_a_note(client):
    response = search(client, "hồng " * 2_000)
    assert response.context["search"].query.truncated
    assert b'class="search-note"' in response.content


def test_every_page_has_a_labelled_search_form_in_the_header(client):
    html = client.get(reverse("home")).content.decode()
    assert (
        f'<form class="site-search" role="search" action="{reverse("search")}" method="get"'
        in html
    )
    assert '<label for="site-search-q"' in html
    assert 'id="site-search-q" name="q"' in html


@pytest.mark.parametrize("size", [2, 15])
def test_search_runs_a_constant_small_number_of_queries(client, size):
    """Whatever the number of results (at most 3 besides the cached menu)."""
    DecisionFactory(excerpt_vi="Khen thưởng Hồng Lĩnh", date=timezone.localdate())
    for number in range(size):
        article(f"Hồng Lĩnh số {number}", body="<p>Quốc phòng toàn dân.</p>")
        DecisionFactory(excerpt_vi=f"Khen thưởng Hồng Lĩnh {number}")
    client.get(reverse("search"), {"q": "warm"})  # content version cached
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "hong linh")
    hits = response.context["search"].hits
    assert len(hits) == (10 if size > 2 else 5)
    if size == 2:
        assert {hit.kind for hit in hits} == {"article", "decision"}
    # The page's ids with the count, its articles, its decisions (the menu is
    # cached).
    assert len(queries) <= 3, [q["sql"] for q in queries]
