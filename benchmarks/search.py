"""Site search at scale: p50 and p95 of each class of query, and the plans.

    python benchmarks/search.py                      # PostgreSQL, 100 000 articles
    BENCH_ARTICLES=5000 python benchmarks/search.py  # fewer
    BENCH_REPEAT=60 python benchmarks/search.py      # more timings per query
    BENCH_DB=sqlite python benchmarks/search.py      # SQLite (default 10 000)
    BENCH_KEEP=1 python benchmarks/search.py         # keep the database, print its name
    BENCH_REUSE=portal_bench_123 python benchmarks/search.py  # migrate and reuse it

PostgreSQL: a throw-away database ``portal_bench_<pid>`` on the server of
``BENCH_DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/postgres),
dropped at the end unless kept. SQLite: a temporary file. Articles are made
with bulk_create from random Vietnamese syllables, so a common syllable is in
about half of them; about 1 in 1000 has the phrase "quốc phòng toàn dân" and
1 in 20 000 the words "Xuân Lộc". Each query runs ``BENCH_REPEAT`` times after
one warm-up run (the machine is shared: read the p95, not the best run).
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
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
SERVER_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REUSE = os.environ.get("BENCH_REUSE", "")
KEEP = bool(os.environ.get("BENCH_KEEP")) or bool(REUSE)
BENCH_DB_NAME = REUSE or f"portal_bench_{os.getpid()}"

# (class, query, page): the classes the README promises a time for.
QUERIES = [
    ("rare word", "Xuân Lộc", 1),
    ("rare word", "xuan loc", 1),
    ("phrase", '"quốc phòng toàn dân"', 1),
    ("phrase", "quoc phong toan dan", 1),
    ("no match", "không có từ này", 1),
    ("no match", "hồng xyzzy", 1),
    ("common words", "hồng lĩnh", 1),
    ("common words", "hội nghị tổng kết", 1),
    ("common words", "nhân dân", 1),
    ("common words", "hồng lĩnh", 5),
    # Not a promised class: the last listed pages (the 1,000th result).
    ("deep page", "hồng lĩnh", 100),
    ("deep page", "nhân dân", 100),
    ("deep page", "quoc phong toan dan", 10),
]


def _server(sql):
    import psycopg2

    connection = psycopg2.connect(SERVER_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


if ENGINE == "postgresql":
    if not REUSE:
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
from django.test.utils import CaptureQueriesContext  # noqa: E402
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


def percentile(times, fraction):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(query, page):
    search.site_search(query=query, page=page)  # warm-up
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        results = search.site_search(query=query, page=page)
        times.append((time.perf_counter() - started) * 1000)
    return times, results


def explain(query, page):
    """EXPLAIN ANALYZE of every statement one search runs (PostgreSQL)."""
    with CaptureQueriesContext(connection) as queries:
        search.site_search(query=query, page=page)
    for number, captured in enumerate(queries.captured_queries, start=1):
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {captured['sql']}"
            )
            plan = "\n".join(f"      {row[0]}" for row in cursor.fetchall())
        print(f"  statement {number}: {captured['sql'][:160]}…\n{plan}")


def main():
    print(f"{connection.vendor}: {ARTICLES} articles, {REPEAT} runs per query")
    call_command("migrate", verbosity=0)
    if not Article.objects.exists():
        started = time.perf_counter()
        fill(ARTICLES)
        print(f"filled in {time.perf_counter() - started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE news_article")
    by_class = {}
    for kind, query, page in QUERIES:
        times, results = timed(query, page)
        by_class.setdefault(kind, []).extend(times)
        shown = f"more than {results.count}" if results.more else str(results.count)
        print(
            f"{kind:13} {query!r:24} p.{page:<2} {shown:>16} results   "
            f"p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"
        )
    print("per class (all its queries' runs together):")
    for kind, times in by_class.items():
        print(
            f"  {kind:13} p50 {statistics.median(times):7.1f} ms   "
            f"p95 {percentile(times, 0.95):7.1f} ms   max {max(times):7.1f} ms"
        )
    if connection.vendor == "postgresql":
        print("plans of the common-word query 'hồng lĩnh', page 1:")
        explain("hồng lĩnh", 1)


if __name__ == "__main__":
    try:
        main()
    finally:
        if ENGINE == "postgresql":
            connection.close()
            if KEEP:
                print(f"kept database {BENCH_DB_NAME}")
            else:
                _server(f"DROP DATABASE IF EXISTS {BENCH_DB_NAME}")
