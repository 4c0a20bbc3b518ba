import hashlib

from django.core.cache import cache


def allow(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """At most ``limit`` actions per client address per window, counted in the
    cache under a hash of the address (the address itself is not kept)."""
    address = hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[
        :16
    ]
    key = f"ratelimit:{scope}:{address}"
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return True
