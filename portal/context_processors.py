from django.conf import settings
from django.utils.functional import SimpleLazyObject

from news.models import Category
from portal.cache import content_version
from portal.models import Link
from portal.stats import visit_figures


def site_categories(request):
    """All categories, read once per request (the menu and the home page's
    category blocks share them), and only if something asks."""
    if not hasattr(request, "_site_categories"):
        request._site_categories = list(Category.objects.all())
    return request._site_categories


def site(request):
    """What every page's chrome needs: site name, main menu, visit figures."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
        "content_version": content_version(),
        "menu_categories": SimpleLazyObject(
            lambda: [c for c in site_categories(request) if c.show_in_menu]
        ),
        "visits": SimpleLazyObject(visit_figures),
        "site_links": Link.objects.filter(is_active=True),
    }
