import datetime

import factory

from schedule.models import Item


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    date = datetime.date(2026, 12, 2)
    start = datetime.time(8, 0)
    end = datetime.time(10, 0)
    content = factory.Sequence(lambda n: f"Họp giao ban số {n}")
    content_vi = factory.SelfAttribute("content")
    content_en = factory.Sequence(lambda n: f"Briefing no. {n}")
    place = "Phòng họp tầng 2"
    attendees = "Các phòng, ban"
    is_published = True
