"""RSS and Atom feeds of the news, for all categories and per category, in the
language of the URL (Vietnamese unprefixed, English under /en/), where texts
fall back to Vietnamese when not translated."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from news.models import Article, Category


class LatestArticlesFeed(Feed):
    """The newest published articles (one query, whatever their number)."""

    limit = 30

    def title(self, obj=None):
        return _("%(site)s: latest news") % {"site": settings.SITE_NAME}

    def link(self, obj=None):
        return reverse("home")

    def description(self, obj=None):
        return _("News of the People's Committee of Hong Linh town, Ha Tinh province.")

    def articles(self, obj=None):
        return Article.objects.for_listing()

    def items(self, obj=None):
        return self.articles(obj)[: self.limit]

    def item_description(self, item):
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class CategoryFeed(LatestArticlesFeed):
    """The newest published articles of one category."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj=None):
        return _("%(site)s: %(category)s") % {
            "site": settings.SITE_NAME,
            "category": obj.name,
        }

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or self.title(obj)

    def articles(self, obj=None):
        return Article.objects.for_listing().filter(category=obj)


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)
