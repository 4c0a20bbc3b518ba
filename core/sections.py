"""One declaration per section of the site.

A content app tells the site-wide features (search, sitemap, feeds, the page
cache) about a public model once, in its ``AppConfig.ready()``::

    sections.register(
        Article,
        public=Article.objects.published,
        search=sections.Search(kind="article", title="title", ...),
        sitemap=sections.Sitemap(items=Article.objects.for_sitemap),
        feed=sections.Feed(...),
        tracks=(Category, Photo),
        next_change=Article.objects.next_publication_at,
    )

The site-wide apps read this registry; they never import a content app's
models, and the content apps never import them. Registering also tracks the
model (and ``tracks``) for the content version of the page cache.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model, QuerySet

from .cache import schedule_changes, track_content


@dataclass(frozen=True)
class Search:
    """The model is in the site search. It stores its folded text in
    ``search_title`` and ``search_text`` (``core.text.fold_for_search``), and
    on PostgreSQL a trigger keeps ``search_vector`` from them."""

    kind: str  # names the hit, e.g. "article"
    template: str  # renders the line under a hit's title
    date: str  # field giving recency; newest first among equal scores
    snippet_fields: Sequence[str]  # translated fields a snippet may come from
    title: str | None = None  # translated field; None: str(obj)
    related: Sequence[str] = ()  # select_related when loading a page of hits


@dataclass(frozen=True)
class Sitemap:
    """The model's public rows, and its list pages, are in sitemap.xml."""

    items: Callable[[], QuerySet] | None = None
    lastmod: str | None = None  # field name
    changefreq: str | None = None
    pages: Sequence[str] = ()  # URL names of list pages, e.g. "awards:decision-list"


@dataclass(frozen=True)
class FeedGroup:
    """Feeds per group too, e.g. per category: ``path`` ends with <slug:slug>/."""

    model: type[Model]
    field: str  # the section model's foreign key to ``model``
    path: Any  # a (lazily translated) URL path
    name: str  # URL names: f"{name}-rss", f"{name}-atom"


@dataclass(frozen=True)
class Feed:
    """RSS and Atom feeds of the newest public rows."""

    path: Any  # a (lazily translated) URL path ending with "/", e.g. "news/"
    name: str  # URL names: f"{name}-rss", f"{name}-atom"
    title: Any  # "%(site)s" is replaced by the site name
    description: Any
    items: Callable[[], QuerySet]  # newest first, with what the items show
    item_description: str | None = None  # field; escaped in the feed
    item_pubdate: str | None = None
    item_updateddate: str | None = None
    item_author: str | None = None
    item_categories: Callable[[Any], list[str]] | None = None
    group: FeedGroup | None = None
    limit: int = 30


@dataclass(frozen=True)
class Section:
    model: type[Model]
    public: Callable[[], QuerySet]  # what visitors may see
    search: Search | None = None
    sitemap: Sitemap | None = None
    feed: Feed | None = None


_sections: dict[str, Section] = {}


def register(
    model: type[Model],
    *,
    public: Callable[[], QuerySet] | None = None,
    search: Search | None = None,
    sitemap: Sitemap | None = None,
    feed: Feed | None = None,
    tracks: Sequence[type[Model]] = (),
    next_change: Callable[[], datetime | None] | None = None,
) -> Section:
    """Declare ``model`` a section of the site (see the module docstring)."""
    section = Section(
        model=model,
        public=public or model._default_manager.all,
        search=search,
        sitemap=sitemap,
        feed=feed,
    )
    _sections[model._meta.label] = section
    track_content(model, *tracks)
    if next_change is not None:
        schedule_changes(next_change)
    return section


def all_sections() -> list[Section]:
    """In the order the apps registered them (INSTALLED_APPS)."""
    return list(_sections.values())


def searchable() -> list[Section]:
    return [section for section in _sections.values() if section.search]


def in_sitemap() -> list[Section]:
    return [section for section in _sections.values() if section.sitemap]


def with_feeds() -> list[Section]:
    return [section for section in _sections.values() if section.feed]


def by_kind(kind: str) -> Section:
    return next(s for s in _sections.values() if s.search and s.search.kind == kind)
