"""Whole public pages from the cache: one cache read, no SQL query.

A view opts in with ``@page_cache``. For an anonymous GET (no session, no
pending messages) its response is stored under the content version, the
language, the host and the full path; the next such request is answered from
that one entry without running the view.

What differs between visitors is kept out of the stored HTML: a template
renders it through a *hole* (``{% hole "rating" article.pk %}``), which calls
the renderer the app registered for that name (``register_hole``), e.g. the
visitor's own stars; the stored entry keeps only the hole's marker, and each
response from the cache fills it in by calling the renderer again. Renderers
are cheap: no query for visitors without cookies. A hole must not sit inside a
``{% cache %}`` fragment, which would keep one visitor's version of it.

Responses say how long browsers and proxies may keep them: ``public,
max-age=PUBLIC_PAGE_MAX_AGE`` (a few seconds, so a proxy never hides a
publication for longer) for visitors without cookies, ``private`` otherwise;
``django.middleware.http.ConditionalGetMiddleware`` adds the ETag and
answers conditional requests with 304.
"""

import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from .cache import content_version

_HOLE = re.compile(r"<!--hole:([a-z-]+):([\w-]*)-->(.*?)<!--/hole-->", re.S)
_NAME = re.compile(r"[a-z-]+")
_ARGUMENT = re.compile(r"[\w-]*")
logger = logging.getLogger(__name__)

_renderers: dict[str, Callable] = {}


def page_cache(view=None, *, params: tuple[str, ...] = ()):
    """Mark a view's pages as cacheable whole for anonymous visitors, with
    the query parameters it reads (``params``). A query string with any other
    parameter is answered but not stored: endless variants of a URL
    (``?x=1``, ``?x=2``…, a free-text search) would only fill the cache."""
    if view is None:
        return lambda view: page_cache(view, params=params)
    view.page_cache = frozenset(params)
    return view


def register_hole(name: str, render: Callable) -> None:
    """``render(request, argument) -> str`` (safe HTML) fills the hole ``name``
    (lower-case letters and hyphens)."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"Hole names are lower-case letters and hyphens: {name!r}")
    _renderers[name] = render


def render_hole(request, name: str, argument="") -> str:
    """The hole's content for this request, marked so that the page cache can
    leave it out of what it stores (only on pages being cached)."""
    argument = str(argument)
    if not _ARGUMENT.fullmatch(argument):
        raise ValueError(
            f"Hole arguments are letters, digits and hyphens: {argument!r}"
        )
    content = _renderers[name](request, argument)
    if getattr(request, "_page_cache_key", None) is None:
        return content
    return f"<!--hole:{name}:{argument}-->{content}<!--/hole-->"


def _fill(request, html: str) -> str:
    return _HOLE.sub(lambda match: _renderers[match[1]](request, match[2]), html)


def _strip(html: str) -> str:
    """The holes' content, for this visitor: out of what is stored."""
    return _HOLE.sub(
        lambda match: f"<!--hole:{match[1]}:{match[2]}--><!--/hole-->", html
    )


def _unmark(html: str) -> str:
    return _HOLE.sub(lambda match: match[3], html)


def page_key(request, path: str | None = None, language: str | None = None) -> str:
    full_path = request.get_full_path() if path is None else path
    digest = hashlib.sha1(full_path.encode(), usedforsecurity=False).hexdigest()
    version = getattr(request, "content_version", None) or content_version()
    return ":".join(
        (
            "page",
            version,
            request.scheme,
            request.get_host(),
            language or get_language() or settings.LANGUAGE_CODE,
            digest,
        )
    )


# The pages this process served last, kept in its memory for a moment
# (PAGE_LOCAL_SECONDS): a popular page costs no cache round-trip at all, so
# Redis is no slower than the local-memory cache. Keys carry the content
# version, so a change never waits for them.
_local_pages: OrderedDict = OrderedDict()
_LOCAL_PAGES_MAX = 256


_local_lock = threading.Lock()


def _get_entry(key):
    local = _local_pages.get(key)
    if local is not None and local[0] > time.monotonic():
        return local[1]
    entry = cache.get(key)
    if entry is not None:
        _keep_local(key, entry)
    return entry


def _keep_local(key, entry):
    seconds = settings.PAGE_LOCAL_SECONDS
    if seconds <= 0:
        return
    with _local_lock:
        _local_pages[key] = (time.monotonic() + seconds, entry)
        _local_pages.move_to_end(key)
        while len(_local_pages) > _LOCAL_PAGES_MAX:
            _local_pages.popitem(last=False)


def forget_local_pages() -> None:
    _local_pages.clear()


def forget_pages(request, paths: dict[str, str]) -> None:
    """Drop the cached pages at ``{language: path}`` (e.g. an article after a
    vote changed its rating summary) for this request's host; other processes
    drop their own copy within PAGE_LOCAL_SECONDS."""
    keys = [page_key(request, path, language) for language, path in paths.items()]
    cache.delete_many(keys)
    with _local_lock:
        for key in keys:
            _local_pages.pop(key, None)


def _used_visitor_state(request) -> bool:
    """Whether rendering touched what belongs to this visitor: a CSRF token,
    the session, a new message. Checked here because the middlewares that
    would set their cookies run after this one."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # Reading the (empty) session of a visitor without one is harmless:
        # checking request.user does it.
        or (session is not None and session.modified)
        or (messages is not None and messages.added_new)
    )


def _is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return not cookies.get(settings.SESSION_COOKIE_NAME) and not cookies.get("messages")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_page_cache_private", False):
            # A cacheable page shown to staff or with a pending message.
            patch_cache_control(response, private=True, max_age=0)
            patch_vary_headers(response, ("Cookie",))
        key = getattr(request, "_page_cache_key", None)
        if key is None or getattr(response, "from_page_cache", False):
            return response
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and not _used_visitor_state(request)
        ):
            html = response.content.decode(response.charset)
            entry = {
                "html": _strip(html),
                "content_type": response["Content-Type"],
                "stored_at": time.time(),
            }
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            _keep_local(key, entry)
            response.content = _unmark(html)
            self._mark(request, response, time.time())
        elif not response.streaming:
            response.content = _unmark(response.content.decode(response.charset))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        params = getattr(view_func, "page_cache", None)
        if params is None:
            return None
        # Read once, before the view queries anything: the page, its fragments
        # and the key all belong to this version.
        request.content_version = content_version()
        if request.method not in ("GET", "HEAD"):
            return None
        if not _is_anonymous(request):
            request._page_cache_private = True
            return None
        if not set(request.GET) <= params:
            return None
        key = request._page_cache_key = page_key(request)
        entry = _get_entry(key)
        if entry is None:
            return None
        response = HttpResponse(
            _fill(request, entry["html"]), content_type=entry["content_type"]
        )
        response.from_page_cache = True
        self._mark(request, response, entry["stored_at"])
        return response

    @staticmethod
    def _mark(request, response, stored_at):
        response["Last-Modified"] = http_date(stored_at)
        patch_vary_headers(response, ("Cookie",))
        if request.COOKIES:
            patch_cache_control(response, private=True, max_age=0)
        else:
            patch_cache_control(
                response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE
            )
