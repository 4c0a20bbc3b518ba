"""Behind a reverse proxy every visitor is still one person: the portal under
gunicorn (production settings, TRUSTED_PROXIES=127.0.0.2) with a forwarding
proxy in front that connects from 127.0.0.2. Visitors connect from their own
loopback addresses (127.0.0.10, 127.0.0.11…), through the proxy or directly."""

import http.client
import json
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.proxy.forwarding_proxy import ForwardingProxy
from tests.served import free_port, gunicorn, prepare, production_env

PROXY_ADDRESS = "127.0.0.2"
EDITOR_PASSWORD = "mat-khau-bien-tap-2026"

SETUP = f"""
from django.contrib.auth import get_user_model
from news.models import Article, Category
category = Category.objects.create(name="Tin tức", slug="tin-tuc")
Article.objects.create(title="Hồng Lĩnh đón khách", slug="hong-linh-don-khach",
                       category=category, status="published")
get_user_model().objects.create_superuser("bientap", "b@example.org", "{EDITOR_PASSWORD}")
"""


class Visitor:
    """A browser at its own address, with its own cookies."""

    def __init__(self, address, port):
        self.address, self.port, self.cookies = address, port, SimpleCookie()

    def request(self, method, path, *, form=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        headers = {"Host": "127.0.0.1", "User-Agent": "Mozilla/5.0", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(
                f"{k}={m.value}" for k, m in self.cookies.items()
            )
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = "http://127.0.0.1"
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"].value
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        connection.close()
        return response.status, content

    def vote(self, stars=4):
        self.request("GET", "/tin-tuc/hong-linh-don-khach/")
        return self.request(
            "POST",
            "/tin-tuc/hong-linh-don-khach/danh-gia/",
            form={"stars": stars},
            headers={"Accept": "application/json"},
        )

    def log_in(self, password):
        self.request("GET", "/admin/login/")
        return self.request(
            "POST",
            "/admin/login/?next=/admin/",
            form={"username": "bientap", "password": password, "next": "/admin/"},
        )


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    env = production_env(
        tmp_path_factory.mktemp("behind-proxy"),
        BEHIND_PROXY="true",
        TRUSTED_PROXIES=PROXY_ADDRESS,
    )
    prepare(env, SETUP)
    port = free_port()
    with gunicorn(env, port):
        proxy = ForwardingProxy(upstream=("127.0.0.1", port), source=PROXY_ADDRESS)
        proxy.start()
        try:
            yield {"direct": port, "proxied": proxy.port}
        finally:
            proxy.stop()


def test_twelve_visitors_behind_the_proxy_can_each_vote(portal):
    """The vote limit is 10 per address per 10 minutes: keyed on the proxy's
    address, the eleventh visitor would be refused."""
    for number in range(12):
        status, body = Visitor(f"127.0.0.{100 + number}", portal["proxied"]).vote()
        assert status == 200, (number, body)
    assert json.loads(body)["count"] == 12


def test_one_visitor_flooding_through_the_proxy_is_still_limited(portal):
    flooder = Visitor("127.0.0.30", portal["proxied"])
    statuses = [flooder.vote(stars=1 + n % 5)[0] for n in range(12)]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]
    # Someone else behind the same proxy is not affected.
    assert Visitor("127.0.0.31", portal["proxied"]).vote()[0] == 200


def test_a_forged_header_sent_directly_to_gunicorn_is_ignored(portal):
    """A visitor who reaches gunicorn directly cannot pick a new address for
    each vote with X-Forwarded-For."""
    direct = Visitor("127.0.0.40", portal["direct"])
    results = []
    for number in range(11):
        direct.request("GET", "/tin-tuc/hong-linh-don-khach/")
        results.append(
            direct.request(
                "POST",
                "/tin-tuc/hong-linh-don-khach/danh-gia/",
                form={"stars": 3},
                headers={
                    "Accept": "application/json",
                    "X-Forwarded-For": f"198.51.100.{number}",
                },
            )[0]
        )
    assert results == [200] * 10 + [429]


def test_wrong_passwords_lock_the_attacker_out_not_the_editor(portal):
    attacker = Visitor("127.0.0.50", portal["proxied"])
    statuses = [attacker.log_in("doan-bua")[0] for _ in range(6)]
    assert statuses[-1] == 429, statuses
    # Locked: even the right password is refused from the attacker's address.
    assert attacker.log_in(EDITOR_PASSWORD)[0] == 429
    editor = Visitor("127.0.0.51", portal["proxied"])
    status, _body = editor.log_in(EDITOR_PASSWORD)
    assert status == 302, "the editor at another address was locked out"
    assert editor.request("GET", "/admin/")[0] == 200
