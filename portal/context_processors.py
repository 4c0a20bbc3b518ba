from django.conf import settings

from news.models import Category


def site(request):
    """What every page's chrome needs: the site name and the main menu."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "menu_categories": Category.objects.filter(show_in_menu=True).only(
            "pk", "slug", "name_vi", "name_en"
        ),
    }
