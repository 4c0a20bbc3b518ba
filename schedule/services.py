import datetime

from django.db import transaction

from .models import Item

WEEK = datetime.timedelta(days=7)
COPIED_FIELDS = (
    "start",
    "end",
    "chair_id",
    "content_vi",
    "content_en",
    "chair_text_vi",
    "chair_text_en",
    "attendees_vi",
    "attendees_en",
    "place_vi",
    "place_en",
)


@transaction.atomic
def items_copy(*, items, days: int = 7) -> tuple[list[Item], list[Item]]:
    """Copy ``items`` ``days`` later as unpublished drafts, for editors to
    adjust. Returns (copies, skipped): an item whose copy would clash with an
    existing item of the same chair, or duplicate one, is skipped."""
    copies, skipped = [], []
    shift = datetime.timedelta(days=days)
    for item in sorted(items, key=lambda i: (i.date, i.start, i.pk)):
        copy = Item(
            date=item.date + shift,
            is_published=False,
            **{name: getattr(item, name) for name in COPIED_FIELDS},
        )
        duplicate = Item.objects.filter(
            date=copy.date,
            start=copy.start,
            content_vi=copy.content_vi,
            chair_id=copy.chair_id,
        ).exists()
        if duplicate or copy.clashing_item() is not None:
            skipped.append(item)
            continue
        copy.save()
        copies.append(copy)
    return copies, skipped


def items_copy_week(*, monday: datetime.date) -> tuple[list[Item], list[Item]]:
    """Copy the week before ``monday`` into the week starting ``monday``."""
    return items_copy(items=Item.objects.in_week(monday - WEEK))
