"""Demo commendation: the decision reported by the conference article."""

from datetime import date

from django.apps import apps

from core.text import name_key
from organisation.models import Unit

from .models import Award, AwardForm, Decision

# The number is a demo one, realistic in form.
CONFERENCE_DECISION = {
    # The demo article that reports it (news.demo).
    "article_slug": "hong-linh-tong-ket-10-nam-xay-dung-nen-quoc-phong-toan-dan-2009-2019",
    "number": "1234/QĐ-UBND",
    "date": "2019-12-05",
    "issuer": "UBND thị xã Hồng Lĩnh",
    "signer_name": "Nguyễn Hồng Sơn",
    "signer_title_vi": "Chủ tịch UBND thị xã",
    "signer_title_en": "Chairman of the town People's Committee",
    "excerpt_vi": "Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất "
    "sắc trong 10 năm xây dựng nền Quốc phòng toàn dân, giai đoạn 2009 – 2019",
    "excerpt_en": "On awarding certificates of merit to collectives and individuals "
    "for outstanding achievements in ten years of building the all-people "
    "national defence, 2009 – 2019",
    "achievement_vi": "Đã có thành tích xuất sắc trong 10 năm xây dựng nền Quốc "
    "phòng toàn dân, giai đoạn 2009 – 2019",
    "achievement_en": "For outstanding achievements in ten years of building the "
    "all-people national defence, 2009 – 2019",
    "period": (2009, 2019),
    "form": "giay-khen",
    # (kind, name, position, unit); names of people are invented.
    "recipients": [
        ("collective", "Ban CHQS phường Bắc Hồng", "", "Phường Bắc Hồng"),
        ("collective", "Công an phường Nam Hồng", "", "Phường Nam Hồng"),
        ("collective", "Phòng Tài chính - Kế hoạch", "", "UBND thị xã Hồng Lĩnh"),
        ("collective", "Ban CHQS phường Đậu Liêu", "", "Phường Đậu Liêu"),
        ("collective", "Trường THPT Hồng Lĩnh", "", "Thị xã Hồng Lĩnh"),
        ("individual", "Trần Văn Hải", "Chỉ huy trưởng", "Ban CHQS phường Bắc Hồng"),
        (
            "individual",
            "Lê Thị Thu Hà",
            "Phó Trưởng phòng",
            "Phòng Tài chính - Kế hoạch",
        ),
        ("individual", "Nguyễn Đức Thắng", "Trưởng Công an", "Công an phường Nam Hồng"),
        ("individual", "Phan Văn Quang", "Chính trị viên", "Ban CHQS phường Đức Thuận"),
        (
            "individual",
            "Đặng Thị Minh Nguyệt",
            "Chủ tịch Hội Phụ nữ",
            "Phường Trung Lương",
        ),
    ],
}


def load() -> str:
    data = CONFERENCE_DECISION
    issuer = Unit.objects.get(key=name_key(data["issuer"]))
    form = AwardForm.objects.get(slug=data["form"])
    # By name, not by import: a content app does not import another one.
    article = (
        apps.get_model("news", "Article")
        .objects.filter(slug=data["article_slug"])
        .first()
    )
    content = {
        **{
            key: data[key]
            for key in (
                "signer_name",
                "signer_title_vi",
                "signer_title_en",
                "excerpt_vi",
                "excerpt_en",
                "achievement_vi",
                "achievement_en",
            )
        },
        "period_start": data["period"][0],
        "period_end": data["period"][1],
        "article": article,
    }
    decision, _ = Decision.objects.update_or_create(
        issuer=issuer,
        number=data["number"],
        date=date.fromisoformat(data["date"]),
        defaults=content,
        create_defaults={**content, "status": Decision.Status.ISSUED},
    )
    for order, (kind, name, position, unit) in enumerate(data["recipients"], 1):
        if not decision.awards.filter(order=order).exists():
            Award(
                decision=decision,
                order=order,
                kind=kind,
                name=name,
                position=position,
                unit=unit,
                form=form,
            ).save()
    return f"decision {decision.number}: {decision.awards.count()} recipients"
