from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete, post_save
        from PIL import Image

        from portal import checks, stats  # noqa: F401 - checks registers itself
        from portal.cache import track_content

        from .abbreviations import glossary_changed
        from .models import Abbreviation, Link, SiteStatistics, Song, TownMap

        # A hard ceiling for every image Pillow opens in this process.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS

        track_content(Link, Song, TownMap)
        post_save.connect(
            stats.total_changed,
            sender=SiteStatistics,
            dispatch_uid="stats-total-changed",
        )
        # Article bodies are cached with their abbreviations marked up.
        post_save.connect(
            glossary_changed, sender=Abbreviation, dispatch_uid="glossary-saved"
        )
        post_delete.connect(
            glossary_changed, sender=Abbreviation, dispatch_uid="glossary-deleted"
        )
