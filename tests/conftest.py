import pytest
from django.core.cache import cache
from django.utils import translation

from core.cache import forget_local_version
from core.pagecache import forget_local_pages
from news import most_read
from siteblocks import visits


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in Vietnamese (the default) with an empty cache: a
    request to /en/ leaves English active in the thread otherwise."""
    cache.clear()
    forget_local_version()
    forget_local_pages()
    visits.forget_local_state()
    most_read.forget_local_state()
    with translation.override("vi"):
        yield
    cache.clear()
    forget_local_version()
    forget_local_pages()
    visits.forget_local_state()
    most_read.forget_local_state()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "bientap", "bientap@example.org", "mat-khau-1"
    )
    client.force_login(user)
    return client
