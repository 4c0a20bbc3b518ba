"""Visit statistics without a database write per page view.

Each counted page view increments a counter in the cache (Redis in production);
once a minute one request moves the pending count to the database. Visitors
online are distinct visitors in the current five-minute window, identified by
a keyed hash of address and browser that is kept only in the cache, expiring
with the window: no raw IP address or personal data is stored.
"""

import hashlib
import hmac
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.client import client_address
from core.counting import incr as _incr

from .models import SiteStatistics

PENDING_KEY = "stats:pending"
TOTAL_KEY = "stats:total"
FLUSH_LOCK_KEY = "stats:flush-lock"
WINDOW_SECONDS = 300
FLUSH_EVERY_SECONDS = 60


def visitor_key(request) -> str:
    identity = f"{client_address(request)}|{request.META.get('HTTP_USER_AGENT', '')}"
    return hmac.new(
        settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256
    ).hexdigest()[:32]


def _window(now=None) -> int:
    return int((now or time.time()) // WINDOW_SECONDS)


# Each process gathers its page views and pushes them to the shared cache at
# most every VISIT_BUFFER_SECONDS: a page view costs no cache round-trip.
_buffer_lock = threading.Lock()
_buffer = {"views": 0, "visitors": set(), "since": time.monotonic()}


def record_visit(request) -> None:
    with _buffer_lock:
        _buffer["views"] += 1
        _buffer["visitors"].add(visitor_key(request))
        if time.monotonic() - _buffer["since"] < settings.VISIT_BUFFER_SECONDS:
            return
        views, visitors = _buffer["views"], _buffer["visitors"]
        _buffer.update(views=0, visitors=set(), since=time.monotonic())
    _push(views, visitors)


def _push(views: int, visitors: set[str]) -> None:
    window = _window()
    _incr(PENDING_KEY, views)
    keys = [f"stats:seen:{window}:{visitor}" for visitor in visitors]
    seen = cache.get_many(keys)
    new = [key for key in keys if key not in seen]
    if new:
        cache.set_many(dict.fromkeys(new, 1), WINDOW_SECONDS * 2)
        _incr(f"stats:online:{window}", len(new), timeout=WINDOW_SECONDS * 2)
    if cache.add(FLUSH_LOCK_KEY, 1, FLUSH_EVERY_SECONDS):
        flush_visits()


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
        try:
            cache.decr(PENDING_KEY, pending)
        except ValueError:  # the key was evicted meanwhile: nothing left to keep
            pass
    cache.delete(TOTAL_KEY)
    return pending


_figures = {"value": None, "until": 0.0}


def visit_figures() -> dict:
    """Total visits and visitors online: from this process's memory, read
    again from the cache (one round-trip) at most every VISIT_BUFFER_SECONDS,
    and from the database at most once a minute."""
    if time.monotonic() < _figures["until"]:
        return _figures["value"]
    value = _read_figures()
    _figures.update(value=value, until=time.monotonic() + settings.VISIT_BUFFER_SECONDS)
    return value


def _read_figures() -> dict:
    window = _window()
    keys = [
        TOTAL_KEY,
        PENDING_KEY,
        f"stats:online:{window}",
        f"stats:online:{window - 1}",
    ]
    found = cache.get_many(keys)
    stored = found.get(TOTAL_KEY)
    if stored is None:
        try:
            stored = SiteStatistics.load().total
        except DatabaseError:
            # The database is away: cached pages are still served, with the
            # last figures this process saw.
            previous = _figures["value"]
            return previous or {"total": found.get(PENDING_KEY) or 0, "online": 1}
        cache.set(TOTAL_KEY, stored, FLUSH_EVERY_SECONDS)
    online = max(found.get(keys[2]) or 0, found.get(keys[3]) or 0)
    return {"total": stored + (found.get(PENDING_KEY) or 0), "online": max(online, 1)}


def total_changed(**kwargs) -> None:
    """Signal receiver: staff changed the starting total (other processes
    show it within a minute, when their copy of the total expires)."""
    cache.delete(TOTAL_KEY)
    _figures["until"] = 0.0


def forget_local_state() -> None:
    """Drop this process's unpushed views and its copy of the figures."""
    with _buffer_lock:
        _buffer.update(views=0, visitors=set(), since=time.monotonic())
    _figures["until"] = 0.0


def render_figures(request, argument="") -> str:
    """The footer's visit figures: a hole of cached pages (core.pagecache),
    so built without a template (this runs for every page view)."""
    figures = visit_figures()
    return format_html(
        "<p>{} <strong>{}</strong></p>\n        <p>{} <strong>{}</strong></p>",
        _("Visits:"),
        number_format(figures["total"], force_grouping=True),
        _("Online now:"),
        number_format(figures["online"], force_grouping=True),
    )
