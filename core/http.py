"""Request checks shared by the apps' views."""

from urllib.parse import urlsplit

from django.conf import settings


def is_same_origin(request) -> bool:
    """Whether a POST comes from one of the portal's own pages.

    Browsers send ``Origin`` with every form POST and fetch() (older ones at
    least a ``Referer``, which the portal's Referrer-Policy keeps for its own
    pages); another site's page cannot forge either. This protects forms on
    pages cached whole for everyone, which cannot carry a per-visitor CSRF
    token (core.pagecache)."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        referer = urlsplit(request.headers.get("Referer", ""))
        if not referer.scheme or not referer.netloc:
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
