from django.conf import settings

from core.counting import is_bot

from . import visits


class VisitCounterMiddleware:
    """Counts successful public HTML page views by people (not bots, not the
    admin, not static files), in the cache."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = (
            f"/{settings.ADMIN_URL}",
            f"/{settings.STATIC_URL}",
            f"/{settings.MEDIA_URL}",
        )

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path_info.startswith(self.excluded)
            and not is_bot(request.META.get("HTTP_USER_AGENT", ""))
        ):
            visits.record_visit(request)
        return response
