from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package: installed only so that its system checks register."""

    name = "portal"

    def ready(self):
        from . import checks  # noqa: F401 - registers itself
