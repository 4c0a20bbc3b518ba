from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The base layer: helpers every app may use; it imports no app."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from . import checks  # noqa: F401 - registers itself

        # A hard ceiling for every image Pillow opens in this process.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
