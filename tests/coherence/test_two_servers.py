"""One truth across processes: two server processes (gunicorn, production
settings), each with its own local-memory cache — or sharing Redis — and a
third process (the shell, as a cron job or an import would) that writes. What
it writes shows on both servers' pages within a second, without a restart."""

import os
import socket
import time
import urllib.request
import uuid

import pytest

from tests.served import free_port, gunicorn, manage, prepare, production_env

VISIBLE_WITHIN = 1.0  # seconds
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

SETUP = """
from news.models import Article, Category
category = Category.objects.create(name="Tin tức", slug="tin-tuc")
Article.objects.create(title="Bài đầu tiên", category=category, status="published")
"""


def redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def fetch(port, path="/"):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"User-Agent": "Mozilla/5.0"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read().decode()


@pytest.fixture(params=["local-memory", "redis"])
def servers(request, tmp_path):
    if request.param == "redis" and not redis_available():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    extra = {}
    if request.param == "redis":
        extra = {
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": f"coherence-{uuid.uuid4().hex[:8]}",
        }
    env = production_env(tmp_path, **extra)
    prepare(env, SETUP)
    ports = [free_port(), free_port()]
    with gunicorn(env, *ports):
        yield ports, lambda *args: manage(env, *args)


def seconds_until(ports, condition, timeout=5.0):
    """How long until ``condition(page)`` holds on every server's home page."""
    start = time.monotonic()
    pending = set(ports)
    while pending and time.monotonic() - start < timeout:
        pending = {port for port in pending if not condition(fetch(port))}
        if pending:
            time.sleep(0.05)
    assert not pending, f"still stale on {pending} after {timeout} s"
    return time.monotonic() - start


def test_a_change_from_a_third_process_shows_on_both_servers_within_a_second(
    servers,
):
    ports, manage = servers
    for port in ports:  # warm: both servers have the home page cached
        fetch(port)
        assert "Bài đầu tiên" in fetch(port)

    manage(
        "shell",
        "--no-imports",
        "-c",
        "from news.models import Article, Category;"
        "Article.objects.create(title='Tin mới từ tiến trình thứ ba',"
        " category=Category.objects.get(), status='published')",
    )
    assert seconds_until(ports, lambda page: "tiến trình thứ ba" in page) < (
        VISIBLE_WITHIN
    )

    manage(
        "shell",
        "--no-imports",
        "-c",
        "from news.models import Article;"
        "Article.objects.filter(title__startswith='Tin mới').delete()",
    )
    # A queryset delete sends the signals for each row, like the admin's.
    assert seconds_until(ports, lambda page: "tiến trình thứ ba" not in page) < (
        VISIBLE_WITHIN
    )


def test_a_scheduled_article_appears_on_both_servers_at_its_time(servers):
    ports, manage = servers
    manage(
        "shell",
        "--no-imports",
        "-c",
        "from datetime import timedelta; from django.utils import timezone;"
        "from news.models import Article, Category;"
        "Article.objects.create(title='Tin hẹn giờ', category=Category.objects.get(),"
        " status='published', publish_at=timezone.now() + timedelta(seconds=3))",
    )
    due = time.monotonic() + 3
    for port in ports:
        assert "Tin hẹn giờ" not in fetch(port)
    while time.monotonic() < due:
        for port in ports:
            fetch(port)  # keep both servers' caches warm with the old page
        time.sleep(0.2)
    assert seconds_until(ports, lambda page: "Tin hẹn giờ" in page) < VISIBLE_WITHIN
