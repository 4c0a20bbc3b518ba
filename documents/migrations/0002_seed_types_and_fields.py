from django.db import migrations

from core.text import name_key, slugify_vi

# (Vietnamese name, English name, abbreviation in numbers)
TYPES = [
    ("Nghị quyết", "Resolution", "NQ"),
    ("Quyết định", "Decision", "QĐ"),
    ("Chỉ thị", "Directive", "CT"),
    ("Kế hoạch", "Plan", "KH"),
    ("Thông báo", "Notice", "TB"),
    ("Công văn", "Official letter", ""),
    ("Báo cáo", "Report", "BC"),
    ("Tờ trình", "Submission", "TTr"),
    ("Hướng dẫn", "Guidance", "HD"),
]
FIELDS = [
    ("Đất đai, tài nguyên và môi trường", "Land, resources and environment"),
    ("Xây dựng, quy hoạch đô thị", "Construction and urban planning"),
    ("Giáo dục và đào tạo", "Education and training"),
    ("Y tế", "Health"),
    ("Văn hóa, thể thao và du lịch", "Culture, sports and tourism"),
    ("Lao động, thương binh và xã hội", "Labour, invalids and social affairs"),
    ("Tài chính, ngân sách", "Finance and budget"),
    ("Nông nghiệp, phòng chống thiên tai", "Agriculture and disaster prevention"),
    ("Nội vụ, thi đua khen thưởng", "Home affairs and commendations"),
    ("Quốc phòng, an ninh", "Defence and security"),
    ("Cải cách hành chính", "Administrative reform"),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentField = apps.get_model("documents", "DocumentField")
    for order, (vi, en, code) in enumerate(TYPES, start=1):
        DocumentType.objects.get_or_create(
            key=name_key(vi),
            defaults={
                "name": vi,
                "name_vi": vi,
                "name_en": en,
                "code": code,
                "slug": slugify_vi(vi),
                "order": order,
            },
        )
    for order, (vi, en) in enumerate(FIELDS, start=1):
        DocumentField.objects.get_or_create(
            key=name_key(vi),
            defaults={
                "name": vi,
                "name_vi": vi,
                "name_en": en,
                "slug": slugify_vi(vi, max_length=100),
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
