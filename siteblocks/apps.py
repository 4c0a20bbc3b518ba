from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteBlocksConfig(AppConfig):
    """The citizens' blocks around the news: website links, town maps, songs
    about the town, visit statistics and the glossary of abbreviations."""

    name = "siteblocks"
    # Staff have known these under "Portal" in the admin since the first release.
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_save

        from core import pagecache, sections
        from core.cache import track_content

        from . import visits
        from .models import (
            Abbreviation,
            Link,
            SiteSettings,
            SiteStatistics,
            Song,
            TownMap,
        )

        track_content(Link, Song, TownMap, SiteSettings)
        pagecache.register_hole("visits", visits.render_figures)
        # Registering tracks the glossary: article bodies are cached with their
        # abbreviations marked up, under the content version.
        sections.register(
            Abbreviation,
            sitemap=sections.Sitemap(pages=("glossary",)),
        )
        post_save.connect(
            visits.total_changed,
            sender=SiteStatistics,
            dispatch_uid="stats-total-changed",
        )
