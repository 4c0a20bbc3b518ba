from django.urls import path
from django.utils.translation import pgettext_lazy

from core.pagecache import page_cache

from . import views

app_name = "documents"

urlpatterns = [
    path(
        pgettext_lazy("URL", "documents/"),
        page_cache(
            views.DocumentListView.as_view(),
            params=("page", "type", "issuer", "field", "year", "status"),
        ),
        name="document-list",
    ),
    path(
        pgettext_lazy("URL", "documents/<int:pk>/"),
        page_cache(views.DocumentDetailView.as_view()),
        name="document-detail",
    ),
    path(
        pgettext_lazy("URL", "documents/<int:pk>/print/"),
        views.DocumentPrintView.as_view(),
        name="document-print",
    ),
    path(
        pgettext_lazy("URL", "documents/file/<int:pk>/"),
        views.file_download,
        name="file-download",
    ),
    path(
        pgettext_lazy("URL", "consultation/"),
        views.draft_list,
        name="draft-list",
    ),
    path(
        pgettext_lazy("URL", "consultation/<int:pk>/"),
        views.draft_detail,
        name="draft-detail",
    ),
]
