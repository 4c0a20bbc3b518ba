"""Load test as visitors arrive: gunicorn with production settings on
127.0.0.1, wrk with a browser User-Agent (so visit counting runs), the
local-memory cache and Redis side by side in one run, then nginx's
micro-cache against nginx serving a static copy of the same page.

    python benchmarks/load.py            # make load
    LOAD_SECONDS=3 python benchmarks/load.py

Prints req/s, p50 and p99 per page and cache; exits non-zero on any response
that is not 2xx/3xx or a socket error. Bounded in time; only 127.0.0.1.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SECONDS = int(os.environ.get("LOAD_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "50"))
WORKERS = int(os.environ.get("LOAD_WORKERS", str(os.cpu_count() * 2 + 1)))
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reachable(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()  # noqa: S310 - local URL
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


def wrk(url):
    out = subprocess.run(  # noqa: S603 - fixed arguments
        [  # noqa: S607 - wrk from PATH
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout",
            "10s",
            "--latency",
            "-H",
            f"User-Agent: {BROWSER}",
            url,
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)[1]
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)[1]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "bad": int(bad[1]) if bad else 0,
        "errors": errors[1] if errors else "",
    }


def main():
    if not shutil.which("wrk"):
        sys.exit("install wrk (apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="portal-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "false",
        "HTTPS": "false",
        "SERVE_MEDIA": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": f"load-test-{uuid.uuid4().hex}-not-a-secret-but-long-enough",
        "DATABASE_URL": os.environ.get(
            "LOAD_DATABASE_URL", f"sqlite:///{work / 'load.sqlite3'}"
        ),
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "BEHIND_PROXY": "true",
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)

    def manage(*args):
        return subprocess.run(  # noqa: S603 - fixed arguments
            [PY, "manage.py", *args], cwd=ROOT, env=env, check=True,
            capture_output=True, text=True,
        ).stdout  # fmt: skip

    manage("migrate", "--no-input")
    manage("load_demo")
    manage("collectstatic", "--no-input")
    paths = manage(
        "shell", "--no-imports", "-c",
        "from news.models import Article, Category;"
        "print(Category.objects.order_by('order').first().get_absolute_url());"
        "print(Article.objects.published().first().get_absolute_url())",
    ).split()  # fmt: skip
    pages = {
        "home": "/",
        "category": paths[0],
        "article": paths[1],
        "search": "/tim-kiem/?q=quoc+phong",
        "honour roll": "/khen-thuong/",
    }
    caches = {"local memory": {}}
    if reachable(6379):
        caches["Redis"] = {
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": f"load-{uuid.uuid4().hex[:8]}",
        }
    else:
        print("Redis is not running on 127.0.0.1:6379: local memory only")

    print(
        f"gunicorn {WORKERS} sync workers on {os.cpu_count()} cores; wrk 2 threads, "
        f"{CONNECTIONS} connections, {SECONDS} s per page, browser User-Agent"
    )
    print(f"{'page':<12} {'cache':<13} {'req/s':>9} {'p50':>9} {'p99':>9}  failures")
    failed = False
    results = {}
    servers = {}
    try:
        # Both servers run from the start and take turns page by page, so that
        # the machine's drift does not favour one of them.
        for cache_name, cache_env in caches.items():
            port = free_port()
            servers[cache_name] = (
                port,
                subprocess.Popen(  # noqa: S603 - fixed arguments
                    [
                        PY,
                        "-m",
                        "gunicorn",
                        "portal.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(WORKERS),
                        "--no-control-socket",
                        "--access-logfile",
                        "/dev/null",
                        "--error-logfile",
                        str(work / "gunicorn.log"),
                    ],
                    cwd=ROOT,
                    env={**env, **cache_env},
                ),  # fmt: skip
            )
        for port, _server in servers.values():
            wait_for(f"http://127.0.0.1:{port}/")
        for name, path in pages.items():
            for cache_name, (port, _server) in servers.items():
                for _ in range(WORKERS * 2):  # every worker warm
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()
                result = wrk(f"http://127.0.0.1:{port}{path}")
                results[name, cache_name] = result
                failed |= bool(result["bad"] or result["errors"])
                print(
                    f"{name:<12} {cache_name:<13} {result['rps']:>9.0f} {result['p50']:>9} "
                    f"{result['p99']:>9}  {result['bad']} {result['errors']}"
                )
        if Path(NGINX).exists():
            port = servers.get("Redis", servers["local memory"])[0]
            failed |= nginx_against_static(port, work, pages["home"])
    finally:
        for _port, server in servers.values():
            server.terminate()
            server.wait(timeout=20)
    home, article = results["home", "local memory"], results["article", "local memory"]
    print(f"article / home cost (local memory): {home['rps'] / article['rps']:.2f}×")
    if ("home", "Redis") in results:
        for name in pages:
            ratio = results[name, "Redis"]["rps"] / results[name, "local memory"]["rps"]
            print(f"Redis / local memory, {name}: {ratio:.2f}")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


def nginx_against_static(app_port, work, home_path):
    """nginx's micro-cache hit for the home page against nginx serving the
    same page as a file: the cost of the cache itself."""
    sys.path.insert(0, str(ROOT))
    from tests.nginx.test_nginx_front import MAIN_CONF, envsubst

    port = free_port()
    copy = urllib.request.urlopen(
        urllib.request.Request(
            f"http://127.0.0.1:{app_port}{home_path}", headers={"User-Agent": BROWSER}
        )
    ).read()
    (work / "static" / "home-copy.html").write_bytes(copy)
    from string import Template

    (work / "portal.conf").write_text(
        envsubst(
            (ROOT / "deploy/nginx/portal.conf.template").read_text(),
            LISTEN=f"127.0.0.1:{port}",
            SERVER_NAME="127.0.0.1",
            UPSTREAM=f"127.0.0.1:{app_port}",
            STATIC_ROOT=work / "static",
            MEDIA_ROOT=work / "media",
            CACHE_PATH=work / "nginx-cache",
            ADMIN_PATH="admin/",
        )
    )
    (work / "nginx.conf").write_text(
        Template(MAIN_CONF).substitute(
            tmp=work, user="user root;" if os.geteuid() == 0 else ""
        )
    )
    nginx = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)])  # noqa: S603
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        hit = wrk(f"http://127.0.0.1:{port}{home_path}")
        static = wrk(f"http://127.0.0.1:{port}/static/home-copy.html")
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
    for name, result in (("nginx cache", hit), ("nginx static", static)):
        print(
            f"{'home':<12} {name:<13} {result['rps']:>9.0f} {result['p50']:>9} "
            f"{result['p99']:>9}  {result['bad']} {result['errors']}"
        )
    print(f"nginx cache hit / static copy: {hit['rps'] / static['rps']:.2f}")
    return bool(hit["bad"] or hit["errors"] or static["bad"] or static["errors"])


if __name__ == "__main__":
    main()
