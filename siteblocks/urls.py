from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

urlpatterns = [
    path(pgettext_lazy("URL", "town-map/"), views.town_map, name="town-map"),
    path(pgettext_lazy("URL", "songs/"), views.songs, name="songs"),
    path(pgettext_lazy("URL", "glossary/"), views.glossary_list, name="glossary"),
]
