from django.urls import path
from django.utils.translation import pgettext_lazy

from core.pagecache import page_cache

from . import views

app_name = "organisation"

urlpatterns = [
    path(
        pgettext_lazy("URL", "about/"),
        page_cache(views.about_index),
        name="about-index",
    ),
    path(
        pgettext_lazy("URL", "about/organisation/"),
        page_cache(views.organisation_chart),
        name="organisation-chart",
    ),
    path(
        pgettext_lazy("URL", "about/functions/"),
        page_cache(views.functions),
        name="functions",
    ),
    path(
        pgettext_lazy("URL", "about/leaders/"),
        page_cache(views.leaders),
        name="leaders",
    ),
    path(
        pgettext_lazy("URL", "about/unit/<slug:slug>/"),
        page_cache(views.unit_detail),
        name="unit-detail",
    ),
    path(
        pgettext_lazy("URL", "about/person/<int:pk>.vcf"),
        views.person_vcard_download,
        name="person-vcard",
    ),
    path(
        pgettext_lazy("URL", "about/<slug:slug>/"),
        page_cache(views.about_page),
        name="about-page",
    ),
]
