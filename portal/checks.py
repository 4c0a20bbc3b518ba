from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def production_settings_check(app_configs, **kwargs):
    return [
        Error(
            f"{name} is not set.",
            hint="Set it in the environment (see README.md, Configuration).",
            id="portal.E001",
        )
        for name in settings.MISSING_PRODUCTION_SETTINGS
    ]


def require_production_settings():
    """Called where pages are served (portal.wsgi, portal.asgi): fail at start
    with a clear message rather than serve with a throw-away key."""
    missing = settings.MISSING_PRODUCTION_SETTINGS
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} must be set when DEBUG is off "
            "(see README.md, Configuration)."
        )
