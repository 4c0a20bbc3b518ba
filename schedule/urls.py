from django.urls import path
from django.utils.translation import pgettext_lazy

from core.pagecache import page_cache

from . import views

app_name = "schedule"

urlpatterns = [
    path(
        pgettext_lazy("URL", "work-schedule/"),
        views.current_week,
        name="week-current",
    ),
    path(
        pgettext_lazy("URL", "work-schedule/<int:year>/<int:week>/"),
        page_cache(views.week),
        name="week",
    ),
    path(
        pgettext_lazy("URL", "work-schedule/<int:year>/<int:week>/print/"),
        page_cache(views.week_print),
        name="week-print",
    ),
]
