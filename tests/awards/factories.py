import datetime
import io

import factory
import openpyxl

from awards.models import Award, AwardForm, Decision
from awards.services import HEADERS
from organisation.models import Unit


def town():
    return Unit.objects.get(key="ubnd thị xã hồng lĩnh")


def province():
    return Unit.objects.get(key="ubnd tỉnh hà tĩnh")


def form(slug="giay-khen"):
    return AwardForm.objects.get(slug=slug)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    number = factory.Sequence(lambda n: f"{100 + n}/QĐ-UBND")
    date = datetime.date(2019, 12, 5)
    issuer = factory.LazyFunction(town)
    signer_name = "Nguyễn Hồng Sơn"
    signer_title_vi = "Chủ tịch UBND thị xã"
    achievement_vi = (
        "Đã có thành tích xuất sắc trong 10 năm xây dựng nền Quốc phòng toàn dân"
    )
    status = Decision.Status.ISSUED


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    decision = factory.SubFactory(DecisionFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = Award.Kind.INDIVIDUAL
    name = factory.Sequence(lambda n: f"Nguyễn Văn Cán Bộ {n}")
    position = "Chỉ huy trưởng"
    unit = "Ban CHQS phường Bắc Hồng"
    form = factory.LazyFunction(form)


def xlsx(rows, headers=HEADERS):
    """An .xlsx file (bytes in a BytesIO) with these rows under the headers."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if headers is not None:
        sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "khen-thuong.xlsx"
    return buffer


def row(
    order=1,
    number="163/QĐ-UBND",
    date="05/12/2019",
    issuer="UBND thị xã Hồng Lĩnh",
    signer="Nguyễn Hồng Sơn",
    award="Giấy khen",
    kind="Cá nhân",
    name="Nguyễn Văn A",
    position="Chỉ huy trưởng",
    unit="Ban CHQS phường Bắc Hồng",
    achievement="Đã có thành tích xuất sắc",
):
    return [order, number, date, issuer, signer, award, kind, name, position, unit,
            achievement]  # fmt: skip


def many_rows(count, decisions=1, first_number=1, first_person=0):
    """``count`` good rows spread over ``decisions`` decisions of the town,
    each naming another person."""
    return [
        row(
            index + 1,
            number=f"{first_number + index % decisions}/QĐ-UBND",
            name=f"Nguyễn Văn Người Số {first_person + index}",
            unit=f"Tổ dân phố {index % 7}",
        )
        for index in range(count)
    ]
