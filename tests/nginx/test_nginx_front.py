"""The production front: Debian's nginx with deploy/nginx/portal.conf.template
in front of gunicorn (production settings). Static files come from disk,
anonymous pages from nginx's micro-cache, a publication shows within the
configured seconds, an editor never gets a cached page and a voter gets their
own stars. Skipped where nginx is not installed (CI installs it)."""

import http.client
import os
import re
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from string import Template

import pytest
from django.conf import settings

from tests.proxy.test_behind_proxy import EDITOR_PASSWORD, Visitor
from tests.served import free_port, gunicorn, manage, prepare, production_env

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAX_AGE = 2  # PUBLIC_PAGE_MAX_AGE for this test: how long nginx may keep a page

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)"
)

SETUP = f"""
from django.contrib.auth import get_user_model
from news.models import Article, Category
category = Category.objects.create(name="Tin tức", slug="tin-tuc")
Article.objects.create(title="Hồng Lĩnh đón khách", slug="hong-linh-don-khach",
                       category=category, status="published")
Article.objects.create(title="Bản nháp nội bộ", slug="ban-nhap", category=category)
get_user_model().objects.create_superuser("bientap", "b@example.org", "{EDITOR_PASSWORD}")
"""

MAIN_CONF = """
daemon off;
master_process on;
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
$user
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $tmp/portal.conf;
}
"""


def envsubst(text, **values):
    """What `envsubst '$LISTEN …'` does: only the named ${…} are replaced
    (nginx's own $variables stay)."""
    return re.sub(
        r"\$\{([A-Z_]+)\}",
        lambda match: str(values[match[1]]) if match[1] in values else match[0],
        text,
    )


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx-front")
    app_port, nginx_port = free_port(), free_port()
    env = production_env(
        tmp,
        BEHIND_PROXY="true",
        TRUSTED_PROXIES="127.0.0.1",
        PUBLIC_PAGE_MAX_AGE=str(MAX_AGE),
    )
    prepare(env, SETUP)
    (tmp / "media").mkdir(exist_ok=True)
    (tmp / "media" / "ghi-chu.txt").write_text("tệp tải lên")
    (tmp / "media" / "documents").mkdir(exist_ok=True)
    (tmp / "media" / "documents" / "van-ban.docx").write_bytes(b"PK\x03\x04")
    server_block = envsubst(
        (Path(settings.BASE_DIR) / "deploy/nginx/portal.conf.template").read_text(),
        LISTEN=f"127.0.0.1:{nginx_port}",
        SERVER_NAME="127.0.0.1",
        UPSTREAM=f"127.0.0.1:{app_port}",
        STATIC_ROOT=tmp / "static",
        MEDIA_ROOT=tmp / "media",
        CACHE_PATH=tmp / "cache",
        ADMIN_PATH="admin/",
    )
    (tmp / "portal.conf").write_text(server_block)
    (tmp / "nginx.conf").write_text(
        Template(MAIN_CONF).substitute(
            tmp=tmp, user="user root;" if os.geteuid() == 0 else ""
        )
    )
    with gunicorn(env, app_port), nginx_server(tmp, nginx_port):
        yield {"port": nginx_port, "manage": lambda *args: manage(env, *args)}


@contextmanager
def nginx_server(tmp, port):
    nginx = subprocess.Popen(  # noqa: S603 - fixed arguments
        [NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if Visitor("127.0.0.1", port).request("GET", "/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or nginx.poll() is not None:
                raise RuntimeError(nginx.stderr.read().decode() if nginx.poll() else "")
            time.sleep(0.2)
        yield
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        nginx.stderr.close()


def get(port, path, visitor=None, **extra_headers):
    """(status, headers, body) through nginx."""
    visitor = visitor or Visitor("127.0.0.1", port)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    cookies = "; ".join(f"{k}={m.value}" for k, m in visitor.cookies.items())
    headers = {"Host": "127.0.0.1", "User-Agent": "Mozilla/5.0", **extra_headers}
    if cookies:
        headers["Cookie"] = cookies
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode(errors="replace")
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_static_and_media_files_come_from_disk(front):
    status, headers, body = get(front["port"], "/static/css/site.css")
    assert status == 200 and "--text-size" in body
    assert "X-Cache-Status" not in headers, "static files went through gunicorn"
    assert "immutable" in headers["Cache-Control"]
    status, headers, _ = get(front["port"], "/media/ghi-chu.txt")
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    # Documents' files only through the portal's download view.
    status, _headers, _ = get(front["port"], "/media/documents/van-ban.docx")
    assert status == 404


def test_anonymous_pages_come_from_the_micro_cache(front):
    get(front["port"], "/")
    status, headers, _ = get(front["port"], "/")
    assert status == 200
    assert headers["X-Cache-Status"] == "HIT"


def test_one_cached_copy_serves_every_browser_language(front):
    """The page's language comes from its URL: visitors whose browsers ask
    for other languages share the cached copy."""
    get(front["port"], "/", **{"Accept-Language": "vi-VN,vi;q=0.9"})
    _status, headers, body = get(
        front["port"], "/", **{"Accept-Language": "en-GB,en;q=0.8"}
    )
    assert "Accept-Language" in headers["Vary"]  # Django's, on unprefixed URLs
    assert headers["X-Cache-Status"] == "HIT"
    assert '<html lang="vi">' in body


def test_a_publication_shows_through_nginx_within_its_seconds(front):
    get(front["port"], "/")
    assert get(front["port"], "/")[1]["X-Cache-Status"] == "HIT"
    front["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from news.models import Article, Category;"
        "Article.objects.create(title='Tin vừa đăng qua nginx',"
        " category=Category.objects.get(), status='published')",
    )
    start = time.monotonic()
    while "Tin vừa đăng qua nginx" not in get(front["port"], "/")[2]:
        assert time.monotonic() - start < MAX_AGE + 1.5, "nginx hid the publication"
        time.sleep(0.1)


def test_a_logged_in_editor_never_receives_a_cached_page(front):
    editor = Visitor("127.0.0.1", front["port"])
    assert editor.log_in(EDITOR_PASSWORD)[0] == 302
    get(front["port"], "/tin-tuc/ban-nhap/")  # anonymous: 404, never cached
    status, headers, body = get(front["port"], "/tin-tuc/ban-nhap/", editor)
    assert status == 200 and "Bản nháp nội bộ" in body  # the staff preview
    status, headers, _ = get(front["port"], "/", editor)
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "private" in headers["Cache-Control"]
    status, headers, _ = get(front["port"], "/admin/", editor)
    assert status == 200 and headers.get("X-Cache-Status") is None


def test_a_voter_gets_their_own_rating_and_nobody_else_does(front):
    article = "/tin-tuc/hong-linh-don-khach/"
    get(front["port"], article)
    voter = Visitor("127.0.0.1", front["port"])
    status, _ = voter.vote(stars=5)
    assert status == 200
    status, headers, body = get(front["port"], article, voter)
    assert 'value="5" checked' in body
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "checked" not in get(front["port"], article)[2]
