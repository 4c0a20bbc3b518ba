from django.conf import settings

from .cache import content_version


def site(request):
    """What every page's chrome needs: site name, contact, the page cache."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
        "content_version": content_version(),
    }
