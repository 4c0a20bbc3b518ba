from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    """How pages are found: feeds, sitemap.xml, robots.txt, canonical URLs."""

    name = "discovery"
    verbose_name = _("Feeds and sitemap")
