"""The content version, and fragment and page caching under it.

Public pages and fragments are cached under a *content version* that changes
whenever content is saved or deleted, and when the next scheduled change falls
due (an article scheduled for later), so a cached page never hides a
publication or shows a withdrawn item.

The version is a database row (core.models.ContentVersion), bumped in the same
transaction as the change, so every process sees it once the change commits:
server workers, management commands, the shell. Each process re-reads it at
most every CONTENT_VERSION_RECHECK_SECONDS (default 0.5 s): steady-state pages
cost no query for it, and a change shows everywhere within that time.

Apps say which models count as content with ``track_content`` and when their
next scheduled change is with ``schedule_changes`` (both done for them by
``core.sections.register``); this module imports no app.
"""

import threading
import time
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

# Callables returning the next time public content changes by itself, or None.
_next_change_sources: list[Callable[[], datetime | None]] = []

_local = threading.local()


def _recheck_seconds() -> float:
    return settings.CONTENT_VERSION_RECHECK_SECONDS


def content_version() -> str:
    """The current content version, e.g. "3f2a9c1e.1042"."""
    memo = getattr(_local, "memo", None)
    now = time.monotonic()
    if (
        memo
        and now < memo["until"]
        and (memo["next_change"] is None or time.time() < memo["next_change"])
    ):
        return memo["version"]
    try:
        return _read_version()
    except DatabaseError:
        if not memo:
            raise
        # The database is away: pages cached under the last known version
        # can still be served; try again after the next interval.
        memo["until"] = now + _recheck_seconds()
        return memo["version"]


def _read_version() -> str:
    from .models import ContentVersion, new_epoch

    row = ContentVersion.objects.filter(pk=1).first()
    if row is None:
        row, _ = ContentVersion.objects.get_or_create(pk=1)
    if row.next_change and row.next_change <= timezone.now():
        # A scheduled change is due: move the version on, once (the first
        # process to see it), and note the next one.
        moved = ContentVersion.objects.filter(pk=1, number=row.number).update(
            number=F("number") + 1, epoch=new_epoch(), next_change=_next_change()
        )
        row.refresh_from_db()
        if not moved and row.next_change and row.next_change <= timezone.now():
            row.next_change = None  # another process is moving it; read again soon
    _local.memo = {
        "version": str(row),
        "until": time.monotonic() + _recheck_seconds(),
        "next_change": row.next_change.timestamp() if row.next_change else None,
    }
    return _local.memo["version"]


def forget_local_version() -> None:
    """Make this thread read the version again on its next use."""
    _local.memo = None


def content_changed(**kwargs) -> None:
    """Signal receiver: any change to content starts a new version, committed
    with the change (or at once outside a transaction)."""
    from .models import ContentVersion, new_epoch

    rows = ContentVersion.objects.filter(pk=1)
    # Lock the row first, so that the next scheduled change is worked out
    # after any concurrent writer has committed.
    # A new epoch with every change: a change rolled back never hands its
    # version (and pages cached under it) to the next one.
    if not rows.update(number=F("number") + 1, epoch=new_epoch()):
        ContentVersion.objects.get_or_create(pk=1)
    rows.update(next_change=_next_change())
    forget_local_version()
    # This process may read the version again before the commit (and cache
    # a page under it); after the commit it must read the committed one.
    transaction.on_commit(forget_local_version)


def _next_change():
    times = [when for source in _next_change_sources if (when := source())]
    return min(times) if times else None


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
