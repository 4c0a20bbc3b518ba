"""Ranking rules of the site search (README, Search), the same on SQLite and
PostgreSQL: title matches first, then the query's words side by side, then the
newest. The suite runs on both databases (DATABASE_URL), so each test here
pins both to the same order."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from search import engine
from search.engine import parse_query, site_search
from tests.awards.factories import DecisionFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def article(title, body="<p>Nội dung.</p>", *, days_ago=0, **kwargs):
    return ArticleFactory(
        title_vi=title,
        title_en="",
        summary_vi="",
        body_vi=body,
        body_en="",
        publish_at=NOW - timedelta(days=days_ago, hours=1),
        **kwargs,
    )


def found(query, **params):
    return [hit.object for hit in site_search(query=query, **params).hits]


@pytest.mark.parametrize(("body_days_ago", "title_days_ago"), [(0, 30), (30, 0)])
def test_title_with_words_apart_ranks_above_body_with_words_side_by_side(
    body_days_ago, title_days_ago
):
    """Title matches first: a title holding every word, even apart, ranks above
    a text holding them side by side but a title without them, whatever the
    dates. (The databases used to disagree: SQLite ranked the two equal, so the
    newest first; PostgreSQL put the side-by-side body first.)"""
    body_side_by_side = article(
        "Tin y tế trong tuần",
        body="<p>Công tác phòng chống dịch được tăng cường.</p>",
        days_ago=body_days_ago,
    )
    title_apart = article(
        "Dịch sốt xuất huyết: phòng và chống từ cơ sở", days_ago=title_days_ago
    )
    assert found("phòng chống dịch") == [title_apart, body_side_by_side]


def test_among_title_matches_words_side_by_side_rank_first():
    apart = article("Lĩnh vực y tế của thị xã Hồng", days_ago=0)
    side_by_side = article("Thị xã Hồng Lĩnh đón bằng công nhận", days_ago=20)
    assert found("hồng lĩnh") == [side_by_side, apart]


def test_side_by_side_in_the_title_counts_like_side_by_side_in_the_text():
    """Both are "side by side"; with the title rule equal, the newest wins."""
    in_title = article(
        "Phường Bắc Hồng ra quân", body="<p>Ra quân dọn vệ sinh.</p>", days_ago=5
    )
    in_text = article(
        "Bắc Hồng: tin trong ngày", body="<p>Phường Bắc Hồng ra quân.</p>"
    )
    assert found("bắc hồng") == [in_text, in_title]


def test_among_text_matches_words_side_by_side_rank_first():
    side_by_side = article(
        "Bài một", body="<p>Nền quốc phòng toàn dân.</p>", days_ago=9
    )
    apart = article("Bài hai", body="<p>Quốc hội, phòng khám, toàn thể người dân.</p>")
    assert found("quốc phòng toàn dân") == [side_by_side, apart]


def test_words_in_reverse_order_are_not_side_by_side():
    reversed_order = article("Bài một", body="<p>Lĩnh Hồng là tên ghép.</p>")
    in_order = article("Bài hai", body="<p>Về Hồng Lĩnh.</p>", days_ago=3)
    assert found("hồng lĩnh") == [in_order, reversed_order]


def test_a_title_with_only_some_of_the_words_is_not_a_title_match():
    partly_in_title = article(
        "Phường Bắc Hồng", body="<p>Thanh niên ra quân dọn vệ sinh.</p>"
    )
    side_by_side_in_text = article(
        "Tin trong ngày", body="<p>Bắc Hồng ra quân sớm.</p>", days_ago=4
    )
    assert found("bắc hồng ra quân") == [side_by_side_in_text, partly_in_title]


def test_equal_rank_newest_first():
    old = article("Hội nghị tổng kết năm 2022", days_ago=400)
    new = article("Hội nghị tổng kết năm 2024")
    middle = article("Hội nghị tổng kết năm 2023", days_ago=40)
    assert found("hội nghị tổng kết") == [new, middle, old]


def test_a_quoted_phrase_ranks_by_title_then_date():
    in_text = article("Tin một", body="<p>Nền quốc phòng toàn dân.</p>")
    in_title = article("Xây dựng nền quốc phòng toàn dân", days_ago=50)
    assert found('"quốc phòng toàn dân"') == [in_title, in_text]


def test_a_phrase_does_not_run_from_the_title_into_the_text():
    """Side by side means within the title or within the text, on both
    databases (PostgreSQL's vector holds both, one after the other)."""
    article("Xây dựng nền quốc phòng", body="<p>Toàn dân đồng lòng.</p>")
    assert found('"quốc phòng toàn dân"') == []
    assert found('"phòng toàn"') == []


def test_decisions_and_articles_follow_the_same_rules():
    """A decision's excerpt is its title; among equal ranks, the newest first."""
    decision = DecisionFactory(
        excerpt_vi="Khen thưởng phòng, chống dịch bệnh",
        date=(NOW - timedelta(days=60)).date(),
    )
    article_in_text = article("Tin y tế", body="<p>Công tác phòng chống dịch.</p>")
    newer_decision = DecisionFactory(
        excerpt_vi="Khen thưởng công tác y tế",
        achievement_vi="Thành tích trong phòng chống dịch",
        date=(NOW - timedelta(days=2)).date(),
    )
    assert found("phòng chống dịch") == [decision, article_in_text, newer_decision]


# The pages together are the whole ranked list ------------------------------------

VOCABULARY = "hồng lĩnh bắc nam hội nghị quốc phòng toàn dân".split()


def reference_order(articles, query):
    """The README's rules applied in Python to the folded columns."""
    parsed = parse_query(query)

    def has(text, words):
        return f" {' '.join(words)} " in text

    ranked = []
    for item in articles:
        title, text = item.search_title, item.search_text
        if not all(has(title, unit) or has(text, unit) for unit in parsed.units):
            continue
        in_title = all(has(title, unit) for unit in parsed.units)
        side_by_side = bool(parsed.adjacent) and (
            has(title, parsed.adjacent) or has(text, parsed.adjacent)
        )
        ranked.append(
            (not in_title, not side_by_side, -item.publish_at.timestamp(), item)
        )
    ranked.sort(key=lambda row: (*row[:3], -row[3].pk))
    return [row[3] for row in ranked]


@pytest.mark.parametrize("window", [2000, 7])
@pytest.mark.parametrize(
    "query", ["hồng lĩnh", "hội nghị", "quốc phòng toàn dân", '"hồng lĩnh" bắc', "dân"]
)
def test_every_page_follows_the_rules(monkeypatch, query, window):
    """On PostgreSQL each page is cut from a few candidates per rule, from the
    newest rows (the window) or, for a rule with too few of them there, from
    older rows; on SQLite one scan ranks every match. The pages one after the
    other must be exactly the ranked list of every match, and the count right."""
    monkeypatch.setattr(engine, "PER_PAGE", 3)
    monkeypatch.setattr(engine, "WINDOW", window)
    monkeypatch.setattr(engine, "WINDOW_PER_ROW", 1)
    rng = random.Random(7)
    articles = [
        article(
            " ".join(rng.choice(VOCABULARY) for _ in range(5)),
            body=f"<p>{' '.join(rng.choice(VOCABULARY) for _ in range(10))}.</p>",
            days_ago=rng.randrange(0, 5),
        )
        for _ in range(80)
    ]
    expected = reference_order(
        Article.objects.filter(pk__in=[a.pk for a in articles]), query
    )
    assert len(expected) > 6  # several pages
    assert site_search(query=query).count == len(expected)
    pages = []
    for number in range(1, -(-len(expected) // 3) + 1):
        pages += found(query, page=number)
    assert pages == expected


@pytest.mark.parametrize("window", [2000, 3])
def test_more_matches_than_counted_are_shown_as_more_than(client, monkeypatch, window):
    monkeypatch.setattr(engine, "COUNT_LIMIT", 4)
    monkeypatch.setattr(engine, "WINDOW", window)
    for number in range(6):
        article(f"Hội nghị số {number}", days_ago=number)
    article("Hội nghị thường kỳ", body="<p>Hội nghị.</p>", days_ago=10)
    results = site_search(query="hội nghị")
    assert results.more and results.count == 4
    assert results.page.paginator.num_pages == 1
    assert [hit.object.title for hit in results.hits] == [
        f"Hội nghị số {number}" for number in range(4)
    ]
    html = client.get(reverse("search"), {"q": "hội nghị"}).content.decode()
    assert "Hơn 4 kết quả cho “hội nghị”" in html
    assert not site_search(query="thường kỳ").more


def test_sort_date_of_a_decision_is_the_start_of_its_day():
    """Decisions have a date, articles a time: a decision of today ranks below
    an article published this morning with an equal rank."""
    today = datetime.now(UTC).replace(hour=0, minute=30)
    morning = ArticleFactory(
        title_vi="Khen thưởng lũ lụt", title_en="", publish_at=today
    )
    decision = DecisionFactory(excerpt_vi="Khen thưởng lũ lụt", date=today.date())
    assert found("khen thưởng lũ lụt") == [morning, decision]
