"""Demo news: written by the project team on public facts about Hồng Lĩnh.

Each photo names a drawing (see core.demo_media) instead of a file, so the
repository carries no binary blobs and nothing is downloaded.
"""

from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_media import draw_jpeg
from photos.demo import CONFERENCE_ALBUM_SLUG
from photos.models import Album
from photos.models import Photo as LibraryPhoto

from . import most_read
from .models import Article, ArticleViews, Category, Photo
from .services import article_ensure_cover

CATEGORIES = [
    {
        "slug": "tin-tuc-su-kien",
        "name_vi": "Tin tức - Sự kiện",
        "name_en": "News and events",
        "order": 10,
    },
    {
        "slug": "quoc-phong-an-ninh",
        "name_vi": "Quốc phòng - An ninh",
        "name_en": "Defence and security",
        "order": 20,
    },
    {
        "slug": "kinh-te-xa-hoi",
        "name_vi": "Kinh tế - Xã hội",
        "name_en": "Economy and society",
        "order": 30,
    },
    {
        "slug": "van-hoa-du-lich",
        "name_vi": "Văn hóa - Du lịch",
        "name_en": "Culture and tourism",
        "order": 40,
    },
    {
        "slug": "thong-bao",
        "name_vi": "Thông báo",
        "name_en": "Announcements",
        "order": 50,
    },
]

CONFERENCE_PHOTO_ALT_VI = (
    "Hội trường với các hàng đại biểu ngồi hướng về sân khấu có phông nền đỏ"
)
CONFERENCE_SLUG = "hong-linh-tong-ket-10-nam-xay-dung-nen-quoc-phong-toan-dan-2009-2019"

