from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = _("Photo library")

    def ready(self):
        from core import sections

        from .models import Album, Photo

        # Album pages are cached under the content version: a change to any
        # library photo (also shown in articles) starts a new one.
        sections.register(
            Album,
            public=Album.objects.public,
            sitemap=sections.Sitemap(
                items=Album.objects.for_sitemap,
                lastmod="updated_at",
                pages=("photos:album-list",),
            ),
            tracks=(Photo,),
        )
