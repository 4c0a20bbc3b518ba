"""Demo organisation: the town's People's Committee, six offices, the five
wards and the commune, their leaders and the town pages. Written by us for
the demo: the people's names, phone numbers and email addresses are invented
(the addresses use the reserved .example domain), and the figures of the town
pages are rounded demo figures, to be replaced by the town's own."""

from core.text import name_key

from .models import AboutPage, Level, Person, Position, Unit

COMMITTEE = "UBND thị xã Hồng Lĩnh"
EMAIL_DOMAIN = "honglinh.example"

COMMITTEE_FUNCTIONS_VI = (
    "<p>Ủy ban nhân dân thị xã do Hội đồng nhân dân thị xã bầu, là cơ quan chấp "
    "hành của Hội đồng nhân dân, cơ quan hành chính nhà nước ở địa phương, chịu "
    "trách nhiệm trước Hội đồng nhân dân thị xã và Ủy ban nhân dân tỉnh Hà Tĩnh.</p>"
    "<h2>Nhiệm vụ, quyền hạn chính</h2><ul>"
    "<li>Xây dựng, trình Hội đồng nhân dân thị xã quyết định các nội dung thuộc "
    "thẩm quyền và tổ chức thực hiện các nghị quyết đó.</li>"
    "<li>Quản lý nhà nước về kinh tế, ngân sách, đất đai, đô thị, giáo dục, y tế, "
    "văn hóa, xã hội trên địa bàn.</li>"
    "<li>Bảo đảm quốc phòng, an ninh, trật tự, an toàn xã hội.</li>"
    "<li>Giải quyết thủ tục hành chính, tiếp công dân, giải quyết khiếu nại, tố "
    "cáo và kiến nghị, phản ánh của người dân.</li></ul>"
)
COMMITTEE_FUNCTIONS_EN = (
    "<p>The town People's Committee is elected by the town People's Council. It is "
    "the executive body of the Council and the local body of state administration, "
    "answerable to the town People's Council and to the People's Committee of Ha "
    "Tinh province.</p>"
    "<h2>Main tasks and powers</h2><ul>"
    "<li>Preparing the matters the town People's Council decides on, and carrying "
    "out its resolutions.</li>"
    "<li>Managing the economy, the budget, land, urban affairs, education, health, "
    "culture and social affairs in the town.</li>"
    "<li>Ensuring defence, security, public order and safety.</li>"
    "<li>Handling administrative procedures, receiving citizens, and settling "
    "complaints, denunciations and citizens' questions and feedback.</li></ul>"
)

# (name vi, name en, slug of email, phone, functions vi, functions en)
OFFICES = [
    (
        "Văn phòng HĐND và UBND thị xã",
        "Office of the town People's Council and People's Committee",
        "vanphong",
        "0239 3000 101",
        "Tham mưu tổng hợp, giúp Hội đồng nhân dân và Ủy ban nhân dân thị xã điều "
        "hành công việc; kiểm soát thủ tục hành chính; quản lý Cổng thông tin điện tử.",
        "Advises and assists the town People's Council and People's Committee in "
        "running their work; controls administrative procedures; runs the portal.",
    ),
    (
        "Phòng Nội vụ",
        "Office of Home Affairs",
        "noivu",
        "0239 3000 102",
        "Tham mưu về tổ chức bộ máy, cán bộ, công chức, viên chức, cải cách hành "
        "chính, thi đua – khen thưởng, tôn giáo và văn thư, lưu trữ.",
        "Advises on organisation, civil servants and public employees, "
        "administrative reform, emulation and commendation, religion and archives.",
    ),
    (
        "Phòng Tài chính – Kế hoạch",
        "Office of Finance and Planning",
        "taichinh",
        "0239 3000 103",
        "Tham mưu về tài chính, ngân sách, giá, kế hoạch và đầu tư, đăng ký kinh "
        "doanh hộ cá thể.",
        "Advises on finance, the budget, prices, planning and investment, and "
        "registers household businesses.",
    ),
    (
        "Phòng Tài nguyên và Môi trường",
        "Office of Natural Resources and Environment",
        "tainguyen",
        "0239 3000 104",
        "Tham mưu về đất đai, tài nguyên nước, khoáng sản, môi trường và biến đổi "
        "khí hậu.",
        "Advises on land, water, minerals, the environment and climate change.",
    ),
    (
        "Phòng Giáo dục và Đào tạo",
        "Office of Education and Training",
        "giaoduc",
        "0239 3000 105",
        "Tham mưu về giáo dục mầm non, tiểu học, trung học cơ sở và xóa mù chữ.",
        "Advises on pre-school, primary and lower-secondary education and literacy.",
    ),
    (
        "Phòng Văn hóa và Thông tin",
        "Office of Culture and Information",
        "vanhoa",
        "0239 3000 106",
        "Tham mưu về văn hóa, gia đình, thể dục thể thao, du lịch, thông tin và "
        "truyền thông.",
        "Advises on culture, families, sport, tourism, information and communications.",
    ),
]

