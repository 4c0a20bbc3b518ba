import os
import subprocess
import sys

from django.conf import settings

BASE_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "portal.settings",
}


def run(*args, **env):
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def manage(*args, **env):
    return run("manage.py", *args, **env)


def serve(**env):
    """Load the WSGI application, as gunicorn does when it starts."""
    return run("-c", "import portal.wsgi", **env)


def test_production_without_a_secret_key_refuses_to_serve():
    result = serve(ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert (
        serve(ALLOWED_HOSTS="portal.example.org", SECRET_KEY="k" * 60).returncode == 0
    )


def test_production_without_allowed_hosts_refuses_to_serve():
    result = serve(SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_deploy_check_reports_missing_production_settings():
    result = manage("check", "--deploy", ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "portal.E001" in result.stderr
    assert "SECRET_KEY is not set." in result.stderr


def test_commands_that_do_not_serve_work_without_production_settings():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_deploy_check_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        ALLOWED_HOSTS="honglinh.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_defaults_to_off():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)",
        SECRET_KEY="k" * 60, ALLOWED_HOSTS="a.example",
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "False True"


PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
    "ALLOWED_HOSTS": "honglinh.example.org",
}


def deploy_check(**env):
    return manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **env)


def test_deploy_check_names_several_workers_without_a_shared_cache():
    result = deploy_check(WEB_CONCURRENCY="4")
    assert result.returncode != 0
    assert "portal.E002" in result.stderr and "REDIS_URL" in result.stderr
    shared = deploy_check(WEB_CONCURRENCY="4", REDIS_URL="redis://127.0.0.1:6379/0")
    assert shared.returncode == 0, shared.stderr


def test_deploy_check_names_a_proxy_without_trusted_proxies():
    result = deploy_check(BEHIND_PROXY="true")
    assert result.returncode != 0
    assert "portal.E003" in result.stderr and "TRUSTED_PROXIES" in result.stderr
    trusted = deploy_check(BEHIND_PROXY="true", TRUSTED_PROXIES="127.0.0.1")
    assert trusted.returncode == 0, trusted.stderr


def test_deploy_check_names_media_served_by_django():
    result = deploy_check(SERVE_MEDIA="true")
    assert result.returncode != 0
    assert "portal.E004" in result.stderr and "SERVE_MEDIA" in result.stderr


def test_a_malformed_trusted_proxy_stops_the_settings():
    result = manage("check", TRUSTED_PROXIES="nginx.local", **PRODUCTION)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'nginx.local' is not an IP address" in result.stderr
