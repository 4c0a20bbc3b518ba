"""Site search at scale: median time of a few searches, and the query plan.

    python benchmarks/search.py                      # PostgreSQL, 100 000 articles
    BENCH_ARTICLES=5000 python benchmarks/search.py  # fewer
    BENCH_DB=sqlite python benchmarks/search.py      # SQLite (default 10 000)

PostgreSQL: a throw-away database ``portal_bench_<pid>`` on the server of
``BENCH_DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/postgres),
dropped at the end. SQLite: a temporary file. Articles are made with
bulk_create from random Vietnamese syllables; about 1 in 1000 has the phrase
"quốc phòng toàn dân" and 1 in 20 000 the word "Xuân Lộc".
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

ENGINE = os.environ.get("BENCH_DB", "postgresql")
ARTICLES = int(
    os.environ.get("BENCH_ARTICLES", "100000" if ENGINE == "postgresql" else "10000")
)
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
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
        f"sqlite:///{tempfile.mkdtemp(prefix='portal-bench-')}/search.sqlite3"
    )

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from news.models import Article, Category  # noqa: E402
from search import engine as search  # noqa: E402

SYLLABLES = (
    "ủy ban nhân dân thị xã hồng lĩnh hà tĩnh phường bắc nam trung đậu liêu "
    "đức thuận xây dựng nông thôn mới đô thị văn minh kinh tế xã hội giáo dục "
    "y tế môi trường hội nghị tổng kết công tác năm kế hoạch triển khai nhiệm vụ "
    "đồng chí bí thư chủ tịch phó đại biểu nhân dân cán bộ đảng viên chi bộ "
    "phát triển sản xuất nông nghiệp thương mại dịch vụ du lịch lễ hội đền chợ "
    "củi mùa lũ cứu trợ an ninh trật tự thanh niên phụ nữ cựu chiến binh học "
    "sinh trường tiểu học thi đua khen thưởng tập thể cá nhân xuất sắc"
).split()


def paragraph(rng, words):
    return " ".join(rng.choice(SYLLABLES) for _ in range(words)).capitalize() + "."


def fill(count):
    rng = random.Random(4)
    categories = [
        Category.objects.create(name_vi=f"Chuyên mục {n}", name_en=f"Category {n}")
        for n in range(5)
    ]
    now = timezone.now()
    batch = []
    for index in range(count):
        body = [paragraph(rng, 40), paragraph(rng, 40), paragraph(rng, 30)]
        if index % 1000 == 7:
            body[1] += " Xây dựng nền quốc phòng toàn dân vững mạnh."
        if index % 20000 == 11:
            body[0] += " Đoàn công tác xã Xuân Lộc."
        article = Article(
            title_vi=paragraph(rng, 10),
            title_en=f"Article {index}",
            slug=f"bai-viet-{index}",
            summary_vi=paragraph(rng, 20),
            body_vi="".join(f"<p>{text}</p>" for text in body),
            category=categories[index % 5],
            status=Article.Status.PUBLISHED,
            publish_at=now - timezone.timedelta(minutes=index),
        )
        article.search_title, article.search_text = article.search_fields()
        batch.append(article)
        if len(batch) == 2000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)


def median_ms(query):
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        results = search.site_search(query=query, page=1)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), results.count


def main():
    print(f"{connection.vendor}: {ARTICLES} articles")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill(ARTICLES)
    print(f"filled in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE news_article")
    queries = [
        "Xuân Lộc",
        "xuan loc",
        '"quốc phòng toàn dân"',
        "quoc phong toan dan",
        "hội nghị tổng kết",
        "hồng lĩnh",
        "không có từ này",
    ]
    for query in queries:
        ms, count = median_ms(query)
        print(f"{query!r:28} {count:>7} results   median {ms:8.1f} ms")
    plan = search._matching(
        Article.objects.published(), search.parse_query("Xuân Lộc")
    ).explain()
    index = "news_article_search_idx" if connection.vendor == "postgresql" else None
    print("plan:", plan.replace("\n", " | "))
    if index:
        print(f"GIN index used: {index in plan}")


if __name__ == "__main__":
    try:
        main()
    finally:
        if ENGINE == "postgresql":
            connection.close()
            _server(f"DROP DATABASE IF EXISTS {BENCH_DB_NAME}")