# (kind, name vi, name en, email slug, phone, address)
WARDS = [
    ("ward", "Bắc Hồng", "Bac Hong", "bachong", "0239 3000 201"),
    ("ward", "Nam Hồng", "Nam Hong", "namhong", "0239 3000 202"),
    ("ward", "Trung Lương", "Trung Luong", "trungluong", "0239 3000 203"),
    ("ward", "Đức Thuận", "Duc Thuan", "ducthuan", "0239 3000 204"),
    ("ward", "Đậu Liêu", "Dau Lieu", "daulieu", "0239 3000 205"),
    ("commune", "Thuận Lộc", "Thuan Loc", "thuanloc", "0239 3000 206"),
]

# (name, unit name vi, title vi, title en, order, phone, email slug); invented.
PEOPLE = [
    ("Nguyễn Hồng Sơn", COMMITTEE, "Chủ tịch UBND thị xã",
     "Chairman of the town People's Committee", 1, "0239 3000 111", "chutich"),
    ("Trần Thị Minh Hà", COMMITTEE, "Phó Chủ tịch UBND thị xã",
     "Vice Chairwoman of the town People's Committee", 2, "0239 3000 112",
     "pct.minhha"),
    ("Lê Văn Đức", COMMITTEE, "Phó Chủ tịch UBND thị xã",
     "Vice Chairman of the town People's Committee", 3, "0239 3000 113",
     "pct.vanduc"),
    ("Phan Thị Thu Trang", "Văn phòng HĐND và UBND thị xã", "Chánh Văn phòng",
     "Chief of Office", 1, "0239 3000 121", "thutrang"),
    ("Hoàng Văn Minh", "Phòng Nội vụ", "Trưởng phòng", "Head of Office", 1,
     "0239 3000 122", "vanminh"),
    ("Võ Thị Lan", "Phòng Tài chính – Kế hoạch", "Trưởng phòng", "Head of Office",
     1, "0239 3000 123", "thilan"),
    ("Đặng Quốc Huy", "Phòng Tài nguyên và Môi trường", "Trưởng phòng",
     "Head of Office", 1, "0239 3000 124", "quochuy"),
    ("Bùi Thị Hồng Nhung", "Phòng Giáo dục và Đào tạo", "Trưởng phòng",
     "Head of Office", 1, "0239 3000 125", "hongnhung"),
    ("Ngô Văn Thắng", "Phòng Văn hóa và Thông tin", "Trưởng phòng",
     "Head of Office", 1, "0239 3000 126", "vanthang"),
    ("Trần Đình Long", "UBND phường Bắc Hồng", "Chủ tịch UBND phường",
     "Chairman of the ward People's Committee", 1, "", ""),
    ("Nguyễn Thị Hải Yến", "UBND phường Nam Hồng", "Chủ tịch UBND phường",
     "Chairwoman of the ward People's Committee", 1, "", ""),
    ("Lê Quang Vinh", "UBND phường Trung Lương", "Chủ tịch UBND phường",
     "Chairman of the ward People's Committee", 1, "", ""),
    ("Phạm Văn Hùng", "UBND phường Đức Thuận", "Chủ tịch UBND phường",
     "Chairman of the ward People's Committee", 1, "", ""),
    ("Đinh Thị Thanh Tâm", "UBND phường Đậu Liêu", "Chủ tịch UBND phường",
     "Chairwoman of the ward People's Committee", 1, "", ""),
    ("Hồ Sỹ Nam", "UBND xã Thuận Lộc", "Chủ tịch UBND xã",
     "Chairman of the commune People's Committee", 1, "", ""),
]  # fmt: skip

