"""Settings for the test suite: production settings with what tests need."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SERVE_MEDIA", "true")

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-static-"))  # noqa: F405

# Count and show every visit at once, so that tests see each one.
VISIT_BUFFER_SECONDS = 0
# Pages are not kept in the process's own memory: each test sees the shared
# cache (tests/core/test_pagecache.py switches it on where it is tested).
PAGE_LOCAL_SECONDS = 0
QUESTIONS_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-private-"))  # noqa: F405
