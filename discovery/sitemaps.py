"""sitemap.xml and robots.txt: every public page in both languages, with
hreflang alternates, for search engines. Each section that declares a sitemap
(``core.sections.Sitemap``) is one query."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from core import sections


class TranslatedSitemap(Sitemap):
    """Each item once per language, with xhtml:link alternates for vi, en and
    x-default (the Vietnamese, unprefixed URL)."""

    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(TranslatedSitemap):
    """The home page and the sections' list pages."""

    changefreq = "daily"

    def items(self):
        return ["home"] + [
            page for section in sections.in_sitemap() for page in section.sitemap.pages
        ]

    def location(self, item):
        return reverse(item)


class SectionSitemap(TranslatedSitemap):
    options: sections.Sitemap

    def items(self):
        return self.options.items()

    def lastmod(self, item):
        return getattr(item, self.options.lastmod) if self.options.lastmod else None


def sitemaps() -> dict:
    """{name: Sitemap class} for django.contrib.sitemaps.views.sitemap."""
    found = {"pages": PagesSitemap}
    for section in sections.in_sitemap():
        if section.sitemap.items is not None:
            found[section.model._meta.label_lower] = type(
                f"{section.model.__name__}Sitemap",
                (SectionSitemap,),
                {"options": section.sitemap, "changefreq": section.sitemap.changefreq},
            )
    return found


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
