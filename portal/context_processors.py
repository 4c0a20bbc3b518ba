from django.conf import settings

from news.models import Category
from portal.cache import content_version


def site(request):
    """What every page's chrome needs: the site name and the main menu."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
        "content_version": content_version(),
        "menu_categories": Category.objects.filter(show_in_menu=True).only(
            "pk", "slug", "name_vi", "name_en"
        ),
    }
