"""Demo photo library: the album of the QPTD review conference. Its photos are
uploaded by the news demo (which runs next) and placed in two articles."""

from datetime import date

from .models import Album

CONFERENCE_ALBUM_SLUG = "hoi-nghi-tong-ket-10-nam-quoc-phong-toan-dan-2009-2019"

ALBUMS = [
    {
        "slug": CONFERENCE_ALBUM_SLUG,
        "date": date(2019, 12, 6),
        "title_vi": "Hội nghị tổng kết 10 năm xây dựng nền quốc phòng toàn dân "
        "(2009 – 2019)",
        "title_en": "Review conference: ten years of the all-people national "
        "defence (2009 – 2019)",
        "description_vi": "Hội trường UBND thị xã Hồng Lĩnh, ngày 06/12/2019.",
        "description_en": "Hall of the Hong Linh town People's Committee, "
        "6 December 2019.",
    }
]


def load() -> str:
    created = 0
    for data in ALBUMS:
        _album, new = Album.objects.update_or_create(
            slug=data["slug"],
            defaults={key: value for key, value in data.items() if key != "slug"},
        )
        created += new
    return f"{len(ALBUMS)} albums ({created} new)"
