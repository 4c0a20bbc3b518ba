from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from discovery import urls as discovery_urls

admin.site.site_header = _("Hong Linh Town Portal — administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content management")


def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


def moved_site_blocks_admin(request, rest):
    query = request.META.get("QUERY_STRING", "")
    target = f"/{settings.ADMIN_URL}siteblocks/{rest}" + (f"?{query}" if query else "")
    return redirect(target, permanent=True)


urlpatterns = [
    # The site blocks' admin pages were under "portal/" before they moved to
    # their own app: staff bookmarks keep working.
    re_path(rf"^{settings.ADMIN_URL}portal/(?P<rest>.*)$", moved_site_blocks_admin),
    path(settings.ADMIN_URL, admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon),
    path("", include(discovery_urls.urlpatterns)),
]

urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("", include("siteblocks.urls")),
    path("", include(discovery_urls.translated_urlpatterns)),
    path("", include("search.urls")),
    path("", include("news.urls")),
    path("", include("awards.urls")),
    path("", include("documents.urls")),
    path("", include("questions.urls")),
    path("", include("schedule.urls")),
    path("", include("photos.urls")),
    path("", include("organisation.urls")),
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
