import hashlib

from django.core.cache import cache

from .client import client_address


def allow(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """At most ``limit`` actions per visitor address (core.client) per window, counted in the
    cache under a hash of the address (the address itself is not kept)."""
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:16]
    key = f"ratelimit:{scope}:{address}"
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return True
