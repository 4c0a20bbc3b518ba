from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from portal.cache import track_content

        from .models import Article, Category, Photo

        track_content(Article, Category, Photo)
