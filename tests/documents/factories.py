import datetime
import io

import factory
import openpyxl
from django.core.files.base import ContentFile

from documents.models import (
    Comment,
    Document,
    DocumentField,
    DocumentFile,
    DocumentType,
    Draft,
)
from documents.pdf import simple_pdf
from documents.services import HEADERS
from organisation.models import Unit


def town():
    return Unit.objects.get(key="ubnd thị xã hồng lĩnh")


def province():
    return Unit.objects.get(key="ubnd tỉnh hà tĩnh")


def doc_type(slug="quyet-dinh"):
    return DocumentType.objects.get(slug=slug)


def field(slug="cai-cach-hanh-chinh"):
    return DocumentField.objects.get(slug=slug)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    document_type = factory.LazyFunction(doc_type)
    number = factory.Sequence(lambda n: f"{100 + n}/QĐ-UBND")
    issuer = factory.LazyFunction(town)
    signer_name = "Nguyễn Hồng Sơn"
    signer_title = "Chủ tịch UBND thị xã"
    field = factory.LazyFunction(field)
    issued_on = datetime.date(2026, 1, 12)
    effective_on = datetime.date(2026, 1, 12)
    excerpt_vi = "Về việc ban hành Quy chế tiếp công dân"


def pdf_file(name="Quyết định số 1234.pdf", lines=("Quyet dinh",)):
    return ContentFile(simple_pdf(list(lines)), name=name)


def attach(document, name="Quyết định số 1234.pdf", content=None):
    attachment = DocumentFile(
        document=document,
        file=ContentFile(content, name=name) if content is not None else pdf_file(name),
    )
    attachment.save()
    return attachment


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    title_vi = factory.Sequence(lambda n: f"Dự thảo quy chế số {n}")
    document_type = factory.LazyFunction(doc_type)
    issuer = factory.LazyFunction(town)
    excerpt_vi = "Dự thảo quy chế quản lý chợ"
    opens_on = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=2)
    )
    closes_on = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=10)
    )


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    draft = factory.SubFactory(DraftFactory)
    name = "Phạm Thị Hoa"
    email = "hoa@example.org"
    phone = "0912345678"
    body = "Đề nghị bố trí thêm chỗ để xe cho người đi chợ."
    status = Comment.Status.APPROVED


def xlsx(rows, headers=HEADERS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if headers is not None:
        sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "van-ban.xlsx"
    return buffer


def row(
    number="15/KH-UBND",
    kind="Kế hoạch",
    issuer="UBND thị xã Hồng Lĩnh",
    issued="12/01/2026",
    status="Còn hiệu lực",
    excerpt="Kế hoạch phòng chống bão, lũ năm 2026",
    files="Kế hoạch 15.pdf",
    field="Cải cách hành chính",
    effective="12/01/2026",
    expires="",
):
    return [1, number, kind, issuer, "Nguyễn Hồng Sơn", "Chủ tịch", field, issued,
            effective, expires, status, excerpt, "", files]  # fmt: skip
