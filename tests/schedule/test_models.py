import datetime

import pytest
from django.core.exceptions import ValidationError

from schedule.models import Item, week_monday
from schedule.services import items_copy, items_copy_week
from tests.organisation.factories import PersonFactory
from tests.schedule.factories import ItemFactory

pytestmark = pytest.mark.django_db
T = datetime.time


def test_week_monday_follows_iso_weeks():
    assert week_monday(2026, 49) == datetime.date(2026, 11, 30)
    assert week_monday(2026, 1) == datetime.date(2025, 12, 29)
    assert week_monday(2026, 53) == datetime.date(2026, 12, 28)
    with pytest.raises(ValueError):
        week_monday(2025, 53)
    with pytest.raises(ValueError):
        week_monday(2026, 0)


def candidate(**kwargs):
    fields = {
        "date": datetime.date(2026, 12, 2),
        "start": T(9, 0),
        "end": T(11, 0),
        "content": "Tiếp công dân",
        "content_vi": "Tiếp công dân",
    }
    return Item(**{**fields, **kwargs})


@pytest.mark.parametrize(
    "start,end,clash",
    [
        (T(9, 0), T(11, 0), True),  # inside
        (T(7, 0), T(8, 30), True),  # overlaps the start
        (T(9, 59), None, True),  # no end: takes 30 minutes, inside
        (T(10, 0), T(12, 0), False),  # starts when the other ends
        (T(6, 0), T(8, 0), False),  # ends when the other starts
        (T(7, 30), None, False),  # no end: 07:30–08:00, ends when the other starts
        (T(7, 45), None, True),  # no end: 07:45–08:15, overlaps
    ],
)
def test_overlapping_items_of_the_same_chair_are_refused(start, end, clash):
    chair = PersonFactory()
    ItemFactory(chair=chair, start=T(8, 0), end=T(10, 0))
    item = candidate(chair=chair, start=start, end=end)
    if clash:
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        message = error.value.messages[0]
        assert "thời gian bị trùng nhau" in message
        assert chair.name in message and "02/12/2026" in message
    else:
        item.full_clean()


def test_other_chairs_other_days_and_itself_do_not_clash():
    chair = PersonFactory()
    existing = ItemFactory(chair=chair)
    candidate(chair=PersonFactory()).full_clean()
    candidate(chair=chair, date=datetime.date(2026, 12, 3)).full_clean()
    candidate().full_clean()  # no chair at all
    existing.full_clean()  # an item does not clash with itself


def test_chairs_written_as_text_clash_whatever_their_case_and_spacing():
    ItemFactory(chair_text="Lãnh đạo UBND", chair_text_vi="Lãnh đạo UBND")
    with pytest.raises(ValidationError):
        candidate(chair_text_vi="lãnh  đạo ubnd").full_clean()
    candidate(chair_text_vi="Thường trực HĐND").full_clean()


def test_drafts_count_for_overlaps():
    chair = PersonFactory()
    ItemFactory(chair=chair, is_published=False)
    with pytest.raises(ValidationError):
        candidate(chair=chair).full_clean()


def test_end_must_be_after_start():
    with pytest.raises(ValidationError) as error:
        candidate(start=T(10, 0), end=T(9, 0)).full_clean()
    assert error.value.message_dict["end"] == ["Giờ kết thúc phải sau giờ bắt đầu."]


def test_text_is_stored_composed_and_trimmed():
    decomposed = "Ho\u0323p giao ban"  # "Họp" typed as NFD
    item = ItemFactory(
        content=decomposed, content_vi=decomposed, place_vi="  Hội  trường "
    )
    item.refresh_from_db()
    assert item.content_vi == "Họp giao ban"
    assert item.place_vi == "Hội trường"


def test_copy_items_makes_unpublished_drafts_a_week_later():
    chair = PersonFactory()
    source = ItemFactory(chair=chair, date=datetime.date(2026, 11, 25))
    copies, skipped = items_copy(items=[source])
    assert skipped == []
    (copy,) = copies
    assert copy.date == datetime.date(2026, 12, 2)
    assert copy.is_published is False
    assert (copy.start, copy.end, copy.chair, copy.content_en) == (
        source.start,
        source.end,
        chair,
        source.content_en,
    )
    # Copying again would duplicate it: skipped.
    assert items_copy(items=[source]) == ([], [source])


def test_copy_skips_what_would_clash_in_the_target_week():
    chair = PersonFactory()
    source = ItemFactory(chair=chair, date=datetime.date(2026, 11, 25), start=T(8, 0))
    ItemFactory(
        chair=chair,
        date=datetime.date(2026, 12, 2),
        start=T(9, 0),
        content="Khác",
        content_vi="Khác",
    )
    assert items_copy(items=[source]) == ([], [source])


def test_copy_week_copies_only_the_previous_week():
    monday = datetime.date(2026, 11, 30)
    ItemFactory(date=datetime.date(2026, 11, 23))  # previous week, Monday
    ItemFactory(date=datetime.date(2026, 11, 29), is_published=False)  # its Sunday
    ItemFactory(date=datetime.date(2026, 11, 22))  # two weeks back
    ItemFactory(date=datetime.date(2026, 12, 1))  # this week already
    copies, skipped = items_copy_week(monday=monday)
    assert sorted(c.date for c in copies) == [
        datetime.date(2026, 11, 30),
        datetime.date(2026, 12, 6),
    ]
    assert not any(c.is_published for c in copies)
