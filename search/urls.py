from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

urlpatterns = [
    path(pgettext_lazy("URL", "search/"), views.search, name="search"),
]
