"""Server time and SQL queries per public page, at two sizes of content.

Run with `make bench`. It builds a throw-away SQLite database, fills it, and
renders each page in-process with Django's test client (no network), so the
figures are the portal's own CPU cost per page, without a web server.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["DATABASE_URL"] = (
    f"sqlite:///{tempfile.mkdtemp(prefix='portal-bench-')}/bench.sqlite3"
)

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from core.cache import forget_local_version  # noqa: E402
from news.services import article_ensure_cover  # noqa: E402
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))


def fill(articles, categories=5, photos_per_article=4):
    cats = [CategoryFactory() for _ in range(categories)]
    made = []
    for index in range(articles):
        article = ArticleFactory(
            category=cats[index % categories], is_featured=index < 3
        )
        for _ in range(photos_per_article):
            PhotoFactory(article=article)
        article_ensure_cover(article=article)
        made.append(article)
    return made


def measure(client, url, *, warm):
    """(queries, median wall ms, median CPU ms) of one page, cold or warm cache."""
    if warm:
        client.get(url)
    else:
        cache.clear()
        forget_local_version()
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # read now: later requests reset the query log
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    wall, cpu = [], []
    for _ in range(REPEAT):
        if not warm:
            cache.clear()
            forget_local_version()
        w0, c0 = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return query_count, statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main():
    call_command("migrate", verbosity=0)
    # A browser, so that visit counting runs as for visitors.
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
    print(
        f"{'content':>14}  {'page':<10} {'cache':<5} {'queries':>7} {'wall ms':>8} {'cpu ms':>7}"
    )
    total = 0
    for size in (1, 30):
        articles = fill(size - total)
        total = size
        article = articles[-1]
        pages = {
            "home": "/",
            "home (en)": "/en/",
            "category": article.category.get_absolute_url(),
            "article": article.get_absolute_url(),
        }
        for name, url in pages.items():
            for warm in (False, True):
                queries, wall, cpu = measure(client, url, warm=warm)
                state = "warm" if warm else "cold"
                print(
                    f"{size:>5} articles  {name:<10} {state:<5} {queries:>7} "
                    f"{wall:>8.2f} {cpu:>7.2f}"
                )
    print(
        f"(median of {REPEAT} requests each; DEBUG off, SQLite, local-memory cache, in-process)"
    )


if __name__ == "__main__":
    main()
