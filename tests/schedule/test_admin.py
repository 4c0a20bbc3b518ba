import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schedule.models import Item
from tests.organisation.factories import PersonFactory
from tests.schedule.factories import ItemFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "date": "02/12/2026",
        "start": "09:00",
        "end": "11:00",
        "content_vi": "Tiếp công dân định kỳ",
        "content_en": "",
        "chair": "",
        "chair_text_vi": "",
        "chair_text_en": "",
        "attendees_vi": "",
        "attendees_en": "",
        "place_vi": "",
        "place_en": "",
    }
    return {**data, **overrides}


def test_changelist_and_add_page_render(staff_client):
    ItemFactory(chair=PersonFactory())
    for name in ("changelist", "add", "copy_week"):
        response = staff_client.get(reverse(f"admin:schedule_item_{name}"))
        assert response.status_code == 200
    html = staff_client.get(reverse("admin:schedule_item_changelist")).content.decode()
    assert "Sao chép tuần trước" in html and "Thiếu bản tiếng Anh" in html


def test_staff_add_an_item(staff_client):
    chair = PersonFactory()
    response = staff_client.post(
        reverse("admin:schedule_item_add"), form_data(chair=chair.pk, is_published="on")
    )
    assert response.status_code == 302
    item = Item.objects.get()
    assert (item.date, item.start, item.chair, item.is_published) == (
        datetime.date(2026, 12, 2),
        datetime.time(9, 0),
        chair,
        True,
    )


def test_an_overlapping_item_is_refused_in_vietnamese_and_nothing_is_lost(staff_client):
    chair = PersonFactory(name="Nguyễn Hồng Sơn")
    ItemFactory(chair=chair, content_vi="Họp giao ban", start=datetime.time(8, 0))
    response = staff_client.post(
        reverse("admin:schedule_item_add"), form_data(chair=chair.pk)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Nguyễn Hồng Sơn đã chủ trì “Họp giao ban” lúc 08:00 ngày 02/12/2026: "
        "thời gian bị trùng nhau." in html
    )
    assert "Tiếp công dân định kỳ" in html  # what was typed is kept
    assert Item.objects.count() == 1


def test_end_before_start_is_refused(staff_client):
    response = staff_client.post(
        reverse("admin:schedule_item_add"), form_data(start="11:00", end="09:00")
    )
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    assert not Item.objects.exists()


def test_copy_last_week_view(staff_client):
    ItemFactory(date=datetime.date(2026, 11, 23), content_vi="Giao ban thứ Hai")
    url = reverse("admin:schedule_item_copy_week")
    response = staff_client.post(url, {"year": "2026", "week": "49"}, follow=True)
    assert (
        "Đã sao chép 1 mục dưới dạng bản nháp chưa đăng." in response.content.decode()
    )
    copy = Item.objects.get(date=datetime.date(2026, 11, 30))
    assert copy.content_vi == "Giao ban thứ Hai" and not copy.is_published


@pytest.mark.parametrize(
    "data,message",
    [
        ({"year": "2025", "week": "53"}, "Năm 2025 không có tuần 53."),
        ({"year": "abc", "week": "1"}, "Nhập một số tổng thể."),
        ({"year": "2026", "week": "99"}, "nhỏ hơn hoặc bằng với 53"),
        ({}, "Trường này là bắt buộc."),
    ],
)
def test_copy_last_week_refuses_a_bad_week_in_vietnamese(staff_client, data, message):
    response = staff_client.post(reverse("admin:schedule_item_copy_week"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Item.objects.exists()


def test_copy_action_copies_the_selection_a_week_later(staff_client):
    chair = PersonFactory()
    first = ItemFactory(chair=chair, date=datetime.date(2026, 11, 23))
    clash = ItemFactory(chair=chair, date=datetime.date(2026, 11, 24))
    ItemFactory(
        chair=chair,
        date=datetime.date(2026, 12, 1),
        content_vi="Đã có",
        is_published=False,
    )
    response = staff_client.post(
        reverse("admin:schedule_item_changelist"),
        {"action": "copy_to_next_week", "_selected_action": [first.pk, clash.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Đã sao chép 1 mục" in html
    assert "1 mục không được sao chép" in html
    assert Item.objects.filter(
        date=datetime.date(2026, 11, 30), is_published=False
    ).exists()


def test_publish_action(staff_client):
    item = ItemFactory(is_published=False)
    staff_client.post(
        reverse("admin:schedule_item_changelist"),
        {"action": "publish", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.is_published


def test_changelist_query_count_does_not_grow(staff_client):
    url = reverse("admin:schedule_item_changelist")
    ItemFactory(chair=PersonFactory())
    staff_client.get(url)
    with CaptureQueriesContext(connection) as one:
        staff_client.get(url)
    for day in range(20):
        ItemFactory(
            date=datetime.date(2026, 11, 1) + datetime.timedelta(days=day),
            chair=PersonFactory(),
        )
    with CaptureQueriesContext(connection) as many:
        staff_client.get(url)
    assert len(many) == len(one)
