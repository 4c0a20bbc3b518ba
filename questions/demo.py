"""Demo questions, written by the project team; names and contacts are made up.

Each has a fixed tracking code (listed in the README) so that the lookup page
can be tried on the demo site; real codes come from ``secrets``.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from core.text import name_key

from .models import Question, Topic, add_working_days, code_digest

QUESTIONS = [
    {
        "code": "HL-DEMA-AAAA-2222",
        "topic": "dat-dai",
        "days_ago": 20,
        "name": "Nguyễn Văn An",
        "phone": "0912 000 001",
        "email": "an.nguyen@example.com",
        "title_vi": "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu gồm những gì?",
        "title_en": "What is needed for a first land use right certificate?",
        "content_vi": (
            "Gia đình tôi ở phường Bắc Hồng, sử dụng đất ổn định từ năm 1995 nhưng "
            "chưa được cấp giấy chứng nhận. Xin hỏi hồ sơ cần những giấy tờ gì và "
            "nộp ở đâu?"
        ),
        "content_en": (
            "My family in Bac Hong ward has used its land since 1995 without a "
            "certificate. Which papers are needed, and where do we apply?"
        ),
        "answer_vi": (
            "<p>Hồ sơ gồm đơn đăng ký theo mẫu, giấy tờ về quyền sử dụng đất (nếu có) "
            "và bản sao giấy tờ tùy thân. Ông nộp tại Bộ phận một cửa của UBND "
            "phường hoặc Chi nhánh Văn phòng đăng ký đất đai thị xã.</p>"
            "<p>Thời hạn giải quyết không quá 20 ngày làm việc.</p>"
        ),
        "answer_en": (
            "<p>The file holds the registration form, any paper on the land use "
            "right and a copy of an identity document. Apply at the ward's one-stop "
            "desk or at the town branch of the Land Registration Office.</p>"
            "<p>It is settled within 20 working days.</p>"
        ),
        "is_public": True,
    },
    {
        "code": "HL-DEMA-BBBB-3333",
        "topic": "giao-thong",
        "days_ago": 12,
        "name": "Trần Thị Bình",
        "phone": "",
        "email": "binh.tran@example.com",
        "title_vi": "Đèn chiếu sáng trên đường Nguyễn Ái Quốc bị hỏng",
        "title_en": "Broken street lights on Nguyen Ai Quoc street",
        "content_vi": (
            "Đoạn đường Nguyễn Ái Quốc gần chợ Hồng Lĩnh có ba cột đèn không sáng "
            "đã hơn hai tuần, buổi tối đi lại nguy hiểm."
        ),
        "content_en": (
            "Three street lights on Nguyen Ai Quoc street near Hong Linh market have "
            "been out for over two weeks, which makes the street dangerous at night."
        ),
        "answer_vi": (
            "<p>Cảm ơn bà đã phản ánh. Ban Quản lý dự án và Phát triển quỹ đất đã "
            "thay bóng và sửa đường dây; các đèn đã sáng trở lại.</p>"
        ),
        "answer_en": (
            "<p>Thank you for reporting it. The bulbs and the line have been "
            "repaired and the lights work again.</p>"
        ),
        "is_public": True,
    },
    {
        "code": "HL-DEMA-CCCC-4444",
        "topic": "moi-truong",
        "days_ago": 5,
        "name": "Lê Văn Cường",
        "phone": "0987 000 002",
        "email": "",
        "title_vi": "Rác thải tập kết không đúng nơi quy định ở tổ dân phố 5",
        "content_vi": (
            "Ở tổ dân phố 5, phường Nam Hồng, rác thường bị để ven đường nhiều ngày. "
            "Đề nghị bố trí lịch thu gom hợp lý hơn."
        ),
        "unit": True,
    },
    {
        "code": "HL-DEMA-DDDD-5555",
        "topic": "thu-tuc-hanh-chinh",
        "days_ago": 1,
        "name": "Phạm Thị Dung",
        "phone": "0905 000 003",
        "email": "dung.pham@example.com",
        "title_vi": "Đăng ký khai sinh cho con có cần bản chính giấy chứng sinh?",
        "content_vi": (
            "Tôi muốn đăng ký khai sinh trực tuyến cho con. Có cần nộp bản chính "
            "giấy chứng sinh không?"
        ),
    },
]


def load() -> str:
    town = (
        apps.get_model("organisation", "Unit")
        .objects.filter(key=name_key("UBND thị xã Hồng Lĩnh"))
        .first()
    )
    created = 0
    now = timezone.now()
    for data in QUESTIONS:
        digest = code_digest(data["code"])
        if Question.objects.filter(code_digest=digest).exists():
            continue
        received = now - datetime.timedelta(days=data["days_ago"])
        question = Question(
            code_digest=digest,
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            consent_at=received,
            received_at=received,
            due_date=add_working_days(
                timezone.localdate(received), settings.QUESTIONS_ANSWER_WORKING_DAYS
            ),
            topic=Topic.objects.get(slug=data["topic"]),
            title_vi=data["title_vi"],
            title_en=data.get("title_en", ""),
            content_vi=data["content_vi"],
            content_en=data.get("content_en", ""),
            answer_vi=data.get("answer_vi", ""),
            answer_en=data.get("answer_en", ""),
            is_public=data.get("is_public", False),
            unit=town if (data.get("unit") or data.get("answer_vi")) else None,
        )
        if data.get("answer_vi"):
            question.assigned_at = received + datetime.timedelta(days=1)
            question.answered_at = received + datetime.timedelta(days=6)
            question.published_at = question.answered_at
        question.save()
        created += 1
    return f"{created} questions"
