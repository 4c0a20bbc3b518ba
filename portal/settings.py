"""Settings for the Hồng Lĩnh portal.

One module for every deployment: whatever differs between a laptop and
production comes from the environment (see README.md, "Configuration").
"""

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}."
        ) from exc


DEBUG = env_bool("DEBUG")

# What production cannot run without. Commands that do not serve pages
# (makemigrations, collectstatic…) still work; serving refuses to start
# (portal.wsgi, portal.asgi) and `check --deploy` fails (portal.checks).
MISSING_PRODUCTION_SETTINGS = []

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
    else:
        MISSING_PRODUCTION_SETTINGS.append("SECRET_KEY")
        # Random per process: nothing signed with it outlives the process.
        SECRET_KEY = secrets.token_urlsafe(50)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    MISSING_PRODUCTION_SETTINGS.append("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "core.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "simple_history",
    "django_prose_editor",
    "csp",
    "axes",
    # The project package (system checks), then the layers, bottom up
    # (see README, Layout): base, content apps, site-wide apps.
    "portal",
    "core",
    "organisation",
    "photos",
    "audit",
    "news",
    "awards",
    "siteblocks",
    "documents",
    "questions",
    "schedule",
    "home",
    "search",
    "discovery",
]

MIDDLEWARE = [
    # First: everything after it sees the visitor's address, not the proxy's.
    "portal.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304 answers for pages, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "siteblocks.middleware.VisitCounterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Whole anonymous pages from one cache read (core.pagecache).
    "core.pagecache.PageCacheMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "news.context_processors.menu",
                "siteblocks.context_processors.blocks",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# How many server processes serve the site (gunicorn reads it too): more than
# one needs a shared cache (REDIS_URL), which `check --deploy` enforces.
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 1)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages and fragments are cached under a content version (core.cache), so
# this is only an upper bound on how long an unchanged fragment is kept.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How long browsers and proxies may keep a public page: a publication is never
# hidden for longer than this (core.pagecache).
PUBLIC_PAGE_MAX_AGE = env_int("PUBLIC_PAGE_MAX_AGE", 5)
# Each process also keeps the pages it served last in its own memory this
# long (core.pagecache): no cache round-trip for a popular page.
PAGE_LOCAL_SECONDS = float(os.environ.get("PAGE_LOCAL_SECONDS", "") or 2)
# Each process pushes its visit counts to the shared cache, and reads the
# figures back, at most this often (siteblocks.visits).
VISIT_BUFFER_SECONDS = float(os.environ.get("VISIT_BUFFER_SECONDS", "") or 1)
# How often each process re-reads the content version from the database: a
# change saved by any process shows everywhere within this time (core.cache).
CONTENT_VERSION_RECHECK_SECONDS = float(
    os.environ.get("CONTENT_VERSION_RECHECK_SECONDS", "") or 0.5
)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and region: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)
# The admin's translation tabs need jQuery UI; a CDN copy breaks offline and
# under a Content-Security-Policy, so we serve our own.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: photos are checked again by core.images, these cap the request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 15 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
IMAGE_RENDITION_WIDTHS = (480, 960, 1600)
AUDIO_MAX_UPLOAD_BYTES = env_int("AUDIO_MAX_UPLOAD_BYTES", 30 * 1024 * 1024)
DOCUMENT_MAX_UPLOAD_BYTES = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
LOGIN_URL = "admin:login"

# Security. HTTPS-only settings switch on with HTTPS=true (behind TLS).
HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS)
# Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed
# only from these addresses or networks (core.client); never by default.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network."
        ) from exc
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Browser features the portal never uses are switched off for every page.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# No inline or third-party scripts anywhere: script-src is 'self' only. Inline
# styles stay allowed because the admin and its editor set style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Admin login: lock a user name from an address after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_VERBOSE = False
# The visitor's address by the portal's one rule (TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

SITE_NAME = _("Hong Linh Town Portal")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")

# Mail: the console by default (a message is printed, nothing leaves the
# machine); SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Citizens' questions (questions app).
QUESTIONS_ANSWER_WORKING_DAYS = env_int("QUESTIONS_ANSWER_WORKING_DAYS", 10)
QUESTIONS_RETENTION_DAYS = env_int("QUESTIONS_RETENTION_DAYS", 730)
QUESTIONS_ATTACHMENT_MAX_BYTES = env_int(
    "QUESTIONS_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024
)
QUESTIONS_SUBMISSIONS_PER_HOUR = env_int("QUESTIONS_SUBMISSIONS_PER_HOUR", 5)
QUESTIONS_LOOKUPS_PER_10_MINUTES = env_int("QUESTIONS_LOOKUPS_PER_10_MINUTES", 20)
QUESTIONS_EMAIL_MAX_ATTEMPTS = env_int("QUESTIONS_EMAIL_MAX_ATTEMPTS", 10)
# Attachments are personal data: outside MEDIA_ROOT, never served directly.
QUESTIONS_PRIVATE_ROOT = Path(
    os.environ.get("QUESTIONS_PRIVATE_ROOT", BASE_DIR / "private-media")
)
# The audit trail (audit/recorder.py) records every save and deletion of the
# models of these apps, except the counters listed below.
AUDIT_APP_LABELS = env_list(
    "AUDIT_APP_LABELS",
    "news,awards,siteblocks,documents,questions,schedule,organisation,photos,auth",
)
AUDIT_EXCLUDED_MODELS = [
    "news.rating",
    "news.articleviews",
    "auth.permission",
    "awards.importupload",
    "questions.questionemail",
]
# Citizens' personal data: the trail records that these changed, never their values.
AUDIT_PERSONAL_FIELDS = [
    "questions.question.name",
    "questions.question.phone",
    "questions.question.email",
    "questions.question.address",
    "questions.question.content",
    "documents.comment.email",
    "documents.comment.phone",
]
