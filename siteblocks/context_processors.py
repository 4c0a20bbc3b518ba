from django.utils.functional import SimpleLazyObject

from .models import Link
from .visits import visit_figures


def blocks(request):
    """The footer's blocks: website links and visit figures."""
    return {
        "visits": SimpleLazyObject(visit_figures),
        "site_links": Link.objects.filter(is_active=True),
    }
