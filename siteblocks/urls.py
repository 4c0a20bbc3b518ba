from django.urls import path
from django.utils.translation import pgettext_lazy

from core.pagecache import page_cache

from . import views

urlpatterns = [
    path(
        pgettext_lazy("URL", "town-map/"), page_cache(views.town_map), name="town-map"
    ),
    path(pgettext_lazy("URL", "songs/"), page_cache(views.songs), name="songs"),
    path(
        pgettext_lazy("URL", "glossary/"),
        page_cache(views.glossary_list),
        name="glossary",
    ),
]
