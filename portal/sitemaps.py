"""sitemap.xml and robots.txt: every public page in both languages, with
hreflang alternates, for search engines. Each section is one query."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from awards.models import Decision
from news.models import Article, Category


class TranslatedSitemap(Sitemap):
    """Each item once per language, with xhtml:link alternates for vi, en and
    x-default (the Vietnamese, unprefixed URL)."""

    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(TranslatedSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "awards:decision-list", "glossary"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(TranslatedSitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.only("pk", "slug").order_by("order", "pk")


class ArticleSitemap(TranslatedSitemap):
    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "updated_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, item):
        return item.updated_at


class DecisionSitemap(TranslatedSitemap):
    def items(self):
        return Decision.objects.public().only("pk", "updated_at").order_by("-pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticSitemap,
    "categories": CategorySitemap,
    "articles": ArticleSitemap,
    "decisions": DecisionSitemap,
}


@require_GET
def robots_txt(request):
    """Everything may be crawled but the admin; the sitemap's absolute URL."""
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Disallow: /{settings.ADMIN_URL}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
