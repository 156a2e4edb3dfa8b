"""Settings for the registry portal, one file for every environment.

Everything that differs between a laptop and production comes from the
environment; with nothing set, the portal runs locally on an SQLite file.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    # A fixed key is fine for a laptop; production must bring its own (checked below).
    SECRET_KEY = SECRET_KEY or "insecure-local-development-key-never-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not os.environ.get(name)]
    if missing:
        raise ImproperlyConfigured(
            f"DEBUG is off, so these environment variables must be set: {', '.join(missing)}"
        )

INSTALLED_APPS = [
    # Django's admin, with the index in the order staff work in (portal/apps.py).
    "portal.apps.RegistryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "import_export",
    # django-axes, with a translated name for the admin index (portal/apps.py).
    "portal.apps.AxesConfig",
    "csp",
    "core",
    "councils",
    "members",
    "events",
    # The project package itself: the page cache's signals (portal/apps.py).
    "portal",
]

MIDDLEWARE = [
    # Outermost, so that the logged duration covers every other middleware.
    "portal.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed for phones on slow networks (Lighthouse's mobile check). Django
    # pads each compressed body against BREACH; static files come pre-compressed.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication and locale, so it knows who asks and in which language;
    # before everything that only matters when the page is actually built.
    "portal.cache.AnonymousPageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
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
                "core.context_processors.registry_sources",
            ],
        },
    },
]

# SQLite inside the project folder by default, so a newcomer needs no server;
# DATABASE_URL=postgres://user@host:5432/name selects PostgreSQL (psycopg 3).
# Connections are kept for CONN_MAX_AGE seconds (measured under load: see the
# README) and checked before reuse, so a database restart costs one failed
# check instead of a broken request.
DATABASES = {
    "default": dj_database_url.parse(
        # An empty DATABASE_URL counts as unset, like every other variable here.
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Each test run gets its own test database (named after the process), so two runs
# in one checkout, or on one PostgreSQL server, never drop each other's database.
_TEST_RUN = os.getpid()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The browser tests' live server answers several requests at once; an in-memory
    # test database would be one connection shared by those threads, which deadlocks.
    # A file gives each thread its own connection.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{_TEST_RUN}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_TEST_RUN}"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast while the database is down rather than holding a worker thread.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Japanese is the portal's first language, English the second.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The registry's date formats for `|date`: 2023年11月13日 and 13 November 2023.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

# --- Publisher (the about page, the footer and each page's meta tags) ------------
# Who publishes the registry and where readers report an error. The defaults
# suit a local try-out; `manage.py check --deploy` warns while production still
# shows them.
SITE_PUBLISHER = os.environ.get("SITE_PUBLISHER", "中国地域 半導体関連協議会データベース編集担当")
SITE_PUBLISHER_EN = os.environ.get(
    "SITE_PUBLISHER_EN", "The editors of the Chugoku Semiconductor Council Registry"
)
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "registry@example.com")
# The terms under which the registry's data may be reused. The default is the
# Japanese government's standard terms, which are compatible with CC BY 4.0.
SITE_DATA_TERMS = os.environ.get("SITE_DATA_TERMS", "政府標準利用規約（第2.0版）")
SITE_DATA_TERMS_EN = os.environ.get(
    "SITE_DATA_TERMS_EN", "Government of Japan Standard Terms of Use (Version 2.0)"
)
SITE_DATA_TERMS_URL = os.environ.get("SITE_DATA_TERMS_URL", "")
SITE_DATA_TERMS_CC_BY_COMPATIBLE = env_bool("SITE_DATA_TERMS_CC_BY_COMPATIBLE", default=True)

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_RESET_ON_SUCCESS = True
# Lock out a user name from one address, so that a stranger guessing one
# person's password does not lock every colleague in the same office out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind the proxy, the client's address comes from X-Forwarded-For, believed only
# from these addresses (the proxy's; see portal/lockout.py and docs/security.md).
AXES_CLIENT_IP_CALLABLE = "portal.lockout.client_ip"
TRUSTED_PROXY_IPS = frozenset(env_list("TRUSTED_PROXY_IPS", "127.0.0.1,::1"))
# A page in the admin's look that says how long to wait.
AXES_LOCKOUT_CALLABLE = "portal.lockout.lockout_response"

# Bulk import and export in the admin: every import is a dry run first, each row
# is validated like a form, and the real run is one transaction (all rows or none).
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The portal's public address (https://registry.example.org), from which exports
# and calendars build their absolute links; unset, each request's own host is used
# (fine locally; `manage.py check --deploy` warns about it).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if SITE_URL and (
    not SITE_URL.startswith(("https://", "http://")) or "/" in SITE_URL.split("://", 1)[1]
):
    raise ImproperlyConfigured(
        "SITE_URL must be a scheme and host only, e.g. https://registry.example.org"
    )

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# --- Security -----------------------------------------------------------------
# Cookies only travel over HTTPS in production; locally (DEBUG on, plain HTTP)
# they could not be set at all otherwise.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF token from the cookie.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# HSTS is only ever sent over HTTPS, so it is harmless on a laptop.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a proxy that terminates TLS and always overwrites X-Forwarded-Proto,
# set TRUST_X_FORWARDED_PROTO=1 so Django knows the original request was HTTPS.
# Never set it when clients can reach the portal directly: they could forge it.
if env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere.
# The public pages use no script at all; the admin's scripts are files of ours.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # A few admin templates of django-import-export and django-simple-history
        # carry these fixed style attributes; allowing exactly them by hash keeps
        # inline styles blocked otherwise.
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",  # padding: 0;
            "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",  # font-weight: bold;
            "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",  # border-top: 0
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Cache -----------------------------------------------------------------------
# Local memory by default (one process); REDIS_URL shares one cache between
# every worker and every instance, which scaling out requires.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "registry"),
            # A slow or absent Redis must not hold requests: pages are then built
            # from the database instead.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# Names the release in the keys of cached pages and content, so that a deploy never
# serves what the previous release rendered. Empty: a fingerprint of the code
# (portal.cache.release).
RELEASE = os.environ.get("RELEASE", "")
# How long an anonymous page stays cached when nothing is edited; edits
# invalidate it at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# How much of the cached pages each process also keeps in its own memory, in bytes
# (portal.cache.LocalPages): the pages served most often, ready without a transfer.
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_BYTES", str(16 * 1024 * 1024)))

# --- Logging ---------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.middleware.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Our own one line per request replaces Django's line for 4xx responses.
        "django.request": {"level": "ERROR"},
    },
}

# --- Bulk import in the admin (see portal/imports.py) ----------------------------
# Bounds that fit the registry (its largest table has a few dozen records) with
# room to spare: a preview checks each row like a form, about 20 ms a row on
# SQLite, so the largest file allowed previews in about ten seconds
# (measured: docs/security.md).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "500"))
# A preview not confirmed within this time is removed, and can no longer be confirmed.
IMPORT_PREVIEW_SECONDS = int(os.environ.get("IMPORT_PREVIEW_SECONDS", "3600"))
# Previewed files wait here for their confirmation, under random names. Every
# worker must see the same folder (one machine; or a shared volume).
IMPORT_PREVIEW_DIR = os.environ.get("IMPORT_PREVIEW_DIR") or os.path.join(
    tempfile.gettempdir(), "registry-import-previews"
)
STORAGES["import_export"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": IMPORT_PREVIEW_DIR},
}
IMPORT_EXPORT_TMP_STORAGE_CLASS = "core.imports.PreviewStorage"
# Text that a spreadsheet would take for a formula is exported with a leading "'".
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
# A preview or confirmation still checking rows after this long stops and imports
# nothing, whatever the machine's speed: it would hold a worker and SQLite's lock.
IMPORT_MAX_SECONDS = int(os.environ.get("IMPORT_MAX_SECONDS", "20"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite lets one writer in at a time, and an import writes (and, for a
    # preview, rolls back) for up to IMPORT_MAX_SECONDS: a sign-in or an edit
    # meanwhile waits for it instead of failing after SQLite's usual 5 seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", IMPORT_MAX_SECONDS + 5)
