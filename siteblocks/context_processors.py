from django.utils.functional import SimpleLazyObject

from .models import Link, SiteSettings


def blocks(request):
    """The footer's website links and legal details (the visit figures are a
    hole: visits.py). Lazy: read only when the cached footer is cold."""
    return {
        "site_links": Link.objects.filter(is_active=True),
        "site_settings": SimpleLazyObject(SiteSettings.load),
    }
