"""Browser tests: Playwright drives Debian's Chromium (never a downloaded one)
against the portal served by pytest-django's live server."""

import io
import os
from importlib import import_module
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright runs an event loop in the test thread; the ORM calls in these
# tests are synchronous set-up, not concurrent access.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Written where git ignores them; `make screenshots` refreshes docs/screenshots.
SCREENSHOTS = Path(
    os.environ.get(
        "SCREENSHOTS_DIR", Path(__file__).resolve().parents[2] / "screenshots"
    )
)
WIDTHS = {"phone": 390, "desktop": 1280}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


def reseed_migration_data():
    """transactional_db empties every table after a test, including the rows
    that data migrations seeded (issuing bodies, award forms, the glossary):
    put them back for the next test."""
    from django.apps import apps

    from awards.models import IssuingBody
    from portal.models import Abbreviation

    if not IssuingBody.objects.exists():
        import_module("awards.migrations.0002_seed_registry").seed(apps, None)
    if not Abbreviation.objects.exists():
        import_module("portal.migrations.0001_glossary").seed_glossary(apps, None)


@pytest.fixture
def site(live_server, transactional_db):
    """The portal with its demo content, served on a free local port."""
    reseed_migration_data()
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def screenshot():
    def take(page, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take
