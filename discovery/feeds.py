"""RSS and Atom feeds of every section that declares one (``core.sections.Feed``),
for all its rows and per group (e.g. per news category), in the language of the
URL (Vietnamese unprefixed, English under /en/), where texts fall back to
Vietnamese when not translated."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from core import sections


class SectionFeed(Feed):
    """The newest public rows of a section (one query, whatever their number)."""

    section: sections.Section

    @property
    def options(self) -> sections.Feed:
        return self.section.feed

    def title(self, obj=None):
        return self.options.title % {"site": settings.SITE_NAME}

    def link(self, obj=None):
        return reverse("home")

    def description(self, obj=None):
        return self.options.description

    def items(self, obj=None):
        return self.options.items()[: self.options.limit]

    def item_description(self, item):
        field = self.options.item_description
        return escape(getattr(item, field)) if field else str(item)

    def item_pubdate(self, item):
        field = self.options.item_pubdate
        return getattr(item, field) if field else None

    def item_updateddate(self, item):
        field = self.options.item_updateddate
        return getattr(item, field) if field else None

    def item_author_name(self, item):
        field = self.options.item_author
        return (getattr(item, field) or None) if field else None

    def item_categories(self, item):
        categories = self.options.item_categories
        return categories(item) if categories else ()


class SectionGroupFeed(SectionFeed):
    """The newest public rows of one group of a section (one category…)."""

    def get_object(self, request, slug):
        return get_object_or_404(self.options.group.model, slug=slug)

    def title(self, obj=None):
        return _("%(site)s: %(group)s") % {"site": settings.SITE_NAME, "group": obj}

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return getattr(obj, "description", "") or self.title(obj)

    def items(self, obj=None):
        group = self.options.group
        return self.options.items().filter(**{group.field: obj})[: self.options.limit]


def _atom(feed_class):
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )


def feed_urls() -> list:
    """URL patterns of every section's feeds: ``<path>rss.xml`` and
    ``<path>atom.xml``, and per group ``<group path>rss.xml``…"""
    patterns = []
    for section in sections.with_feeds():
        options = section.feed
        routes = [(SectionFeed, options.path, options.name)]
        if options.group:
            group = options.group
            routes.append((SectionGroupFeed, group.path, group.name))
        for base, prefix, name in routes:
            rss = type(f"{section.model.__name__}{base.__name__}", (base,), {})
            rss.section = section
            for feed_class, suffix in ((rss, "rss"), (_atom(rss), "atom")):
                patterns.append(
                    path(
                        format_lazy("{}{}.xml", prefix, suffix),
                        feed_class(),
                        name=f"{name}-{suffix}",
                    )
                )
    return patterns