ARTICLES = [
    {
        "slug": CONFERENCE_SLUG,
        "category": "quoc-phong-an-ninh",
        "featured": True,
        "publish_at": "2019-12-06T09:30",
        "title_vi": "Hồng Lĩnh tổng kết 10 năm xây dựng nền quốc phòng toàn dân "
        "(2009 – 2019)",
        "title_en": "Hong Linh reviews ten years of building the all-people "
        "national defence (2009 – 2019)",
        "summary_vi": "UBND thị xã Hồng Lĩnh tổ chức hội nghị tổng kết 10 năm xây dựng "
        "nền quốc phòng toàn dân giai đoạn 2009 – 2019, đánh giá kết quả và đề ra "
        "nhiệm vụ cho những năm tới.",
        "summary_en": "The People's Committee of Hong Linh town held a conference "
        "reviewing ten years of building the all-people national defence, "
        "2009 – 2019, assessing the results and setting the tasks ahead.",
        "byline_vi": "Ban biên tập",
        "byline_en": "Editorial board",
        "source_vi": "Văn phòng HĐND - UBND thị xã Hồng Lĩnh",
        "source_en": "Office of the People's Council and People's Committee "
        "of Hong Linh town",
        "body_vi": [
            "Thực hiện kế hoạch của Bộ Chỉ huy Quân sự tỉnh, Ủy ban nhân dân thị xã "
            "Hồng Lĩnh đã tổ chức hội nghị tổng kết 10 năm xây dựng nền quốc phòng "
            "toàn dân (QPTD) giai đoạn 2009 – 2019. Dự hội nghị có lãnh đạo Bộ Chỉ "
            "huy Quân sự (Bộ CHQS) tỉnh, lãnh đạo Công an tỉnh cùng đại diện các "
            "phòng, ban, ngành, đoàn thể của thị xã và các phường, xã.",
            "Báo cáo tại hội nghị cho thấy, trong 10 năm qua, cấp ủy, chính quyền "
            "thị xã luôn gắn nhiệm vụ phát triển kinh tế – xã hội với củng cố quốc "
            "phòng, an ninh. Tốc độ tăng trưởng kinh tế của thị xã bình quân đạt "
            "khoảng 16,1%/năm, tạo nền tảng vững chắc cho công tác quốc phòng ở "
            "địa phương.",
            "Ngân sách chi cho nhiệm vụ quốc phòng đạt 15.000 đồng/người/năm, cho "
            "nhiệm vụ an ninh đạt 13.000 đồng/người/năm. Lực lượng vũ trang thị xã "
            "được xây dựng vững mạnh; thế trận quốc phòng toàn dân gắn với thế trận "
            "an ninh nhân dân ngày càng được củng cố.",
            "Phát biểu tại hội nghị, đồng chí Chủ tịch UBND thị xã ghi nhận những "
            "kết quả đã đạt được, đồng thời yêu cầu các cấp, các ngành tiếp tục "
            "quán triệt sâu sắc quan điểm của Đảng về xây dựng nền QPTD, nâng cao "
            "chất lượng giáo dục quốc phòng và an ninh cho các đối tượng, và chăm lo "
            "xây dựng lực lượng dân quân tự vệ, dự bị động viên.",
            "Dịp này, UBND thị xã đã trao Giấy khen cho các tập thể và cá nhân có "
            "thành tích xuất sắc trong 10 năm xây dựng nền quốc phòng toàn dân, "
            "giai đoạn 2009 – 2019.",
        ],
        "body_en": [
            "Following the plan of the Provincial Military Command, the People's "
            "Committee of Hong Linh town held a conference reviewing ten years of "
            "building the all-people national defence (QPTD), 2009 – 2019. Leaders "
            "of the Provincial Military Command and of the provincial police "
            "attended, together with representatives of the town's offices, "
            "organisations, wards and communes.",
            "The report to the conference showed that over the ten years the "
            "town's Party committee and government consistently tied economic and "
            "social development to strengthening defence and security. The town's "
            "economy grew by about 16.1% a year on average, a solid foundation for "
            "local defence work.",
            "Spending on defence reached 15,000 dong per person per year, and on "
            "security 13,000 dong. The town's armed forces have grown strong, and "
            "the all-people defence posture, joined with the people's security "
            "posture, has been steadily reinforced.",
            "Speaking at the conference, the chairman of the town People's "
            "Committee acknowledged these results and asked every level and sector "
            "to keep applying the Party's views on the all-people defence, to "
            "improve defence and security education, and to build up the militia, "
            "self-defence and reserve forces.",
            "On this occasion the town People's Committee handed certificates of "
            "merit to collectives and individuals with outstanding achievements in "
            "ten years of building the all-people national defence, 2009 – 2019.",
        ],
        "photos": [
            {
                "drawing": "conference",
                "album": CONFERENCE_ALBUM_SLUG,
                "after": 1,
                "caption_vi": "Toàn cảnh hội nghị",
                "caption_en": "The conference",
                "alt_vi": CONFERENCE_PHOTO_ALT_VI,
                "alt_en": "A hall with rows of delegates facing a stage with a red "
                "backdrop",
            },
            {
                "drawing": "speaker",
                "album": CONFERENCE_ALBUM_SLUG,
                "after": 3,
                "caption_vi": "Đồng chí Chủ tịch UBND thị xã phát biểu ý kiến tại "
                "hội nghị",
                "caption_en": "The chairman of the town People's Committee speaks at "
                "the conference",
                "alt_vi": "Người phát biểu đứng sau bục có hoa, phía sau là phông "
                "đỏ của hội nghị",
                "alt_en": "A speaker stands behind a lectern with flowers, the red "
                "conference backdrop behind him",
            },
            {
                "drawing": "guests",
                "album": CONFERENCE_ALBUM_SLUG,
                "after": 1,
                "caption_vi": "Lãnh đạo Bộ CHQS tỉnh và Công an tỉnh dự hội nghị",
                "caption_en": "Leaders of the Provincial Military Command and the "
                "provincial police attend the conference",
                "alt_vi": "Hàng ghế đại biểu khách mời ở hàng đầu hội trường",
                "alt_en": "The front row of guest delegates in the hall",
            },
            {
                "drawing": "awards",
                "album": CONFERENCE_ALBUM_SLUG,
                "after": 5,
                "caption_vi": "Lãnh đạo UBND thị xã trao giấy khen cho các tập thể có "
                "thành tích xuất sắc",
                "caption_en": "Town leaders hand certificates of merit to collectives "
                "with outstanding achievements",
                "alt_vi": "Hàng người đứng trên sân khấu cầm giấy khen và hoa",
                "alt_en": "A row of people on stage holding certificates and flowers",
            },
            {
                "drawing": "awards_individuals",
                "album": CONFERENCE_ALBUM_SLUG,
                "after": 5,
                "caption_vi": "Trao giấy khen cho các cá nhân có thành tích xuất sắc",
                "caption_en": "Certificates of merit for individuals with outstanding "
                "achievements",
                "alt_vi": "Các cá nhân được khen thưởng đứng chụp ảnh lưu niệm trên "
                "sân khấu",
                "alt_en": "Honoured individuals pose for a photo on stage",
            },
        ],
    },
    {
        "slug": "ra-mat-cong-thong-tin-dien-tu-thi-xa-hong-linh",
        "category": "tin-tuc-su-kien",
        "featured": True,
        "days_ago": 1,
        "title_vi": "Ra mắt Cổng thông tin điện tử thị xã Hồng Lĩnh",
        "title_en": "Hong Linh town launches its web portal",
        "summary_vi": "Cổng thông tin mới giúp người dân đọc tin trên điện thoại, "
        "tìm kiếm không cần gõ dấu và theo dõi hoạt động của chính quyền thị xã.",
        "summary_en": "The new portal lets citizens read the news on their phones, "
        "search without typing accents and follow the work of the town government.",
        "byline_vi": "Ban biên tập",
        "byline_en": "Editorial board",
        "source_vi": "Văn phòng HĐND - UBND thị xã Hồng Lĩnh",
        "source_en": "Office of the People's Council and People's Committee",
        "body_vi": [
            "Cổng thông tin điện tử thị xã Hồng Lĩnh được xây dựng để người dân, "
            "doanh nghiệp và du khách tiếp cận thông tin của chính quyền một cách "
            "nhanh chóng, chính xác.",
            "Trang được thiết kế cho cả điện thoại và máy tính, có phiên bản tiếng "
            "Anh, và tuân thủ các tiêu chuẩn về khả năng tiếp cận để mọi người, kể "
            "cả người khiếm thị, đều sử dụng được.",
        ],
        "body_en": [
            "The Hong Linh town web portal was built so that citizens, businesses "
            "and visitors can reach government information quickly and accurately.",
            "It is designed for phones and computers alike, has an English version, "
            "and follows accessibility standards so that everyone, including blind "
            "readers, can use it.",
        ],
        "photos": [
            {
                "drawing": "town",
                "after": 0,
                "caption_vi": "Thị xã Hồng Lĩnh nhìn từ chân núi",
                "caption_en": "Hong Linh town seen from the foot of the mountains",
                "alt_vi": "Những mái nhà của thị xã dưới dãy núi xanh",
                "alt_en": "Roofs of the town below a green mountain range",
            }
        ],
    },
    {
        "slug": "nui-hong-linh-bieu-tuong-cua-vung-dat",
        "category": "van-hoa-du-lich",
        "days_ago": 3,
        "title_vi": "Núi Hồng Lĩnh – biểu tượng của vùng đất",
        "title_en": "Hong Linh mountain – a symbol of the land",
        "summary_vi": "Dãy núi Hồng Lĩnh, còn gọi là Ngàn Hống, gắn với tên gọi và "
        "đời sống văn hóa của thị xã.",
        "summary_en": "The Hong Linh range, also called Ngan Hong, gives the town its "
        "name and shapes its cultural life.",
        "byline_vi": "Phòng Văn hóa và Thông tin",
        "byline_en": "Culture and Information Office",
        "body_vi": [
            "Dãy núi Hồng Lĩnh, người dân quen gọi là Ngàn Hống, trải dài giữa hai "
            "dòng sông Lam và La. Từ bao đời nay, hình ảnh núi Hồng đã đi vào thơ "
            "ca và trở thành niềm tự hào của người dân nơi đây.",
            "Thị xã mang tên của dãy núi, và những con đường lên núi ngày nay là "
            "điểm đến của du khách muốn ngắm nhìn toàn cảnh vùng đất.",
        ],
        "body_en": [
            "The Hong Linh range, which local people call Ngan Hong, stretches "
            "between the Lam and La rivers. For generations the mountain has "
            "appeared in poems and songs and is a source of local pride.",
            "The town takes its name from the range, and the paths up the mountain "
            "now draw visitors who come to see the whole region from above.",
        ],
        "photos": [
            {
                "drawing": "mountain",
                "after": 1,
                "caption_vi": "Dãy núi Hồng Lĩnh",
                "caption_en": "The Hong Linh range",
                "alt_vi": "Những đỉnh núi xanh nối tiếp nhau dưới bầu trời trong",
                "alt_en": "Green peaks one behind another under a clear sky",
            }
        ],
    },
    {
        "slug": "kinh-te-thi-xa-duy-tri-toc-do-tang-truong-kha",
        "category": "kinh-te-xa-hoi",
        "days_ago": 5,
        "title_vi": "Kinh tế thị xã duy trì tốc độ tăng trưởng khá",
        "title_en": "The town economy keeps up a good growth rate",
        "summary_vi": "Giai đoạn 2009 – 2019, kinh tế thị xã tăng trưởng bình quân "
        "khoảng 16,1% mỗi năm.",
        "summary_en": "From 2009 to 2019 the town economy grew by about 16.1% a year "
        "on average.",
        "byline_vi": "Phòng Tài chính - Kế hoạch",
        "byline_en": "Finance and Planning Office",
        "body_vi": [
            "Theo báo cáo tổng kết, giai đoạn 2009 – 2019 tốc độ tăng trưởng kinh "
            "tế bình quân của thị xã đạt khoảng 16,1%/năm.",
            "Kết quả này tạo điều kiện để thị xã đầu tư cho các nhiệm vụ quốc "
            "phòng, an ninh và an sinh xã hội.",
        ],
        "body_en": [
            "According to the review report, the town's economy grew by about "
            "16.1% a year on average between 2009 and 2019.",
            "This growth has let the town invest in defence, security and social "
            "welfare.",
        ],
        # The conference's overview photo again, from the library: one upload,
        # two articles, with a caption for this article.
        "photos": [
            {
                "drawing": "conference",
                "after": 1,
                "alt_vi": CONFERENCE_PHOTO_ALT_VI,
                "caption_override_vi": "Hội nghị tổng kết 10 năm xây dựng nền quốc "
                "phòng toàn dân, nơi báo cáo kết quả tăng trưởng kinh tế",
                "caption_override_en": "The defence review conference, where the "
                "growth figures were reported",
            }
        ],
    },
    {
        "slug": "lich-tiep-cong-dan-dinh-ky",
        "category": "thong-bao",
        "days_ago": 2,
        "title_vi": "Lịch tiếp công dân định kỳ của lãnh đạo UBND thị xã",
        "title_en": "Regular citizen reception hours of the town leaders",
        "summary_vi": "Lãnh đạo UBND thị xã tiếp công dân định kỳ tại Trụ sở tiếp "
        "công dân thị xã.",
        "summary_en": "The town leaders receive citizens regularly at the town's "
        "citizen reception office.",
        "byline_vi": "Ban tiếp công dân",
        "byline_en": "Citizen Reception Board",
        "body_vi": [
            "Công dân có nhu cầu kiến nghị, phản ánh vui lòng mang theo giấy tờ "
            "tùy thân và tài liệu liên quan khi đến Trụ sở tiếp công dân.",
        ],
        "body_en": [
            "Citizens who wish to make a petition or a report are asked to bring "
            "identification and the related documents to the reception office.",
        ],
        "photos": [],
    },
    {
        "slug": "ke-hoach-tuyen-quan-nam-toi",
        "category": "quoc-phong-an-ninh",
        "status": "published",
        "days_ago": -7,
        "title_vi": "Kế hoạch tuyển quân năm tới (lên lịch đăng)",
        "title_en": "Next year's enlistment plan (scheduled)",
        "summary_vi": "Bài viết mẫu được lên lịch đăng sau một tuần: công chúng "
        "chưa thấy.",
        "summary_en": "A sample article scheduled a week ahead: not yet public.",
        "body_vi": ["Nội dung sẽ được công bố đúng thời gian đã hẹn."],
        "body_en": ["The content will appear at the scheduled time."],
        "photos": [],
    },
    {
        "slug": "ban-nhap-bao-cao-so-ket",
        "category": "tin-tuc-su-kien",
        "status": "draft",
        "days_ago": 0,
        "title_vi": "Bản nháp: báo cáo sơ kết (chỉ nhân viên xem được)",
        "title_en": "Draft: interim report (staff only)",
        "summary_vi": "Bài viết mẫu ở trạng thái nháp.",
        "summary_en": "A sample draft article.",
        "body_vi": ["Bản nháp đang được biên tập."],
        "body_en": ["This draft is being edited."],
        "photos": [],
    },
]


