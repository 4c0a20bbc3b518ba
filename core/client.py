"""The one rule for a visitor's address, used by rate limits, visit
statistics, the admin login lockout (django-axes) and logs.

Behind a reverse proxy every request comes from the proxy's address, so the
visitor's address is read from ``X-Forwarded-For`` — but only when the request
really comes from a proxy listed in ``TRUSTED_PROXIES`` (addresses or
networks; none by default). The header is read from the right: each trusted
proxy appends the address it received the request from, so the first address
that is not a trusted proxy is the visitor. A header sent by anyone else is
ignored: a visitor cannot choose their own address.

(django-ipware, which axes can use, trusts a proxy by the addresses written in
the header rather than by the peer that actually connected, so it is not used.)
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]):
    return tuple(ipaddress.ip_network(value, strict=False) for value in trusted)


def _address(value: str):
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    # A server listening on [::] sees IPv4 peers as ::ffff:a.b.c.d.
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def is_trusted_proxy(value: str) -> bool:
    address = _address(value or "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str:
    """The visitor's IP address (a string; empty if unknown)."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(peer):
        return peer
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    for value in reversed(forwarded):
        address = _address(value)
        if address is None:
            break  # garbage a proxy passed on: stop at the last proxy we trust
        if not is_trusted_proxy(value):
            return str(address)
        peer = str(address)
    return str(_address(peer) or peer)