PAGES = [
    {
        "slug": "lich-su",
        "title_vi": "Lịch sử",
        "title_en": "History",
        "summary_vi": "Vùng đất dưới chân núi Hồng Lĩnh và thị xã từ năm 1992.",
        "summary_en": "The land at the foot of the Hong Linh mountains, and the "
        "town since 1992.",
        "body_vi": "<p>Hồng Lĩnh mang tên dãy núi Hồng Lĩnh (núi Hồng) với chín "
        "mươi chín ngọn, biểu tượng của vùng đất Hà Tĩnh. Dưới chân núi là những "
        "làng quê có truyền thống hiếu học, cần cù và giàu lòng yêu nước.</p>"
        "<p>Thị xã Hồng Lĩnh được thành lập năm 1992, trên cơ sở một phần đất đai "
        "của huyện Can Lộc và huyện Nghi Xuân. Từ đó đến nay, thị xã không ngừng "
        "phát triển, trở thành trung tâm kinh tế, văn hóa phía Bắc tỉnh Hà Tĩnh.</p>"
        "<p><em>Nội dung mẫu của cổng thông tin, để thị xã thay bằng bài viết "
        "chính thức.</em></p>",
        "body_en": "<p>Hong Linh takes its name from the Hong Linh range (Mount "
        "Hong) with its ninety-nine peaks, the emblem of Ha Tinh. At its foot lie "
        "villages known for learning, hard work and love of their country.</p>"
        "<p>Hong Linh town was founded in 1992 from parts of Can Loc and Nghi Xuan "
        "districts. It has grown since into the economic and cultural centre of "
        "northern Ha Tinh.</p>"
        "<p><em>Demo content of the portal, to be replaced by the town's official "
        "text.</em></p>",
    },
    {
        "slug": "dia-ly",
        "title_vi": "Địa lý",
        "title_en": "Geography",
        "summary_vi": "Vị trí, địa hình và giao thông của thị xã.",
        "summary_en": "Where the town lies, its land and its roads.",
        "body_vi": "<p>Thị xã nằm ở phía Bắc tỉnh Hà Tĩnh, tựa lưng vào dãy núi "
        "Hồng Lĩnh, gần thành phố Vinh (Nghệ An). Quốc lộ 1 và đường sắt Bắc – Nam "
        "chạy qua thị xã.</p>"
        '<table><tbody><tr><th scope="row">Diện tích tự nhiên</th><td>khoảng '
        '59 km²</td></tr><tr><th scope="row">Đơn vị hành chính</th><td>5 phường '
        "(Bắc Hồng, Nam Hồng, Trung Lương, Đức Thuận, Đậu Liêu) và xã Thuận Lộc"
        "</td></tr></tbody></table>"
        "<p><em>Số liệu mẫu, làm tròn.</em></p>",
        "body_en": "<p>The town lies in the north of Ha Tinh province, against the "
        "Hong Linh mountains, near the city of Vinh (Nghe An). National Highway 1 "
        "and the North–South railway run through it.</p>"
        '<table><tbody><tr><th scope="row">Area</th><td>about 59 km²</td></tr>'
        '<tr><th scope="row">Administrative units</th><td>5 wards (Bac Hong, Nam '
        "Hong, Trung Luong, Duc Thuan, Dau Lieu) and Thuan Loc commune</td></tr>"
        "</tbody></table><p><em>Demo figures, rounded.</em></p>",
    },
    {
        "slug": "dan-so",
        "title_vi": "Dân số",
        "title_en": "Population",
        "summary_vi": "Dân số và lao động của thị xã.",
        "summary_en": "The town's population and workforce.",
        "body_vi": "<p>Thị xã có khoảng 38.000 người (số liệu mẫu, làm tròn), "
        "sống ở 5 phường và 1 xã. Phần lớn lao động làm việc trong thương mại, "
        "dịch vụ, công nghiệp – tiểu thủ công nghiệp và nông nghiệp.</p>",
        "body_en": "<p>About 38,000 people (a rounded demo figure) live in the "
        "town's five wards and one commune. Most work in trade, services, industry "
        "and handicrafts, and farming.</p>",
    },
]


