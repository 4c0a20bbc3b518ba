"""Seed the levels, the two usual issuers and the usual forms and titles.

They are data, editable in admin; this only gives a fresh install a start.
"""

import re
import unicodedata

from django.db import migrations

LEVELS = [
    ("nha-nuoc", "Nhà nước", "State", 10),
    ("bo-nganh", "Bộ, ngành, đoàn thể Trung ương", "Ministry or central body", 20),
    ("tinh", "Tỉnh", "Province", 30),
    ("huyen", "Huyện, thị xã", "District or town", 40),
    ("xa", "Xã, phường", "Commune or ward", 50),
    ("don-vi", "Cơ quan, đơn vị", "Agency or unit", 60),
]

ISSUERS = [
    (
        "UBND thị xã Hồng Lĩnh",
        "People's Committee of Hong Linh town",
        "huyen",
        "Ủy ban nhân dân thị xã Hồng Lĩnh\nUỷ ban nhân dân thị xã Hồng Lĩnh\n"
        "UBND TX Hồng Lĩnh\nUBND thị xã",
    ),
    (
        "UBND tỉnh Hà Tĩnh",
        "People's Committee of Ha Tinh province",
        "tinh",
        "Ủy ban nhân dân tỉnh Hà Tĩnh\nUỷ ban nhân dân tỉnh Hà Tĩnh\nUBND tỉnh",
    ),
]

LOCAL = ["huyen", "xa", "don-vi"]
# (slug, vi, en, kind, has_classes, allowed levels)
FORMS = [
    ("giay-khen", "Giấy khen", "Certificate of merit", "form", False, LOCAL),
    ("bang-khen", "Bằng khen", "Diploma of merit", "form", False,
     ["nha-nuoc", "bo-nganh", "tinh"]),
    ("huan-chuong-lao-dong", "Huân chương Lao động", "Labour Order", "form", True,
     ["nha-nuoc"]),
    ("huan-chuong-bao-ve-to-quoc", "Huân chương Bảo vệ Tổ quốc",
     "Order for the Defence of the Fatherland", "form", True, ["nha-nuoc"]),
    ("huy-chuong", "Huy chương", "Medal", "form", False, ["nha-nuoc"]),
    ("co-thi-dua", "Cờ thi đua", "Emulation flag", "title", False,
     ["nha-nuoc", "bo-nganh", "tinh"]),
    ("lao-dong-tien-tien", "Lao động tiên tiến", "Advanced worker", "title", False,
     LOCAL),
    ("chien-si-tien-tien", "Chiến sĩ tiên tiến", "Advanced soldier", "title", False,
     LOCAL),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "Grassroots emulation fighter",
     "title", False, LOCAL),
    ("chien-si-thi-dua-cap-tinh", "Chiến sĩ thi đua cấp tỉnh",
     "Provincial emulation fighter", "title", False, ["tinh"]),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến",
     "Advanced collective", "title", False, LOCAL),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc",
     "Excellent collective", "title", False, ["bo-nganh", "tinh"]),
    ("gia-dinh-van-hoa", "Gia đình văn hóa", "Cultured family", "title", False,
     ["xa"]),
]


def key(value):
    # Same as awards.text.name_key, frozen here as migrations must be.
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip().casefold()


def seed(apps, schema_editor):
    Level = apps.get_model("awards", "Level")
    IssuingBody = apps.get_model("awards", "IssuingBody")
    AwardForm = apps.get_model("awards", "AwardForm")
    levels = {}
    for code, vi, en, order in LEVELS:
        levels[code], _ = Level.objects.get_or_create(
            code=code, defaults={"name": vi, "name_vi": vi, "name_en": en, "order": order}
        )
    for vi, en, level, aliases in ISSUERS:
        IssuingBody.objects.get_or_create(
            key=key(vi),
            defaults={"name": vi, "name_vi": vi, "name_en": en, "level": levels[level],
                      "aliases": aliases},
        )
    for order, (slug, vi, en, kind, has_classes, allowed) in enumerate(FORMS, 1):
        form, created = AwardForm.objects.get_or_create(
            slug=slug,
            defaults={"name": vi, "name_vi": vi, "name_en": en, "key": key(vi),
                      "kind": kind, "has_classes": has_classes, "order": order * 10},
        )
        if created:
            form.allowed_levels.set([levels[code] for code in allowed])


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
