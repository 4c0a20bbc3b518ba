from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.static import serve

from . import feeds, views
from .abbreviations import glossary_list
from .sitemaps import SITEMAPS, robots_txt

admin.site.site_header = _("Hong Linh Town Portal — administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content management")

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(pgettext_lazy("URL", "town-map/"), views.town_map, name="town-map"),
    path(pgettext_lazy("URL", "songs/"), views.songs, name="songs"),
    path(pgettext_lazy("URL", "glossary/"), glossary_list, name="glossary"),
    path(
        pgettext_lazy("URL", "news/rss.xml"),
        feeds.LatestArticlesFeed(),
        name="feed-rss",
    ),
    path(
        pgettext_lazy("URL", "news/atom.xml"),
        feeds.LatestArticlesAtomFeed(),
        name="feed-atom",
    ),
    path(
        pgettext_lazy("URL", "category/<slug:slug>/rss.xml"),
        feeds.CategoryFeed(),
        name="category-feed-rss",
    ),
    path(
        pgettext_lazy("URL", "category/<slug:slug>/atom.xml"),
        feeds.CategoryAtomFeed(),
        name="category-feed-atom",
    ),
    path(pgettext_lazy("URL", "search/"), views.search, name="search"),
    path("", include("news.urls")),
    path("", include("awards.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # For `make run` and the browser tests; production serves media from the web server.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
