from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.static import serve

from . import views

admin.site.site_header = _("Hong Linh Town Portal — administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content management")

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
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
