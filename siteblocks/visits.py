"""Visit statistics without a database write per page view.

Each counted page view increments a counter in the cache (Redis in production);
once a minute one request moves the pending count to the database. Visitors
online are distinct visitors in the current five-minute window, identified by
a keyed hash of address and browser that is kept only in the cache, expiring
with the window: no raw IP address or personal data is stored.
"""

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F

from core.client import client_address

from .models import SiteStatistics

PENDING_KEY = "stats:pending"
TOTAL_KEY = "stats:total"
FLUSH_LOCK_KEY = "stats:flush-lock"
WINDOW_SECONDS = 300
FLUSH_EVERY_SECONDS = 60
BOTS = re.compile(
    r"bot|crawl|spider|slurp|fetch|monitor|curl|wget|python-|httpclient|java/|go-http|headless|"
    r"preview|scan|lighthouse|pingdom|facebookexternalhit|zalo",
    re.I,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOTS.search(user_agent))


def visitor_key(request) -> str:
    identity = f"{client_address(request)}|{request.META.get('HTTP_USER_AGENT', '')}"
    return hmac.new(
        settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256
    ).hexdigest()[:32]


def _window(now=None) -> int:
    return int((now or time.time()) // WINDOW_SECONDS)


def record_visit(request) -> None:
    window = _window()
    _incr(PENDING_KEY)
    if cache.add(f"stats:seen:{window}:{visitor_key(request)}", 1, WINDOW_SECONDS * 2):
        _incr(f"stats:online:{window}", timeout=WINDOW_SECONDS * 2)
    if cache.add(FLUSH_LOCK_KEY, 1, FLUSH_EVERY_SECONDS):
        flush_visits()


def _incr(key, timeout=None):
    # add-then-incr: incr alone fails on a missing key; both are atomic in Redis.
    if not cache.add(key, 1, timeout):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout)


def flush_visits() -> int:
    """Move the pending count to the database; returns how many were moved."""
    pending = cache.get(PENDING_KEY) or 0
    if pending:
        try:
            with transaction.atomic():
                SiteStatistics.load()
                SiteStatistics.objects.filter(pk=1).update(
                    counted_total=F("counted_total") + pending
                )
        except DatabaseError:
            return 0  # keep counting in the cache; the next flush moves it
        # Subtract what was moved, not reset: visits counted meanwhile are kept.
        cache.decr(PENDING_KEY, pending)
    cache.delete(TOTAL_KEY)
    return pending


def visit_figures() -> dict:
    """Total visits and visitors online, from the cache (one query per minute
    at most, to re-read the stored total)."""
    stored = cache.get(TOTAL_KEY)
    if stored is None:
        stored = SiteStatistics.load().total
        cache.set(TOTAL_KEY, stored, FLUSH_EVERY_SECONDS)
    window = _window()
    online = max(
        cache.get(f"stats:online:{window}") or 0,
        cache.get(f"stats:online:{window - 1}") or 0,
    )
    return {"total": stored + (cache.get(PENDING_KEY) or 0), "online": max(online, 1)}


def total_changed(**kwargs) -> None:
    """Signal receiver: staff changed the starting total."""
    cache.delete(TOTAL_KEY)
