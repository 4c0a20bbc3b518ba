from django.urls import path

from core.pagecache import page_cache

from . import views

urlpatterns = [
    path("", page_cache(views.home), name="home"),
]