def load() -> str:
    categories = {}
    for data in CATEGORIES:
        categories[data["slug"]], _ = Category.objects.update_or_create(
            slug=data["slug"],
            defaults={key: value for key, value in data.items() if key != "slug"},
        )
    created_articles = created_photos = 0
    for data in ARTICLES:
        content = {
            "category": categories[data["category"]],
            "is_featured": data.get("featured", False),
            **{
                f"{field}_{lang}": data.get(f"{field}_{lang}", "")
                for field in ("title", "summary", "byline", "source")
                for lang in ("vi", "en")
            },
            **{
                f"body_{lang}": "".join(f"<p>{p}</p>" for p in data[f"body_{lang}"])
                for lang in ("vi", "en")
            },
        }
        article, created = Article.objects.update_or_create(
            slug=data["slug"],
            defaults=content,
            # Status and time are kept as first loaded: a re-run neither
            # moves articles in time nor republishes what staff withdrew.
            create_defaults={
                **content,
                "status": data.get("status", Article.Status.PUBLISHED),
                "publish_at": _publish_at(data),
            },
        )
        created_articles += created
        for order, photo_data in enumerate(data["photos"], start=1):
            if article.photos.filter(order=order).exists():
                continue
            library_photo, created = _library_photo(photo_data)
            Photo.objects.create(
                article=article,
                photo=library_photo,
                order=order,
                after_paragraph=photo_data["after"],
                caption_override_vi=photo_data.get("caption_override_vi", ""),
                caption_override_en=photo_data.get("caption_override_en", ""),
            )
            created_photos += created
        article_ensure_cover(article=article)
    seeded_days = _seed_views()
    return (
        f"{len(categories)} categories, {len(ARTICLES)} articles "
        f"({created_articles} new), {created_photos} new photos, "
        f"{seeded_days} new days of views"
    )


