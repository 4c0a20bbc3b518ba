import pytest
from django.utils import translation


@pytest.fixture
def vi_catalog():
    """Skip until the awards msgids are merged into locale/vi (they are kept in
    awards-vi.json meanwhile)."""
    with translation.override("vi"):
        if translation.gettext("Honour roll") == "Honour roll":
            pytest.skip("awards msgids not yet merged into locale/vi")
