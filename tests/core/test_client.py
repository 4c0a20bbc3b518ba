"""The visitor's address: X-Forwarded-For is believed only from a trusted proxy."""

from types import SimpleNamespace

import pytest
from django.test import override_settings

from core.client import client_address, is_trusted_proxy


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return SimpleNamespace(META=meta)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


class TestBehindProxies:
    @pytest.fixture(autouse=True)
    def _proxies(self, settings):
        settings.TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]

    def test_the_address_the_trusted_proxy_saw_is_the_visitor(self):
        assert client_address(request("127.0.0.1", "198.51.100.7")) == "198.51.100.7"

    def test_a_forged_header_from_an_untrusted_peer_changes_nothing(self):
        assert client_address(request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"

    def test_addresses_the_visitor_wrote_in_the_header_are_skipped(self):
        # The visitor sent "X-Forwarded-For: 1.2.3.4"; nginx appended their real
        # address: only the right-most untrusted address counts.
        forwarded = "1.2.3.4, 198.51.100.7"
        assert client_address(request("127.0.0.1", forwarded)) == "198.51.100.7"

    def test_a_chain_of_trusted_proxies_is_walked_from_the_right(self):
        forwarded = "198.51.100.7, 10.1.2.3"
        assert client_address(request("127.0.0.1", forwarded)) == "198.51.100.7"

    def test_garbage_in_the_header_stops_at_the_last_trusted_proxy(self):
        assert client_address(request("127.0.0.1", "<script>, 10.0.0.5")) == "10.0.0.5"
        assert client_address(request("127.0.0.1", "not-an-ip")) == "127.0.0.1"

    def test_no_header_from_a_trusted_proxy_gives_the_proxy(self):
        assert client_address(request("127.0.0.1")) == "127.0.0.1"

    def test_a_server_on_ipv6_sees_the_proxy_as_mapped_ipv4(self):
        assert client_address(request("::ffff:127.0.0.1", "198.51.100.7")) == (
            "198.51.100.7"
        )

    def test_ipv6_addresses(self):
        assert client_address(request("127.0.0.1", "2001:db8::7")) == "2001:db8::7"

    @pytest.mark.parametrize(
        "value,trusted",
        [("10.9.8.7", True), ("127.0.0.1", True), ("127.0.0.2", False), ("", False)],
    )
    def test_trusted_proxies_are_addresses_or_networks(self, value, trusted):
        assert is_trusted_proxy(value) is trusted


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_the_middleware_gives_every_later_reader_the_visitor(client, settings):
    from django.http import HttpRequest

    from portal.middleware import ClientAddressMiddleware

    seen = {}

    def view(req: HttpRequest):
        seen.update(req.META)
        return None

    middleware = ClientAddressMiddleware(view)
    trusted = HttpRequest()
    trusted.META = {
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_FOR": "198.51.100.7",
        "HTTP_X_FORWARDED_PROTO": "https",
    }
    middleware(trusted)
    assert seen["REMOTE_ADDR"] == "198.51.100.7"
    assert seen["PROXY_ADDR"] == "127.0.0.1"
    assert seen["HTTP_X_FORWARDED_PROTO"] == "https"

    seen.clear()
    forged = HttpRequest()
    forged.META = {
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_X_FORWARDED_FOR": "198.51.100.7",
        "HTTP_X_FORWARDED_PROTO": "https",
    }
    middleware(forged)
    assert seen["REMOTE_ADDR"] == "203.0.113.9"
    assert "HTTP_X_FORWARDED_FOR" not in seen
    assert "HTTP_X_FORWARDED_PROTO" not in seen, (
        "a forged https would skip the redirect"
    )
