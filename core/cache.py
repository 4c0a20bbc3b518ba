"""Fragment caching of public pages.

Rendered fragments are cached under a *content version* that changes whenever
content is saved or deleted, and when the next scheduled change falls due (an
article scheduled for later, for example), so a cached page never hides a
publication or shows a withdrawn item.

Apps say which models count as content with ``track_content`` and when their
next scheduled change is with ``schedule_changes`` (both done for them by
``core.sections.register``); this module imports no app.
"""

import time
from collections.abc import Callable
from datetime import datetime

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "portal:content-version"

# Callables returning the next time public content changes by itself, or None.
_next_change_sources: list[Callable[[], datetime | None]] = []


def content_version() -> str:
    state = cache.get(VERSION_KEY)
    if state is None or (state["next_change"] and time.time() >= state["next_change"]):
        state = {"version": str(time.time_ns()), "next_change": _next_change()}
        cache.set(VERSION_KEY, state, timeout=None)
    return state["version"]


def content_changed(**kwargs) -> None:
    """Signal receiver: any change to content starts a new version."""
    cache.delete(VERSION_KEY)


def _next_change():
    times = [when for source in _next_change_sources if (when := source())]
    return min(times).timestamp() if times else None


def schedule_changes(source: Callable[[], datetime | None]) -> None:
    """Register a callable giving the next time public content changes without
    a save (a scheduled publication): the version changes then."""
    if source not in _next_change_sources:
        _next_change_sources.append(source)


def track_content(*models) -> None:
    """Start a new content version whenever a row of these models is saved or
    deleted."""
    for model in models:
        label = model._meta.label
        post_save.connect(
            content_changed, sender=model, dispatch_uid=f"content-{label}-saved"
        )
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"content-{label}-deleted"
        )