def _unit(name_vi, name_en, *, kind, level, parent, order, **fields):
    unit = Unit.objects.filter(key=name_key(name_vi)).first()
    if unit is None:
        unit = Unit(name=name_vi, name_vi=name_vi, name_en=name_en, level=level)
    unit.kind, unit.parent, unit.order, unit.is_public = kind, parent, order, True
    for field, value in fields.items():
        if not getattr(unit, field):
            setattr(unit, field, value)
    unit.save()
    return unit


def load() -> str:
    levels = {level.code: level for level in Level.objects.all()}
    committee = _unit(
        COMMITTEE,
        "People's Committee of Hong Linh town",
        kind=Unit.Kind.COMMITTEE,
        level=levels["huyen"],
        parent=None,
        order=0,
        address="Số 1 đường Trần Phú, thị xã Hồng Lĩnh, tỉnh Hà Tĩnh",
        phone="0239 3000 100",
        email=f"ubnd@{EMAIL_DOMAIN}",
        functions_vi=COMMITTEE_FUNCTIONS_VI,
        functions_en=COMMITTEE_FUNCTIONS_EN,
    )
    for order, (vi, en, mail, phone, functions_vi, functions_en) in enumerate(
        OFFICES, 1
    ):
        _unit(
            vi,
            en,
            kind=Unit.Kind.OFFICE,
            level=levels["don-vi"],
            parent=committee,
            order=order,
            address="Trụ sở UBND thị xã Hồng Lĩnh",
            phone=phone,
            email=f"{mail}@{EMAIL_DOMAIN}",
            functions_vi=f"<p>{functions_vi}</p>",
            functions_en=f"<p>{functions_en}</p>",
        )
    for order, (kind, vi, en, mail, phone) in enumerate(WARDS, 1):
        word_vi, word_en = ("phường", "ward") if kind == "ward" else ("xã", "commune")
        _unit(
            f"UBND {word_vi} {vi}",
            f"People's Committee of {en} {word_en}",
            kind=kind,
            level=levels["xa"],
            parent=committee,
            order=20 + order,
            address=f"{word_vi.capitalize()} {vi}, thị xã Hồng Lĩnh, tỉnh Hà Tĩnh",
            phone=phone,
            email=f"{mail}@{EMAIL_DOMAIN}",
            aliases=f"{word_vi.capitalize()} {vi}",
        )
    for name, unit_name, title_vi, title_en, order, phone, mail in PEOPLE:
        person, _ = Person.objects.get_or_create(
            name=name,
            defaults={
                "phone": phone,
                "email": f"{mail}@{EMAIL_DOMAIN}" if mail else "",
            },
        )
        Position.objects.get_or_create(
            person=person,
            unit=Unit.objects.get(key=name_key(unit_name)),
            title_vi=title_vi,
            defaults={
                "title": title_vi,
                "title_en": title_en,
                "order": order,
                "is_leader": True,
            },
        )
    for order, page in enumerate(PAGES, 1):
        AboutPage.objects.get_or_create(
            slug=page["slug"],
            defaults={**page, "title": page["title_vi"], "order": order},
        )
    return (
        f"{Unit.objects.public().count()} units, {Person.objects.count()} people, "
        f"{AboutPage.objects.count()} town pages"
    )
