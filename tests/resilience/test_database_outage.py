"""The portal, served by gunicorn, loses its PostgreSQL database and gets it back."""

import io
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.resilience.tcp_proxy import TcpProxy
from tests.served import free_port, gunicorn, manage, production_env

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (run with DATABASE_URL=postgres://…)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local URL
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return fetch(url)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture
def served_through_proxy(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…)")
    call_command("load_demo", stdout=io.StringIO())
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    proxy.start()
    port = free_port()
    env = production_env(
        tmp_path,
        DATABASE_URL=f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}",
    )
    manage(env, "collectstatic", "--no-input")
    try:
        with gunicorn(env, port):
            yield f"http://127.0.0.1:{port}", proxy
    finally:
        proxy.stop()


def test_database_outage_gives_a_clear_page_and_the_portal_recovers_by_itself(
    served_through_proxy,
):
    base, proxy = served_through_proxy
    status, body = wait_for(
        base + "/khong-co/"
    )  # warm up: a 404 still reads the database
    assert status == 404
    assert fetch(base + "/")[0] == 200

    proxy.stop()
    status, body = fetch(base + "/en/news/khong-ton-tai/")
    assert status == 503, body[:3000]
    assert "Cổng thông tin tạm thời gián đoạn" in body

    proxy.start()  # same port: the database is back
    deadline = time.monotonic() + 20
    while (status := fetch(base + "/")[0]) != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert status == 200
