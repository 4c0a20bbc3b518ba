from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .cache import content_version


def site(request):
    """What every page's chrome needs: site name, contact, the page cache."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
        # Read only by pages that cache fragments under it.
        "content_version": SimpleLazyObject(
            lambda: getattr(request, "content_version", None) or content_version()
        ),
    }
