from django.urls import path
from django.utils.translation import pgettext_lazy

from core.pagecache import page_cache

from . import views

app_name = "news"

urlpatterns = [
    path(
        pgettext_lazy("URL", "news/<slug:slug>/"),
        page_cache(views.ArticleDetailView.as_view()),
        name="article-detail",
    ),
    path(
        pgettext_lazy("URL", "news/<slug:slug>/rate/"),
        views.article_rate_view,
        name="article-rate",
    ),
    path(
        pgettext_lazy("URL", "category/<slug:slug>/"),
        page_cache(views.CategoryDetailView.as_view(), params=("page",)),
        name="category-detail",
    ),
]
