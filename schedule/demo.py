"""Demo work schedule for the previous and the current week, written by us;
the leaders are the invented ones of organisation.demo."""

import datetime

from django.apps import apps
from django.utils import timezone

from .models import Item

# (weekday 0-6, start, end, content vi, content en, chair, attendees vi, place vi)
WEEK = [
    (0, "07:30", "09:00", "Giao ban Thường trực UBND thị xã",
     "Weekly briefing of the standing members of the town People's Committee",
     "Nguyễn Hồng Sơn", "Các Phó Chủ tịch UBND thị xã; Chánh Văn phòng",
     "Phòng họp tầng 2, UBND thị xã"),
    (0, "14:00", "17:00", "Làm việc với phường Bắc Hồng về công tác chỉnh trang đô thị",
     "Meeting Bac Hong ward on town improvement works",
     "Lê Văn Đức", "Phòng Tài nguyên và Môi trường; UBND phường Bắc Hồng",
     "UBND phường Bắc Hồng"),
    (1, "08:00", "11:30", "Tiếp công dân định kỳ",
     "Regular citizens' reception day",
     "Nguyễn Hồng Sơn", "Thanh tra thị xã; Văn phòng HĐND và UBND thị xã",
     "Trụ sở tiếp công dân thị xã"),
    (2, "08:00", None, "Kiểm tra tiến độ xây dựng nông thôn mới tại xã Thuận Lộc",
     "Inspecting new rural development works in Thuan Loc commune",
     "Trần Thị Minh Hà", "Phòng Tài chính – Kế hoạch; UBND xã Thuận Lộc",
     "Xã Thuận Lộc"),
    (3, "14:00", "16:30", "Họp Hội đồng thi đua – khen thưởng thị xã",
     "Meeting of the town emulation and commendation council",
     "Nguyễn Hồng Sơn", "Thành viên Hội đồng thi đua – khen thưởng thị xã",
     "Phòng họp tầng 2, UBND thị xã"),
    (4, "08:00", "11:00", "Làm việc với các trường học về chuẩn bị năm học mới",
     "Meeting the schools on preparing the new school year",
     "Trần Thị Minh Hà", "Phòng Giáo dục và Đào tạo; hiệu trưởng các trường",
     "Hội trường UBND thị xã"),
]  # fmt: skip


# English for the demo's places and attendees.
ENGLISH = {
    "Các Phó Chủ tịch UBND thị xã; Chánh Văn phòng": "The vice chairs of the town "
    "People's Committee; the Chief of Office",
    "Phòng họp tầng 2, UBND thị xã": "Meeting room, 2nd floor, town People's Committee",
    "Phòng Tài nguyên và Môi trường; UBND phường Bắc Hồng": "Office of Natural "
    "Resources and Environment; Bac Hong ward People's Committee",
    "UBND phường Bắc Hồng": "Bac Hong ward People's Committee",
    "Thanh tra thị xã; Văn phòng HĐND và UBND thị xã": "Town Inspectorate; Office "
    "of the town People's Council and People's Committee",
    "Trụ sở tiếp công dân thị xã": "Town citizens' reception office",
    "Phòng Tài chính – Kế hoạch; UBND xã Thuận Lộc": "Office of Finance and "
    "Planning; Thuan Loc commune People's Committee",
    "Xã Thuận Lộc": "Thuan Loc commune",
    "Thành viên Hội đồng thi đua – khen thưởng thị xã": "Members of the town "
    "emulation and commendation council",
    "Phòng Giáo dục và Đào tạo; hiệu trưởng các trường": "Office of Education and "
    "Training; school principals",
    "Hội trường UBND thị xã": "Hall of the town People's Committee",
}


def load() -> str:
    Person = apps.get_model("organisation", "Person")
    people = {person.name: person for person in Person.objects.all()}
    today = timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    count = 0
    for monday in (this_monday - datetime.timedelta(days=7), this_monday):
        for (
            weekday,
            start,
            end,
            content_vi,
            content_en,
            chair,
            attendees,
            place,
        ) in WEEK:
            _, created = Item.objects.get_or_create(
                date=monday + datetime.timedelta(days=weekday),
                start=datetime.time.fromisoformat(start),
                content_vi=content_vi,
                defaults={
                    "end": datetime.time.fromisoformat(end) if end else None,
                    "content": content_vi,
                    "content_en": content_en,
                    "chair": people.get(chair),
                    "chair_text": "" if chair in people else chair,
                    "attendees": attendees,
                    "attendees_en": ENGLISH.get(attendees, ""),
                    "place": place,
                    "place_en": ENGLISH.get(place, ""),
                    "is_published": True,
                },
            )
            count += created
    return f"{count} schedule items added for the previous and the current week"
