from .models import Link


def blocks(request):
    """The footer's website links (the visit figures are a hole: visits.py)."""
    return {"site_links": Link.objects.filter(is_active=True)}
