"""Commendation import at the size of a province's year: 10 000 rows.

    python benchmarks/awards_import.py                        # SQLite, 10 000 rows
    BENCH_DB=postgresql python benchmarks/awards_import.py    # PostgreSQL
    BENCH_ROWS=2000 BENCH_DECISIONS=20 python benchmarks/awards_import.py

Makes an .xlsx file with openpyxl (invented but realistic Vietnamese names,
about 100 rows a decision, some people honoured in several decisions), then
prints the time to parse it, to import it, the SQL queries of the import, and
the time to import it again (which adds nothing); then the same file through
the admin: the preview request and the confirm request.

SQLite: a temporary file. PostgreSQL: a throw-away database
``portal_bench_<pid>`` on the server of ``BENCH_DATABASE_URL`` (default
postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
"""

import io
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

ENGINE = os.environ.get("BENCH_DB", "sqlite")
ROWS = int(os.environ.get("BENCH_ROWS", "10000"))
DECISIONS = int(os.environ.get("BENCH_DECISIONS", "100"))
SERVER_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
BENCH_DB_NAME = f"portal_bench_{os.getpid()}"


def _server(sql):
    import psycopg2

    connection = psycopg2.connect(SERVER_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


if ENGINE == "postgresql":
    _server(f"CREATE DATABASE {BENCH_DB_NAME}")
    parts = urlsplit(SERVER_URL)
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{BENCH_DB_NAME}"))
else:
    os.environ["DATABASE_URL"] = (
        f"sqlite:///{tempfile.mkdtemp(prefix='portal-bench-')}/awards.sqlite3"
    )

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from awards.models import Award, Decision, Recipient, RecipientKey  # noqa: E402
from awards.services import HEADERS, awards_import, awards_parse  # noqa: E402

FAMILY = (
    "Nguyễn Nguyễn Nguyễn Trần Trần Lê Lê Phạm Hoàng Phan Võ Đặng Bùi Đỗ Hồ Ngô "
    "Dương Lý Đinh Thái Hà Chu Mai Tạ"
).split()
MIDDLE = (
    "Văn Văn Thị Thị Hữu Đức Minh Thanh Quốc Xuân Ngọc Thu Đình Công Kim Bảo Hồng"
).split()
GIVEN = (
    "An Anh Bình Cường Chung Dũng Duy Giang Hà Hải Hạnh Hiếu Hòa Hùng Hương Khánh "
    "Lan Linh Long Mai Nam Nga Nghĩa Phúc Phương Quang Quý Sơn Tâm Thảo Thắng Trang "
    "Trung Tuấn Tùng Vân Việt Yến Lĩnh Ngân Đạt Lộc Thủy Hằng Nhung Khoa"
).split()
PLACES = (
    "Hồng Lĩnh|Cẩm Xuyên|Thạch Hà|Can Lộc|Hương Sơn|Đức Thọ|Nghi Xuân|Kỳ Anh|"
    "Hương Khê|Vũ Quang|Lộc Hà|Thạch Hà|Cẩm Xuyên"
).split("|")
UNITS = [
    "Trường THCS {place}",
    "Trường Tiểu học {place}",
    "Trường THPT {place}",
    "Trạm Y tế xã {place}",
    "Phòng Tài chính - Kế hoạch huyện {place}",
    "Phòng Giáo dục và Đào tạo huyện {place}",
    "Ban Chỉ huy Quân sự huyện {place}",
    "Công an huyện {place}",
    "UBND xã {place}",
    "Hội Nông dân huyện {place}",
    "Bệnh viện Đa khoa huyện {place}",
]
POSITIONS = [
    "Giáo viên",
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Chuyên viên",
    "Bác sĩ",
    "Y sĩ",
    "Chỉ huy trưởng",
    "Chủ tịch Hội",
    "Kế toán",
    "",
]
ACHIEVEMENTS = [
    "Đã có thành tích xuất sắc trong công tác năm học {year} - {next}",
    "Đã có thành tích xuất sắc trong phong trào thi đua năm {year}",
    "Đã hoàn thành xuất sắc nhiệm vụ năm {year}",
    "Đã có thành tích xuất sắc trong xây dựng nông thôn mới năm {year}",
]
# (issuer, forms for individuals, forms for collectives, signer)
ISSUERS = [
    (
        "UBND tỉnh Hà Tĩnh",
        ["Bằng khen", "Chiến sĩ thi đua cấp tỉnh"],
        ["Bằng khen", "Tập thể lao động xuất sắc", "Cờ thi đua"],
        "Võ Trọng Hải",
    ),
    (
        "UBND thị xã Hồng Lĩnh",
        ["Giấy khen", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"],
        ["Giấy khen", "Tập thể lao động tiên tiến"],
        "Nguyễn Hồng Sơn",
    ),
]


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def unit(rng):
    return rng.choice(UNITS).format(place=rng.choice(PLACES))


def workbook_bytes(rows, decisions):
    """An import file of ``rows`` rows in ``decisions`` decisions."""
    rng = random.Random(2024)
    # A pool smaller than the rows, so that some people recur across decisions.
    people = [(person(rng), rng.choice(POSITIONS), unit(rng)) for _ in range(rows)]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Khen thưởng")
    sheet.append(HEADERS)
    per_decision, extra = divmod(rows, decisions)
    for index in range(decisions):
        issuer, individual_forms, collective_forms, signer = ISSUERS[
            0 if index % 5 else 1
        ]
        year = 2015 + index % 10
        number = f"{1000 + index}/QĐ-{'UBND' if index % 5 else 'UBND.TX'}"
        date = f"{1 + index % 28:02d}/{1 + index % 12:02d}/{year + 1}"
        achievement = rng.choice(ACHIEVEMENTS).format(year=year, next=year + 1)
        seen = set()
        count = per_decision + (1 if index < extra else 0)
        order = 0
        while order < count:
            if rng.random() < 0.15:
                kind, name, position = "Tập thể", unit(rng), ""
                award, unit_name = rng.choice(collective_forms), ""
            else:
                name, position, unit_name = rng.choice(people)
                kind, award = "Cá nhân", rng.choice(individual_forms)
            if (kind, name, unit_name, award) in seen:
                continue
            seen.add((kind, name, unit_name, award))
            order += 1
            sheet.append(
                [
                    order,
                    number,
                    date,
                    issuer,
                    signer,
                    award,
                    kind,
                    name,
                    position,
                    unit_name,
                    achievement,
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def forget_imports():
    Award.objects.all().delete()
    Decision.objects.all().delete()
    RecipientKey.objects.all().delete()
    Recipient.objects.all().delete()


def main():
    translation.activate("vi")
    call_command("migrate", verbosity=0)
    data, seconds = timed(lambda: workbook_bytes(ROWS, DECISIONS))
    print(
        f"{connection.vendor}: {ROWS} rows in {DECISIONS} decisions, "
        f"file {len(data) / 1024:.0f} KiB, made in {seconds:.1f} s"
    )
    parsed, seconds = timed(lambda: awards_parse(file=io.BytesIO(data)))
    print(f"parse      {seconds:6.2f} s   ({len(parsed.rows)} rows)")
    with CaptureQueriesContext(connection) as queries:
        report, seconds = timed(lambda: awards_import(parsed=parsed))
    print(
        f"import     {seconds:6.2f} s   {len(queries)} SQL queries   "
        f"{report.decisions_created} decisions, {report.awards_created} rows, "
        f"{Recipient.objects.count()} recipients"
    )
    with CaptureQueriesContext(connection) as queries:
        report, seconds = timed(lambda: awards_import(file=io.BytesIO(data)))
    print(
        f"re-import  {seconds:6.2f} s   {len(queries)} SQL queries   "
        f"(parse included; {report.awards_created} rows added, "
        f"{report.awards_existing} already recorded)"
    )
    forget_imports()
    admin_requests(data)


def admin_requests(data):
    """The admin's preview and confirm requests, through Django's test client."""
    user = get_user_model().objects.create_superuser(
        "bench", "bench@example.org", "bench-password"
    )
    client = Client()
    client.force_login(user)
    url = reverse("admin:awards_decision_import")
    upload = io.BytesIO(data)
    upload.name = "khen-thuong.xlsx"
    response, seconds = timed(lambda: client.post(url, {"file": upload}))
    if response.status_code != 200:
        raise SystemExit(f"preview: HTTP {response.status_code}")
    print(
        f"admin preview request  {seconds:6.2f} s   "
        f"{len(response.content) / 1024:.0f} KiB of HTML"
    )
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]
    response, seconds = timed(
        lambda: client.post(url, {"confirm": "1", "token": token})
    )
    if response.status_code != 302:
        raise SystemExit(f"confirm: HTTP {response.status_code}")
    print(
        f"admin confirm request  {seconds:6.2f} s   "
        f"{Award.objects.count()} rows recorded"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        if ENGINE == "postgresql":
            connection.close()
            _server(f"DROP DATABASE IF EXISTS {BENCH_DB_NAME}")
