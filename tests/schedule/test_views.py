import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers import count_queries
from tests.limits import COLD_PAGE_QUERIES
from tests.organisation.factories import PersonFactory
from tests.schedule.factories import ItemFactory

pytestmark = pytest.mark.django_db

THURSDAY = datetime.date(2026, 12, 3)  # week 49 of 2026: 30/11 – 06/12


@pytest.fixture
def today(monkeypatch):
    """Pretend today is Thursday 3 December 2026 (Vietnam time)."""
    day = {"value": THURSDAY}
    monkeypatch.setattr("schedule.views.today", lambda: day["value"])
    return day


def week_url(year, week, language="vi", name="week"):
    with translation.override(language):
        return reverse(f"schedule:{name}", kwargs={"year": year, "week": week})


def test_addresses():
    assert week_url(2026, 49) == "/lich-cong-tac/2026/49/"
    assert week_url(2026, 49, "en") == "/en/work-schedule/2026/49/"
    assert week_url(2026, 49, name="week-print") == "/lich-cong-tac/2026/49/in/"
    assert reverse("schedule:week-current") == "/lich-cong-tac/"


def test_week_page_shows_published_items_by_day(client, today):
    chair = PersonFactory(name="Nguyễn Hồng Sơn")
    ItemFactory(
        date=THURSDAY,
        start=datetime.time(14, 0),
        end=None,
        content_vi="Họp Hội đồng thi đua",
        chair=chair,
        place_vi="Hội trường",
    )
    ItemFactory(date=THURSDAY, start=datetime.time(7, 30), content_vi="Giao ban sáng")
    ItemFactory(date=THURSDAY, content_vi="Bản nháp chưa đăng", is_published=False)
    ItemFactory(date=datetime.date(2026, 12, 7), content_vi="Việc của tuần 50")
    html = client.get(week_url(2026, 49)).content.decode()
    assert "Tuần 49 năm 2026: từ 30/11/2026 đến 06/12/2026" in html
    assert html.index("Giao ban sáng") < html.index("Họp Hội đồng thi đua")
    assert "Nguyễn Hồng Sơn" in html and "Hội trường" in html
    assert "Bản nháp chưa đăng" not in html and "Việc của tuần 50" not in html
    assert html.count('class="schedule-day"') == 7
    assert html.count("Không có lịch.") == 6
    assert 'href="/lich-cong-tac/2026/48/" rel="prev"' in html
    assert 'href="/lich-cong-tac/2026/50/" rel="next"' in html
    assert 'href="/lich-cong-tac/2026/49/in/"' in html


def test_today_is_marked_and_stays_right_in_the_cached_page(client, today):
    url = week_url(2026, 49)
    first = client.get(url).content.decode()
    marked = re.findall(
        r'<section class="schedule-day" aria-current="date"[^>]*>', first
    )
    assert marked == [
        '<section class="schedule-day" aria-current="date" aria-labelledby="day-2026-12-03">'
    ]
    assert "(hôm nay)" in first
    # The next day, the stored page is served, and marks Friday.
    today["value"] = THURSDAY + datetime.timedelta(days=1)
    second = client.get(url)
    assert (
        getattr(second, "from_page_cache", False)
        or count_queries(client, url, warm=True) == 0
    )
    html = second.content.decode()
    assert 'aria-current="date" aria-labelledby="day-2026-12-04"' in html
    assert 'aria-current="date" aria-labelledby="day-2026-12-03"' not in html
    # Another week: nothing marked.
    other = client.get(week_url(2026, 48)).content.decode()
    assert 'aria-current="date"' not in other and "(hôm nay)" not in other


def test_current_week_page_follows_the_clock_and_is_short_lived(client, today):
    ItemFactory(date=THURSDAY, content_vi="Việc tuần này")
    response = client.get("/lich-cong-tac/")
    assert "Việc tuần này" in response.content.decode()
    assert "max-age=60" in response["Cache-Control"]
    today["value"] = THURSDAY + datetime.timedelta(days=7)
    html = client.get("/lich-cong-tac/").content.decode()
    assert "Việc tuần này" not in html and "Tuần 50 năm 2026" in html


def test_english_week_marks_untranslated_items(client, today):
    ItemFactory(date=THURSDAY, content_vi="Chỉ có tiếng Việt", content_en="")
    ItemFactory(date=THURSDAY, content_vi="Có bản dịch", content_en="Translated item")
    html = client.get(week_url(2026, 49, "en")).content.decode()
    assert "Week 49, 2026: 30/11/2026 – 06/12/2026" in html
    assert "Translated item" in html
    assert re.search(
        r'<li class="schedule-item" lang="vi">\s*<p class="item-time">', html
    )


def test_print_view(client, today):
    ItemFactory(date=THURSDAY, content_vi="Họp giao ban", chair_text_vi="Lãnh đạo UBND")
    html = client.get(week_url(2026, 49, name="week-print")).content.decode()
    assert "ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH" in html
    assert '<table class="schedule-table">' in html
    assert "Họp giao ban" in html and "Lãnh đạo UBND" in html
    assert html.count("Không có lịch.") == 6


@pytest.mark.parametrize(
    "path",
    [
        "/lich-cong-tac/2025/53/",
        "/lich-cong-tac/2026/0/",
        "/lich-cong-tac/2026/54/",
        "/lich-cong-tac/0/1/",
        "/lich-cong-tac/1999/10/",
        "/lich-cong-tac/2101/10/",
        "/lich-cong-tac/99999999999999999999999/1/",
        "/lich-cong-tac/2026/99999999999999999999999/",
        "/lich-cong-tac/2026/-1/",
        "/lich-cong-tac/abc/1/",
        "/lich-cong-tac/2026/49/in/x/",
        "/en/work-schedule/2026/53x/",
        "/lich-cong-tac/2025/53/in/",
    ],
)
def test_garbage_weeks_are_404_never_500(client, path):
    assert client.get(path).status_code == 404


def test_the_edges_of_the_calendar_have_no_link_beyond(client, today):
    first = client.get(week_url(2000, 1)).content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    last = client.get(week_url(2100, 52)).content.decode()
    assert 'rel="next"' not in last


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["week", "week-print"])
def test_week_pages_run_a_constant_number_of_queries(client, today, language, name):
    url = week_url(2026, 49, language, name)
    ItemFactory(date=THURSDAY, chair=PersonFactory())
    one = count_queries(client, url)
    for offset in range(7):
        for hour in range(7, 12):
            ItemFactory(
                date=datetime.date(2026, 11, 30) + datetime.timedelta(days=offset),
                start=datetime.time(hour, 0),
                end=None,
                chair=PersonFactory(),
            )
    assert count_queries(client, url) == one <= COLD_PAGE_QUERIES
    assert count_queries(client, url, warm=True) == 0


def test_publishing_an_item_shows_it_on_the_cached_week(client, today):
    item = ItemFactory(date=THURSDAY, content_vi="Sắp đăng", is_published=False)
    url = week_url(2026, 49)
    assert "Sắp đăng" not in client.get(url).content.decode()
    item.is_published = True
    item.save()
    assert "Sắp đăng" in client.get(url).content.decode()
