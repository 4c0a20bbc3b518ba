from django.shortcuts import render
from django.utils.translation import get_language

from .engine import site_search


def search(request):
    """Public rows of every searchable section matching ?q=, best first."""
    results = site_search(
        query=request.GET.get("q", ""),
        page=request.GET.get("page") or 1,
        language=get_language() or "vi",
    )
    return render(request, "search/search.html", {"search": results})
