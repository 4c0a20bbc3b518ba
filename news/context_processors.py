from django.utils.functional import SimpleLazyObject

from .models import Category


def site_categories(request):
    """All categories, read once per request (the menu and the home page's
    category blocks share them), and only if something asks."""
    if not hasattr(request, "_site_categories"):
        request._site_categories = list(Category.objects.all())
    return request._site_categories


def menu(request):
    """The categories in the main menu."""
    return {
        "menu_categories": SimpleLazyObject(
            lambda: [c for c in site_categories(request) if c.show_in_menu]
        )
    }
