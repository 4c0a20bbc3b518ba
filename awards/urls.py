from django.urls import path
from django.utils.translation import pgettext_lazy

from core.pagecache import page_cache

from . import views

app_name = "awards"

urlpatterns = [
    path(
        pgettext_lazy("URL", "commendations/"),
        page_cache(
            views.DecisionListView.as_view(), params=("page", "year", "form", "kind")
        ),
        name="decision-list",
    ),
    path(
        pgettext_lazy("URL", "commendations/export.xlsx"),
        views.honour_roll_export,
        {"fmt": "xlsx"},
        name="export-xlsx",
    ),
    path(
        pgettext_lazy("URL", "commendations/export.csv"),
        views.honour_roll_export,
        {"fmt": "csv"},
        name="export-csv",
    ),
    path(
        pgettext_lazy("URL", "commendations/decision/<int:pk>/"),
        page_cache(views.DecisionDetailView.as_view()),
        name="decision-detail",
    ),
    path(
        pgettext_lazy("URL", "commendations/decision/<int:pk>/print/"),
        views.DecisionPrintView.as_view(),
        name="decision-print",
    ),
    path(
        pgettext_lazy("URL", "commendations/recipient/<int:pk>/"),
        page_cache(views.recipient_detail),
        name="recipient-detail",
    ),
    path(
        pgettext_lazy("URL", "commendations/certificate/<int:pk>/"),
        views.certificate,
        name="certificate",
    ),
]
