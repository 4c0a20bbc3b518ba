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


@register(Tags.security, deploy=True)
def production_front_check(app_configs, **kwargs):
    """Combinations that serve pages but misbehave in production."""
    errors = []
    if settings.WEB_CONCURRENCY > 1 and not settings.REDIS_URL:
        errors.append(
            Error(
                f"WEB_CONCURRENCY is {settings.WEB_CONCURRENCY} but there is no shared "
                "cache: each process would keep its own page cache, rate limits and "
                "visit counts.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), or run one "
                "process (WEB_CONCURRENCY=1).",
                id="portal.E002",
            )
        )
    if settings.BEHIND_PROXY and not settings.TRUSTED_PROXIES:
        errors.append(
            Error(
                "BEHIND_PROXY is on but TRUSTED_PROXIES is empty: every visitor "
                "would share the proxy's address (one rate limit for the whole "
                "town, admin lockout per user name), and X-Forwarded-Proto is "
                "ignored, so HTTPS is not recognised.",
                hint="Set TRUSTED_PROXIES to the reverse proxy's address or network, "
                "e.g. TRUSTED_PROXIES=127.0.0.1 when nginx runs on the same machine.",
                id="portal.E003",
            )
        )
    if settings.SERVE_MEDIA and not settings.DEBUG:
        errors.append(
            Error(
                "SERVE_MEDIA is on: Django would serve uploaded files itself, "
                "slowly and without the web server's protections.",
                hint="Serve MEDIA_ROOT from the web server (see docs/DEPLOYMENT.md) "
                "and unset SERVE_MEDIA.",
                id="portal.E004",
            )
        )
    return errors


def require_production_settings():
    """Called where pages are served (portal.wsgi, portal.asgi): fail at start
    with a clear message rather than serve with a throw-away key."""
    missing = settings.MISSING_PRODUCTION_SETTINGS
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} must be set when DEBUG is off "
            "(see README.md, Configuration)."
        )
