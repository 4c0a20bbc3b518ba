from django.urls import path
from django.utils.translation import pgettext_lazy

from core.pagecache import page_cache

from . import views

app_name = "photos"

urlpatterns = [
    path(
        pgettext_lazy("URL", "photo-library/"),
        page_cache(views.AlbumListView.as_view(), params=("page",)),
        name="album-list",
    ),
    path(
        pgettext_lazy("URL", "photo-library/<slug:slug>/"),
        page_cache(views.AlbumDetailView.as_view()),
        name="album-detail",
    ),
]
