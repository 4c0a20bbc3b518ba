"""Fragment caching of public pages.

Rendered fragments are cached under a *content version* that changes whenever
news content is saved or deleted, and when the next scheduled article falls
due, so a cached page never hides a publication or shows a withdrawn article.
"""

import time

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "portal:content-version"


def content_version() -> str:
    state = cache.get(VERSION_KEY)
    if state is None or (state["next_change"] and time.time() >= state["next_change"]):
        state = {
            "version": str(time.time_ns()),
            "next_change": _next_scheduled_publication(),
        }
        cache.set(VERSION_KEY, state, timeout=None)
    return state["version"]


def content_changed(**kwargs) -> None:
    """Signal receiver: any change to news content starts a new version."""
    cache.delete(VERSION_KEY)


def _next_scheduled_publication():
    from news.models import Article  # news depends on portal, not the reverse

    next_at = (
        Article.objects.filter(
            status=Article.Status.PUBLISHED, publish_at__gt=timezone.now()
        )
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return next_at.timestamp() if next_at else None


def track_content(*models) -> None:
    """Start a new content version whenever a row of these models is saved or
    deleted (called from each app's ready())."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        label = model._meta.label
        post_save.connect(
            content_changed, sender=model, dispatch_uid=f"content-{label}-saved"
        )
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"content-{label}-deleted"
        )