def _seed_views() -> int:
    """A week of reading for the published demo articles, so the most-read
    block and the dashboard are not empty on a new site. Days already counted
    (by readers or an earlier run) are left as they are."""
    today = timezone.localdate()
    days = [today - timedelta(days=offset) for offset in range(most_read.DAYS)]
    articles = list(
        Article.objects.published()
        .filter(slug__in=[data["slug"] for data in ARTICLES])
        .values_list("pk", "slug")
    )
    rank = {data["slug"]: index for index, data in enumerate(ARTICLES)}
    counted = set(
        ArticleViews.objects.filter(
            article_id__in=[pk for pk, _slug in articles], day__in=days
        ).values_list("article_id", "day")
    )
    new = [
        ArticleViews(
            article_id=pk,
            day=day,
            # Varied but stable: the same numbers on every run.
            views=40 + (rank[slug] * 53 + offset * 17) % 180,
        )
        for pk, slug in articles
        for offset, day in enumerate(days)
        if (pk, day) not in counted
    ]
    ArticleViews.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        most_read.forget_block()
    return len(new)


def _library_photo(photo_data):
    """The library photo of a drawing, uploaded the first time it is used:
    known again by its alternative text. Returns (photo, created)."""
    album = Album.objects.filter(slug=photo_data.get("album", "")).first()
    existing = LibraryPhoto.objects.filter(alt_text_vi=photo_data["alt_vi"]).first()
    if existing:
        if album and not existing.album_id:  # moved in by news 0021
            existing.album = album
            existing.save()
        return existing, False
    photo = LibraryPhoto(
        caption_vi=photo_data["caption_vi"],
        caption_en=photo_data["caption_en"],
        alt_text_vi=photo_data["alt_vi"],
        alt_text_en=photo_data["alt_en"],
        credit_vi="Ảnh minh họa",
        credit_en="Illustration",
        album=album,
        # The album's photos were all taken in the hall, on the day.
        place_vi="Hội trường UBND thị xã Hồng Lĩnh" if album else "",
        place_en="Hall of the town People's Committee" if album else "",
        taken_on=album.date if album else None,
    )
    photo.image.save(
        f"{photo_data['drawing']}.jpg", ContentFile(draw_jpeg(photo_data["drawing"]))
    )
    return photo, True


def _publish_at(data):
    if "publish_at" in data:
        return timezone.make_aware(datetime.fromisoformat(data["publish_at"]))
    return timezone.now().replace(second=0, microsecond=0) - timedelta(
        days=data.get("days_ago", 0)
    )
