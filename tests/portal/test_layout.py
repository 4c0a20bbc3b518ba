"""The house's layout: portal/ is the project package only, and imports
between the apps only point down their layers (pyproject.toml, importlinter)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROJECT_PACKAGE = {
    "__init__.py",
    "apps.py",
    "asgi.py",
    "checks.py",
    "middleware.py",
    "settings.py",
    "urls.py",
    "wsgi.py",
    "formats",
}


def test_portal_holds_only_the_project_package():
    portal = Path(settings.BASE_DIR) / "portal"
    found = {
        path.name
        for path in portal.iterdir()
        if path.name != "__pycache__" and not path.name.startswith(".")
    }
    assert found <= PROJECT_PACKAGE, f"features in portal/: {found - PROJECT_PACKAGE}"


def test_imports_only_point_down_the_layers():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists() and not shutil.which("lint-imports"):
        pytest.fail("import-linter is not installed (requirements-dev.txt)")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [str(lint_imports), "--no-logo", "--no-cache"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
