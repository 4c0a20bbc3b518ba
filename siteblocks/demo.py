"""Demo site blocks: website links, the visit counter, a town map, a song."""

from django.core.files.base import ContentFile

from core.demo_media import draw_map_jpeg, tune_wav

from .models import Link, SiteSettings, SiteStatistics, Song, TownMap

LINKS = [
    (
        "Cổng thông tin điện tử tỉnh Hà Tĩnh",
        "Ha Tinh provincial portal",
        "https://hatinh.gov.vn/",
    ),
    (
        "Cổng Dịch vụ công quốc gia",
        "National public service portal",
        "https://dichvucong.gov.vn/",
    ),
    (
        "Cổng Dịch vụ công tỉnh Hà Tĩnh",
        "Ha Tinh provincial public service portal",
        "https://dichvucong.hatinh.gov.vn/",
    ),
    (
        "Cổng thông tin điện tử Chính phủ",
        "Government portal of Viet Nam",
        "https://chinhphu.vn/",
    ),
    ("Báo Hà Tĩnh", "Ha Tinh newspaper", "https://baohatinh.vn/"),
]

# The footer's legal details: placeholders the editors replace in the admin.
LEGAL = {
    "managing_body_vi": "Ủy ban nhân dân thị xã Hồng Lĩnh, tỉnh Hà Tĩnh",
    "managing_body_en": "People's Committee of Hong Linh town, Ha Tinh province",
    "responsible_person_vi": "Chánh Văn phòng HĐND và UBND thị xã (nội dung mẫu)",
    "responsible_person_en": "Chief of the Office of the People's Council and Committee (demo)",
    "address_vi": "Số 1 đường Quang Trung, phường Bắc Hồng, thị xã Hồng Lĩnh, tỉnh Hà Tĩnh",
    "address_en": "1 Quang Trung street, Bac Hong ward, Hong Linh town, Ha Tinh province",
    "phone": "0239 3 836 000",
    "email": "vanphong@honglinh.example.vn",
    "licence_vi": "Giấy phép số …/GP-STTTT (nội dung mẫu, thay bằng số giấy phép thật)",
    "licence_en": "Licence no. …/GP-STTTT (demo: replace with the real licence)",
}

# Carried over from the town's previous website, as its visit counter showed.
STARTING_VISITS = 790992

TOWN_MAP = {
    "title_vi": "Bản đồ hành chính thị xã Hồng Lĩnh (minh họa)",
    "title_en": "Administrative map of Hong Linh town (illustration)",
    "alt_text_vi": "Bản đồ minh họa các phường, xã của thị xã nằm dưới chân dãy núi Hồng Lĩnh",
    "alt_text_en": "Illustrated map of the town's wards and commune below the Hong Linh range",
    "description_vi": (
        "Bản đồ minh họa thị xã Hồng Lĩnh, nằm ở phía bắc tỉnh Hà Tĩnh.\n"
        "Phía bắc và phía đông là dãy núi Hồng Lĩnh; quốc lộ 1 chạy qua trung tâm thị xã "
        "theo hướng bắc – nam.\n"
        "Các phường, xã: Bắc Hồng, Nam Hồng, Trung Lương, Đức Thuận, Đậu Liêu và xã Thuận Lộc.\n"
        "Đây là hình minh họa trong nội dung mẫu, không dùng để tra cứu ranh giới."
    ),
    "description_en": (
        "An illustrated map of Hong Linh town, in the north of Ha Tinh province.\n"
        "The Hong Linh range lies to the north and east; National Road 1 runs through the "
        "town centre from north to south.\n"
        "Wards and commune: Bac Hong, Nam Hong, Trung Luong, Duc Thuan, Dau Lieu and "
        "Thuan Loc commune.\n"
        "This is an illustration in the demo content, not a reference for boundaries."
    ),
    "online_map_url": "https://www.openstreetmap.org/search?query=H%E1%BB%93ng%20L%C4%A9nh",
}

SONGS = [
    {
        "title_vi": "Giai điệu Hồng Lĩnh (bản thu mẫu)",
        "title_en": "A Hong Linh melody (sample recording)",
        "composer": "Ban biên tập (bản mẫu)",
        "performer": "Nhạc cụ điện tử",
        "lyrics_vi": "Bản nhạc không lời dùng làm nội dung mẫu.\n"
        "Ban biên tập sẽ thay bằng các ca khúc về Hồng Lĩnh khi được tác giả cho phép.",
        "lyrics_en": "An instrumental tune used as demo content.\n"
        "The editors will replace it with songs about Hong Linh once their authors agree.",
    },
]


def load() -> str:
    for order, (name_vi, name_en, url) in enumerate(LINKS, start=1):
        Link.objects.update_or_create(
            url=url,
            defaults={"name_vi": name_vi, "name_en": name_en, "order": order},
        )
    legal = SiteSettings.load()
    if not legal.responsible_person_vi:
        for name, value in LEGAL.items():
            setattr(legal, name, value)
        legal.save()
    statistics = SiteStatistics.load()
    if not statistics.starting_total:
        statistics.starting_total = STARTING_VISITS
        statistics.save()
    if not TownMap.objects.filter(title_vi=TOWN_MAP["title_vi"]).exists():
        town_map = TownMap(**TOWN_MAP)
        town_map.image.save("ban-do.jpg", ContentFile(draw_map_jpeg()))
    for order, song_data in enumerate(SONGS, start=1):
        if not Song.objects.filter(title_vi=song_data["title_vi"]).exists():
            song = Song(order=order, **song_data)
            song.audio.save("giai-dieu.wav", ContentFile(tune_wav()))
    return f"{len(LINKS)} website links, {len(SONGS)} song, a town map"
