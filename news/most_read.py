"""Views per article and the "most read" block, without a database write per
view (the approach of siteblocks.visits, through core.counting).

A view of an article page is counted by a hole of the page
(``{% hole "article-view" article.pk %}``): holes run for every response,
cached or not, so a page served whole from the cache is counted too. Each
process adds its views to a buffer in memory, pushes it to the cache as one
batch at most every VISIT_BUFFER_SECONDS, and once a minute one request moves
the batches to the database, added to one row per article and day
(``ArticleViews``). Bots and staff are not counted; nothing about the reader
is kept.

The "most read" block (``{% hole "most-read" %}``, on the home and article
pages) is rendered from those rows once per language and content version,
kept in the cache until the next flush, and in each process's memory for
VISIT_BUFFER_SECONDS: a page view costs no query for it.
"""

import threading
import time
from collections import Counter, defaultdict
from datetime import date

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.cache import content_version
from core.counting import BatchQueue, is_bot

from .models import Article, ArticleViews

DAYS = 7
BLOCK_SIZE = 5
FLUSH_EVERY_SECONDS = 60
FLUSH_LOCK_KEY = "news:views:flush-lock"
FLUSHING_KEY = "news:views:flushing"

queue = BatchQueue("news:views")

_buffer_lock = threading.Lock()
_buffer = {"views": Counter(), "since": time.monotonic()}


def count_view(request, article_pk: str) -> str:
    """Hole ``article-view``: count this view of the article; renders nothing."""
    if (
        request.method == "GET"
        and article_pk.isdigit()
        and not is_bot(request.headers.get("User-Agent", ""))
        and not getattr(request.user, "is_staff", False)
    ):
        record_view(int(article_pk))
    return ""


def record_view(article_pk: int) -> None:
    with _buffer_lock:
        _buffer["views"][article_pk] += 1
        if time.monotonic() - _buffer["since"] < settings.VISIT_BUFFER_SECONDS:
            return
        views = _buffer["views"]
        _buffer.update(views=Counter(), since=time.monotonic())
    queue.push({"day": timezone.localdate().isoformat(), "views": dict(views)})
    if cache.add(FLUSH_LOCK_KEY, 1, FLUSH_EVERY_SECONDS):
        flush_views()


def flush_views() -> int:
    """Add the views waiting in the cache to the daily rows, in one
    transaction; returns how many were added. The views stay in the cache if
    the database is away or another flush is running."""
    if not cache.add(FLUSHING_KEY, 1, 30):
        return 0
    try:
        batches, done = queue.take()
        totals = defaultdict(Counter)
        for batch in batches:
            totals[date.fromisoformat(batch["day"])].update(batch["views"])
        try:
            added = _store(totals)
        except DatabaseError:
            return 0
        done()
    finally:
        cache.delete(FLUSHING_KEY)
    if added:
        forget_block()
    return added


@transaction.atomic
def _store(totals) -> int:
    pks = {pk for views in totals.values() for pk in views}
    if not pks:
        return 0
    existing_articles = set(
        Article.objects.filter(pk__in=pks).values_list("pk", flat=True)
    )
    rows = {
        (row.day, row.article_id): row
        for row in ArticleViews.objects.select_for_update().filter(
            day__in=list(totals), article_id__in=existing_articles
        )
    }
    new, added = [], 0
    for day, views in totals.items():
        for pk, count in views.items():
            if pk not in existing_articles:
                continue  # deleted meanwhile
            added += count
            if (day, pk) in rows:
                rows[day, pk].views += count
            else:
                new.append(ArticleViews(article_id=pk, day=day, views=count))
    ArticleViews.objects.bulk_update(rows.values(), ["views"], batch_size=500)
    ArticleViews.objects.bulk_create(new, batch_size=500)
    return added


# The block ----------------------------------------------------------------------

_local_blocks: dict = {}


def _block_key(language: str) -> str:
    return f"news:most-read:{language}"


def render_block(request, argument="") -> str:
    """Hole ``most-read``: the most read articles of the last DAYS days."""
    language = get_language() or settings.LANGUAGE_CODE
    version = getattr(request, "content_version", None) or content_version()
    key = _block_key(language)
    local = _local_blocks.get(key)
    if local is not None and local[0] > time.monotonic() and local[1] == version:
        return local[2]
    entry = cache.get(key)
    if entry is None or entry["version"] != version:
        try:
            html = render_to_string(
                "news/includes/most_read.html",
                {
                    "articles": list(Article.objects.most_read(DAYS)[:BLOCK_SIZE]),
                    "days": DAYS,
                },
            )
        except DatabaseError:
            # The database is away: the last block this process showed.
            return local[2] if local else ""
        entry = {"version": version, "html": html}
        cache.set(key, entry, FLUSH_EVERY_SECONDS)
    if settings.VISIT_BUFFER_SECONDS > 0:
        _local_blocks[key] = (
            time.monotonic() + settings.VISIT_BUFFER_SECONDS,
            version,
            entry["html"],
        )
    return entry["html"]


def forget_block() -> None:
    """Render the block again from the new counts (each process within
    VISIT_BUFFER_SECONDS)."""
    cache.delete_many([_block_key(language) for language, _name in settings.LANGUAGES])


def forget_local_state() -> None:
    """Drop this process's uncounted views and its copy of the block."""
    with _buffer_lock:
        _buffer.update(views=Counter(), since=time.monotonic())
    _local_blocks.clear()


class ViewCountAdminMixin:
    """The article changelist's "Views" column (all time, counted up to the
    last flush)."""

    def get_queryset(self, request):
        return super().get_queryset(request).with_view_total()

    @admin.display(description=_("views"), ordering="view_total")
    def view_count(self, article):
        return number_format(article.view_total, force_grouping=True)
