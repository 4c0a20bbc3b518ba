"""Demo documents of Hồng Lĩnh town, written for this portal: the numbers are
realistic in form, not those of real documents. Each has a small PDF made in
code (documents.pdf). One document replaces another, one amends another, one
guides a plan; one draft is open for comments, one closed with its report."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from core.text import name_key, search_key
from organisation.models import Level, Unit

from .models import (
    Comment,
    Document,
    DocumentField,
    DocumentFile,
    DocumentRelation,
    DocumentType,
    Draft,
)
from .pdf import simple_pdf

TOWN = "UBND thị xã Hồng Lĩnh"
COUNCIL = ("HĐND thị xã Hồng Lĩnh", "People's Council of Hong Linh town")
SIGNER = ("Nguyễn Hồng Sơn", "Chủ tịch UBND thị xã")
DEPUTY = ("Trần Thị Lan Anh", "Phó Chủ tịch UBND thị xã")

# key, type, number, date, field slug, status, excerpt vi, excerpt en
DOCUMENTS = [
    (
        "plan",
        "ke-hoach",
        "15/KH-UBND",
        "2026-01-12",
        "nong-nghiep-phong-chong-thien-tai",
        "in_force",
        "Kế hoạch phòng chống bão, lũ, thiên tai và tìm kiếm cứu nạn năm 2026 trên "
        "địa bàn thị xã Hồng Lĩnh",
        "Plan for storm, flood and disaster prevention and search and rescue in "
        "Hong Linh town in 2026",
    ),
    (
        "guide",
        "huong-dan",
        "05/HD-UBND",
        "2026-01-20",
        "nong-nghiep-phong-chong-thien-tai",
        "in_force",
        "Hướng dẫn các phường, xã thực hiện Kế hoạch phòng chống bão, lũ năm 2026: "
        "phương án sơ tán dân vùng trũng ven sông La",
        "Guidance for wards and communes on the 2026 storm and flood plan: "
        "evacuating low-lying areas along the La river",
    ),
    (
        "portal",
        "quyet-dinh",
        "1234/QĐ-UBND",
        "2025-06-02",
        "cai-cach-hanh-chinh",
        "amended",
        "Quyết định ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử "
        "thị xã Hồng Lĩnh",
        "Decision issuing the rules for managing and running the Hong Linh town "
        "web portal",
    ),
    (
        "portal-amend",
        "quyet-dinh",
        "777/QĐ-UBND",
        "2026-02-10",
        "cai-cach-hanh-chinh",
        "in_force",
        "Quyết định sửa đổi, bổ sung một số điều của Quy chế quản lý Cổng thông "
        "tin điện tử thị xã ban hành kèm theo Quyết định số 1234/QĐ-UBND",
        "Decision amending some articles of the web portal rules issued with "
        "Decision 1234/QĐ-UBND",
    ),
    (
        "reception-old",
        "quyet-dinh",
        "500/QĐ-UBND",
        "2023-03-15",
        "noi-vu-thi-dua-khen-thuong",
        "replaced",
        "Quyết định ban hành Quy chế tiếp công dân của Ủy ban nhân dân thị xã",
        "Decision issuing the rules for receiving citizens at the town People's "
        "Committee",
    ),
    (
        "reception",
        "quyet-dinh",
        "900/QĐ-UBND",
        "2025-09-05",
        "noi-vu-thi-dua-khen-thuong",
        "in_force",
        "Quyết định ban hành Quy chế tiếp công dân (thay thế Quyết định số "
        "500/QĐ-UBND ngày 15/3/2023)",
        "Decision issuing the rules for receiving citizens (replacing Decision "
        "500/QĐ-UBND of 15 March 2023)",
    ),
    (
        "fire",
        "chi-thi",
        "02/CT-UBND",
        "2026-04-01",
        "quoc-phong-an-ninh",
        "in_force",
        "Chỉ thị về tăng cường công tác phòng cháy, chữa cháy rừng trên núi Hồng "
        "Lĩnh mùa nắng nóng năm 2026",
        "Directive on preventing and fighting forest fires on Hong Linh mountain "
        "in the hot season of 2026",
    ),
    (
        "reception-days",
        "thong-bao",
        "45/TB-UBND",
        "2026-03-25",
        "noi-vu-thi-dua-khen-thuong",
        "in_force",
        "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND thị xã quý II năm 2026",
        "Notice of the town chairman's citizen reception days in the second "
        "quarter of 2026",
    ),
    (
        "tax",
        "cong-van",
        "120/UBND-TCKH",
        "2026-05-06",
        "tai-chinh-ngan-sach",
        "in_force",
        "V/v đôn đốc nộp thuế sử dụng đất phi nông nghiệp năm 2026",
        "On collecting the 2026 non-agricultural land use tax",
    ),
    (
        "report",
        "bao-cao",
        "310/BC-UBND",
        "2025-12-18",
        "tai-chinh-ngan-sach",
        "in_force",
        "Báo cáo tình hình kinh tế - xã hội năm 2025, phương hướng nhiệm vụ năm 2026 "
        "của thị xã Hồng Lĩnh",
        "Report on the economy and society of Hong Linh town in 2025 and the tasks "
        "for 2026",
    ),
    (
        "tourism",
        "to-trinh",
        "88/TTr-UBND",
        "2025-10-08",
        "van-hoa-the-thao-va-du-lich",
        "in_force",
        "Tờ trình đề nghị phê duyệt Đề án phát triển du lịch núi Hồng Lĩnh gắn với "
        "khu di tích chùa Hương Tích giai đoạn 2026 - 2030",
        "Submission of the scheme for tourism on Hong Linh mountain and the Huong "
        "Tich pagoda relic site, 2026 - 2030",
    ),
    (
        "council",
        "nghi-quyet",
        "10/2025/NQ-HĐND",
        "2025-07-20",
        "xay-dung-quy-hoach-do-thi",
        "in_force",
        "Nghị quyết về Chương trình phát triển đô thị thị xã Hồng Lĩnh đến năm 2030",
        "Resolution on the urban development programme of Hong Linh town to 2030",
    ),
]
RELATIONS = [
    ("guide", "guides", "plan"),
    ("portal-amend", "amends", "portal"),
    ("reception", "replaces", "reception-old"),
]


def _unit(name, english=""):
    unit = Unit.objects.filter(key=name_key(name)).first()
    if unit is None:
        unit = Unit(
            name_vi=name, name_en=english, level=Level.objects.get(code="huyen")
        )
        unit.save()
    return unit


def _attach(owner_field, owner, name, lines):
    if DocumentFile.objects.filter(**{owner_field: owner}).exists():
        return
    DocumentFile(
        **{owner_field: owner}, file=ContentFile(simple_pdf(lines), name=name)
    ).save()


def load() -> str:
    town = _unit(TOWN)
    council = _unit(*COUNCIL)
    types = {t.slug: t for t in DocumentType.objects.all()}
    fields = {f.slug: f for f in DocumentField.objects.all()}
    documents = {}
    for key, type_slug, number, issued, field, status, vi, en in DOCUMENTS:
        issued_on = datetime.date.fromisoformat(issued)
        issuer = council if "HĐND" in number else town
        signer = SIGNER if key in ("plan", "portal", "reception") else DEPUTY
        document = Document.objects.filter(
            issuer=issuer, number_key=search_key(number), year=issued_on.year
        ).first()
        if document is None:
            document = Document(
                document_type=types[type_slug],
                number=number,
                issuer=issuer,
                signer_name="Lê Văn Hùng" if issuer == council else signer[0],
                signer_title="Chủ tịch HĐND thị xã" if issuer == council else signer[1],
                field=fields.get(field),
                issued_on=issued_on,
                effective_on=issued_on,
                status=status,
                excerpt_vi=vi,
                excerpt_en=en,
                body_vi=f"<p>{vi}.</p><p>Ban hành kèm theo văn bản này các nội dung "
                "chi tiết; các phòng, ban, UBND các phường, xã căn cứ thực hiện.</p>",
            )
            if key == "reception-old":
                document.expires_on = datetime.date(2025, 9, 5)
            document.save()
        documents[key] = document
        label = types[type_slug].name_vi
        _attach(
            "document",
            document,
            f"{label} {number.replace('/', '-')}.pdf",
            [f"{TOWN.upper()}", f"{label} so {number}", vi[:85], vi[85:170]],
        )
    for source, kind, target in RELATIONS:
        DocumentRelation.objects.get_or_create(
            source=documents[source], kind=kind, target=documents[target]
        )
    drafts = _drafts(town, types, fields)
    return f"{len(documents)} documents, {drafts} drafts for consultation"


def _drafts(town, types, fields):
    today = timezone.localdate()
    open_draft, created = Draft.objects.get_or_create(
        title_vi="Dự thảo Quy chế quản lý chợ Hồng Lĩnh",
        defaults={
            "title_en": "Draft rules for managing Hong Linh market",
            "document_type": types["quyet-dinh"],
            "issuer": town,
            "field": fields.get("tai-chinh-ngan-sach"),
            "excerpt_vi": "Dự thảo Quyết định ban hành Quy chế quản lý, khai thác chợ "
            "Hồng Lĩnh: bố trí ngành hàng, vệ sinh môi trường, phòng cháy chữa cháy.",
            "excerpt_en": "Draft decision on the rules for running Hong Linh market: "
            "trading areas, cleanliness, fire safety.",
            "body_vi": "<p>Điều 1. Phạm vi điều chỉnh…</p><p>Điều 2. Đối tượng áp "
            "dụng…</p>",
            "opens_on": today - datetime.timedelta(days=5),
            "closes_on": today + datetime.timedelta(days=25),
        },
    )
    if created:
        _attach(
            "draft",
            open_draft,
            "Dự thảo quy chế chợ Hồng Lĩnh.pdf",
            ["DU THAO", "Quy che quan ly cho Hong Linh"],
        )
        for name, body in (
            (
                "Phạm Thị Hoa",
                "Đề nghị bố trí thêm khu vực để xe cho người đi chợ "
                "ở phía đường Trần Phú, tránh ùn tắc giờ cao điểm buổi sáng.",
            ),
            (
                "Võ Văn Tâm",
                "Nên quy định rõ giờ thu gom rác cuối ngày và trách nhiệm "
                "của từng hộ kinh doanh trong việc giữ vệ sinh chung.",
            ),
        ):
            Comment.objects.create(
                draft=open_draft,
                name=name,
                phone="0912 345 678",
                body=body,
                status=Comment.Status.APPROVED,
            )
    closed, created = Draft.objects.get_or_create(
        title_vi="Dự thảo Kế hoạch chỉnh trang đô thị phường Bắc Hồng năm 2026",
        defaults={
            "title_en": "Draft plan for upgrading Bac Hong ward in 2026",
            "document_type": types["ke-hoach"],
            "issuer": town,
            "field": fields.get("xay-dung-quy-hoach-do-thi"),
            "excerpt_vi": "Dự thảo Kế hoạch lát vỉa hè, trồng cây xanh và chiếu sáng "
            "các tuyến phố chính của phường Bắc Hồng.",
            "excerpt_en": "Draft plan for paving, trees and street lighting on the "
            "main streets of Bac Hong ward.",
            "opens_on": today - datetime.timedelta(days=90),
            "closes_on": today - datetime.timedelta(days=60),
            "report_vi": "<p>UBND thị xã đã nhận 14 ý kiến. Tiếp thu: bổ sung chiếu "
            "sáng ngõ xóm, ưu tiên cây bóng mát bản địa. Giải trình: chưa mở rộng "
            "lòng đường do chưa có kinh phí giải phóng mặt bằng.</p>",
            "report_en": "<p>The town received 14 comments. Taken on board: lighting "
            "for lanes, native shade trees. Not taken: widening the road, for lack "
            "of funds for clearance.</p>",
        },
    )
    return 2
