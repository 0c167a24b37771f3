"""Settings, all read from the environment.

LLCT_DATA_DIR     where the SQLite database, task queue and uploads live (default ./var, created on use)
DATABASE_URL      e.g. postgres://user:pass@host:5432/llct; SQLite in LLCT_DATA_DIR when unset
LLCT_PRODUCTION   "1" turns on production mode: DEBUG off, secure cookies, HSTS, and requires
                  LLCT_SECRET_KEY and LLCT_ALLOWED_HOSTS
LLCT_SECRET_KEY   the secret key (required in production)
LLCT_ALLOWED_HOSTS comma-separated host names (required in production)
LLCT_REDIS_URL    run the task queue and the shared cache on Redis instead of the SQLite file and the database
LLCT_DB_CONN_MAX_AGE seconds a PostgreSQL connection is kept for reuse (default 60; SQLite keeps its own)
LLCT_TRUSTED_PROXIES reverse proxies whose X-Forwarded-For names the client (default none)
The others (verification rate limit, public URL, login limits, session length, logging, ...) are in the
README's configuration table.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from llct.datadir import SqliteConnection

PACKAGE_DIR = Path(__file__).resolve().parent
# Created on first write, not here (llct.datadir): `llct screen` without an installation writes nothing.
DATA_DIR = Path(os.environ.get("LLCT_DATA_DIR", Path.cwd() / "var")).resolve()

PRODUCTION = os.environ.get("LLCT_PRODUCTION", "") == "1"
DEBUG = not PRODUCTION and os.environ.get("LLCT_DEBUG", "") == "1"  # tracebacks in pages: developers only

if PRODUCTION:
    try:
        SECRET_KEY = os.environ["LLCT_SECRET_KEY"]
        ALLOWED_HOSTS = [h.strip() for h in os.environ["LLCT_ALLOWED_HOSTS"].split(",") if h.strip()]
    except KeyError as missing:
        raise ImproperlyConfigured(f"Production mode needs the environment variable {missing}.") from None
else:
    SECRET_KEY = os.environ.get("LLCT_SECRET_KEY", "django-insecure-llct-development-only-key")
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "treebeard",
    "axes",
    "huey.contrib.djhuey",
    "ninja",  # the API docs from its own static files, not a CDN (the CSP allows the site's files only)
    "llct.accounts",
    "llct.registry",
    "llct.training",
    "llct.credentials",
    "llct.eligibility",
    "llct.web",
    "llct.oversight",
    "llct.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "llct.web.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "llct.web.nul.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "llct.web.htmx.VaryOnHtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "llct.urls"
WSGI_APPLICATION = "llct.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Persistent connections (opening one costs about 2 ms, more than a verification request): kept for
# LLCT_DB_CONN_MAX_AGE seconds on PostgreSQL, for the life of the worker thread on SQLite (a local file);
# checked before reuse in a request (one round trip on PostgreSQL, nothing on SQLite), so a restarted
# database server fails no request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'llct.sqlite3'}",
        conn_max_age=int(os.environ.get("LLCT_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL is set once, in the file, by migration credentials 0003; synchronous is per connection.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"]["factory"] = SqliteConnection  # makes DATA_DIR on first connection

# A cache every worker process shares (the verification rate limit counts in it): Redis when
# LLCT_REDIS_URL is set, else a table of the database (created by `llct migrate`), through Django's
# database cache with an atomic increment (llct.credentials.cache).
if os.environ.get("LLCT_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["LLCT_REDIS_URL"],
            "KEY_PREFIX": "llct",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "llct.credentials.cache.DatabaseCache",
            "LOCATION": "llct_cache",
            "KEY_PREFIX": "llct",
        }
    }

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); from any
# other peer the client is REMOTE_ADDR, since the header is whatever the client wrote.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("LLCT_TRUSTED_PROXIES", "").split(",") if p.strip()]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Password guessing: five failures for one user name from one address lock that pair for 30 minutes, and
# fifty from one address, whatever the user names, lock the address (llct.accounts.throttling). Failures
# during a lockout do not extend it.
AXES_FAILURE_LIMIT = int(os.environ.get("LLCT_LOGIN_FAILURE_LIMIT", "5"))
LLCT_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LLCT_LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "llct.accounts.throttling.PairAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client as the verification rate limit sees it (llct.accounts.clients): X-Forwarded-For only from
# LLCT_TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "llct.accounts.throttling.login_client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# A working day; a session idle for 2 hours ends, and every session ends when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("LLCT_SESSION_SECONDS", str(2 * 60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["llct.formats"]
# Off: with it on, every integer a template prints is grouped, ids and years included ("1.911" in an HTML
# id or a form value). Counts are grouped where they are shown, with `intcomma` (it groups the locale's way).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Out of production the static files are served straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

# Long jobs (imports, bulk screening, bulk issuing) run in Huey: a SQLite file by default, Redis when given.
HUEY = {
    "name": "llct",
    "immediate": os.environ.get("LLCT_TASKS_IMMEDIATE", "") == "1",
    "results": True,
    "consumer": {"workers": 2, "worker_type": "thread"},
}
if os.environ.get("LLCT_REDIS_URL"):
    HUEY["huey_class"] = "huey.RedisHuey"
    HUEY["url"] = os.environ["LLCT_REDIS_URL"]
else:
    HUEY["huey_class"] = "llct.datadir.LazySqliteHuey"  # opens (and creates) its file on first use
    HUEY["filename"] = str(DATA_DIR / "tasks.sqlite3")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

if PRODUCTION:
    DEBUG = False
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("LLCT_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"answers": {"()": "llct.web.logs.AnswersWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["answers"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LLCT_LOG_LEVEL", "WARNING")},
}
