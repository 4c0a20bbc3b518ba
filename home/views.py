from django.shortcuts import render
from django.utils.functional import cached_property

from news.context_processors import site_categories
from news.models import Article


class HomeContent:
    """What the home page shows, queried only when a template asks for it, so
    that a cached fragment costs no query at all."""

    featured_count = 3
    latest_count = 8
    per_category = 4

    def __init__(self, categories):
        self._categories = categories

    @cached_property
    def featured(self):
        return list(
            Article.objects.for_listing().filter(is_featured=True)[
                : self.featured_count
            ]
        )

    @cached_property
    def latest(self):
        shown = [article.pk for article in self.featured]
        return list(
            Article.objects.for_listing().exclude(pk__in=shown)[: self.latest_count]
        )

    @cached_property
    def category_blocks(self):
        by_category = {}
        for article in Article.objects.latest_per_category(self.per_category):
            by_category.setdefault(article.category_id, []).append(article)
        return [
            (category, by_category[category.pk])
            for category in self._categories()
            if category.pk in by_category
        ]


def home(request):
    return render(
        request,
        "home/home.html",
        {"home": HomeContent(categories=lambda: site_categories(request))},
    )
