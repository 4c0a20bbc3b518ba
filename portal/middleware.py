import base64
import hashlib
import logging
import re

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from core.client import client_address, is_trusted_proxy

logger = logging.getLogger(__name__)


class ClientAddressMiddleware:
    """REMOTE_ADDR becomes the visitor's address (core.client), so that every
    later reader — rate limits, visit counting, django-axes, logs — agrees;
    the proxy's address is kept in PROXY_ADDR. Forwarding headers from a peer
    that is not a trusted proxy are dropped: they are the sender's claims."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        if is_trusted_proxy(peer):
            meta["PROXY_ADDR"] = peer
            meta["REMOTE_ADDR"] = client_address(request)
        else:
            for header in ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO"):
                meta.pop(header, None)
        return self.get_response(request)


_IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response, and CSP hashes for the admin
    editor's inline import maps (JSON data, not code) so that script-src can
    stay 'self' without 'unsafe-inline'."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path_info.startswith(f"/{settings.ADMIN_URL}") and not getattr(
            response, "streaming", False
        ):
            hashes = [
                f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
                for body in _IMPORTMAP.findall(response.content)
            ]
            if hashes:
                response._csp_update = {"script-src": hashes}
        return response


class DatabaseUnavailableMiddleware:
    """When the database is unreachable, answer 503 with a page that needs no
    database, and try again on the next request (Django reconnects by itself)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
