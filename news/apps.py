from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.cache import content_changed

        from .models import Article, Category, Photo

        for model in (Article, Category, Photo):
            post_save.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"content-{model.__name__}-saved",
            )
            post_delete.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"content-{model.__name__}-deleted",
            )
