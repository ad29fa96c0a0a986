"""tact settings: one file, driven by the environment (see docs/architecture.md).

Variables: TACT_DATABASE_URL (default: SQLite in TACT_DATA_DIR), TACT_SECRET_KEY (or
TACT_SECRET_KEY_FILE), TACT_DEBUG, TACT_DATA_DIR, TACT_ALLOWED_HOSTS (comma separated),
TACT_TASK_BACKEND (immediate | database | rq), TACT_REDIS_URL, TACT_SECURE (https deployment).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the file named by NAME_FILE (for container secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


DEBUG = env_bool("TACT_DEBUG", False)
DATA_DIR = Path(os.environ.get("TACT_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

_DEV_SECRET = "dev-insecure-secret-key-change-me-in-production-0123456789abcdefghijklmnop"  # noqa: S105 (debug only)
SECRET_KEY = env_secret("TACT_SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    # Outside debug a key is required; fall back to one kept in the data directory so a
    # single-machine install (make demo, a laptop) works without configuration.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        import secrets

        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        key_file.chmod(0o600)
    SECRET_KEY = key_file.read_text(encoding="utf-8").strip()

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("TACT_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("TACT_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",
    "csp",
    "tact.core",
    "tact.search",
    "tact.accounts",
    "tact.catalog",
    "tact.directory",
    "tact.resolutions",
    "tact.legislation",
    "tact.assistance",
    # Threats before strategies: the demo data of strategies cites a published finding.
    "tact.threats",
    "tact.strategies",
    "tact.evaluation",
    "tact.training",
    "tact.practices",
    "tact.chain",
    "tact.profiles",
    "tact.site",
]

MIDDLEWARE = [
    "tact.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in user kept per site version (tact.accounts.viewers).
    "tact.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "tact.core.middleware.LoginRequiredUnlessPublicMiddleware",
    "tact.core.middleware.BadInputMiddleware",
    # Last, as django-axes requires: answers a locked-out login with 429.
    "axes.middleware.AxesMiddleware",
    # After every middleware that may answer or redirect instead of the view.
    "tact.core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "tact.config.urls"
WSGI_APPLICATION = "tact.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tact.site.context_processors.navigation",
                # After Django's own csrf processor, which it overrides for a cached page.
                "tact.core.pagecache.csrf_placeholder",
            ],
        },
    }
]


def _database() -> dict[str, Any]:
    url = os.environ.get("TACT_DATABASE_URL", "")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "tact.sqlite3")}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL-friendly defaults that hold up under concurrent writers (healthchecks' settings).
        config.setdefault("OPTIONS", {}).update(
            {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            }
        )
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address first
    "django.contrib.auth.backends.ModelBackend",
    # API tokens (asked only by tact.core.api.token_authenticate, never for passwords).
    "tact.accounts.backends.ApiTokenBackend",
]
# Login throttling (django-axes): after TACT_LOGIN_FAILURE_LIMIT failed logins an account,
# and separately an address, is locked for TACT_LOGIN_COOLOFF_MINUTES; the secretariat
# unlocks at /accounts/unlock/ (or `tact axes_reset_username NAME`). Both are audited.
AXES_FAILURE_LIMIT = int(os.environ.get("TACT_LOGIN_FAILURE_LIMIT", 5))
# Before the lock, failures slow the next try: from the 2nd failure on, wait 2 s, then 4 s, 8 s...
TACT_LOGIN_SLOW_AFTER = int(os.environ.get("TACT_LOGIN_SLOW_AFTER", 2))
TACT_LOGIN_SLOW_SECONDS = float(os.environ.get("TACT_LOGIN_SLOW_SECONDS", 2))
AXES_COOLOFF_TIME = int(os.environ.get("TACT_LOGIN_COOLOFF_MINUTES", 15)) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# API tokens: an address that sends this many invalid tokens within the window gets 429.
TACT_TOKEN_FAILURE_LIMIT = int(os.environ.get("TACT_TOKEN_FAILURE_LIMIT", 10))
TACT_TOKEN_FAILURE_WINDOW_SECONDS = 15 * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official UN languages; English is the source language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
# One date format per locale (tact/formats); numbers take the locale's decimal mark. Grouping is
# asked for where a quantity is shown (|floatformat:"g", |intcomma, tact money filters), not
# globally: USE_THOUSAND_SEPARATOR would also group years ("2,024") and ids put in addresses.
FORMAT_MODULE_PATH = ["tact.formats"]
USE_THOUSAND_SEPARATOR = False
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("TACT_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

# Uploads: Django spools to disk above this; each importer also enforces its own limit.
TACT_MAX_UPLOAD_BYTES = int(os.environ.get("TACT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
TACT_MAX_IATI_UPLOAD_BYTES = int(os.environ.get("TACT_MAX_IATI_UPLOAD_BYTES", 200 * 1024 * 1024))
# A rejected (failed) import keeps its upload this many days for the secretariat to inspect;
# `tact purge-rejected-uploads` (daily) deletes it afterwards; 0 deletes it at the next run.
# Backups leave out derived data, which the restore rebuilds with these commands (when present).
# Rebuilt, not backed up: the search index, and the site version of cached pages (a restore
# moves it past every version cached before, see the restore command).
TACT_BACKUP_DERIVED = ["search", "core.siteversion"]
TACT_RESTORE_REBUILD = ["reindex_legislation", "reindex_search"]
TACT_REJECTED_UPLOAD_DAYS = int(os.environ.get("TACT_REJECTED_UPLOAD_DAYS", 7))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work: embedded by default (a database queue that `tact serve` works off in a
# side process), Redis/RQ workers at scale, synchronous in tests.
_task_backend = os.environ.get("TACT_TASK_BACKEND", "database")
TASKS: dict[str, Any] = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.backend.RQBackend",
        }[_task_backend],
    }
}
REDIS_URL = os.environ.get("TACT_REDIS_URL", "redis://127.0.0.1:6379/0")
if _task_backend == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}

CACHES: dict[str, Any] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Whole pages (tact.core.pagecache): in each worker's memory, or shared in Redis when
    # TACT_REDIS_URL is set.
    "pages": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Sites sharing a Redis keep apart (their site versions may be equal).
            "KEY_PREFIX": f"pages:{DATABASES['default']['NAME']}",
        }
        if os.environ.get("TACT_REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tact-pages",
            # At most MAX_ENTRIES x TACT_PAGE_CACHE_MAX_BYTES per worker (pages are 5-260 KB).
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    ),
}
if os.environ.get("TACT_REDIS_URL"):
    # Sessions read from Redis, written through to the database: a signed-in request costs
    # one query less. Only with a cache all workers share: in per-process memory a session
    # ended (log-out) in one worker would live on in the others.
    CACHES["sessions"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"sessions:{DATABASES['default']['NAME']}",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
TACT_PAGE_CACHE = env_bool("TACT_PAGE_CACHE", True)
# An IATI import may read (parse, validate, build) in a thread of its own while the importing
# thread writes (tact.assistance.iati.pipeline): 1 always, 0 never, unset or "auto" only on
# PostgreSQL, where it was measured a third faster (on SQLite it was no faster: decision
# 0004).  The results are the same either way.
_pipeline = os.environ.get("TACT_IMPORT_PIPELINE", "auto").strip().lower()
TACT_IMPORT_PIPELINE: bool | None = (
    None if _pipeline == "auto" else env_bool("TACT_IMPORT_PIPELINE")
)
# Each worker keeps the signed-in users and token owners it has seen, with their access scope,
# per site version (tact.accounts.viewers): a signed-in request costs what an anonymous one does.
TACT_VIEWER_CACHE = env_bool("TACT_VIEWER_CACHE", True)
# The bound on staleness after writes that send no signal (QuerySet.update).
TACT_PAGE_CACHE_SECONDS = int(os.environ.get("TACT_PAGE_CACHE_SECONDS", 120))
TACT_PAGE_CACHE_MAX_BYTES = 512 * 1024
# With a shared page cache (Redis), each worker also keeps the pages it served lately, up to
# this many bytes (tact.core.pagecache._Local): a hit costs no round trip. 0 turns it off; it
# is off without Redis (the page cache is then in the worker's memory already).
TACT_PAGE_CACHE_LOCAL_BYTES = int(
    os.environ.get(
        "TACT_PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024 if os.environ.get("TACT_REDIS_URL") else 0
    )
)
# Read pages and API lists whose response depends only on the data, the viewer and the
# request's path, query and language (no clock, no session state beyond the user).
TACT_PAGE_CACHE_VIEWS = frozenset(
    [
        "site:home",
        "site:search",
        # The facets of a search, asked by its page: the same for every page of the results.
        "site:search_facets",
        "legislation:search",
        "api-v1:search",
        "api-v1:legislation_search",
        "assistance:index",
        "assistance:project_list",
        "assistance:project_detail",
        "assistance:matrix",
        "assistance:map",
        "assistance:map_data",
        "assistance:donor_list",
        "assistance:donor_dashboard",
        "assistance:recipient_dashboard",
        "assistance:need_list",
        "assistance:overlap_list",
        "assistance:contribution_list",
        "directory:state_list",
        "directory:organisation_list",
        "profiles:state",
        "catalog:index",
        "resolutions:index",
        "resolutions:meeting_list",
        "legislation:index",
        "legislation:law_list",
        "legislation:gap_index",
        "legislation:comparison",
        "evaluation:index",
        "evaluation:evaluation_list",
        "evaluation:portfolio",
        "evaluation:good_practices",
        "strategies:index",
        "strategies:coverage",
        "practices:list",
        "threats:index",
        "training:index",
        "api-v1:list_projects",
        "api-v1:list_transactions",
        "api-v1:who_does_what_where",
        "api-v1:map_data",
        "api-v1:list_needs",
        "api-v1:list_overlaps",
        "api-v1:list_contributions",
        "api-v1:list_states",
        "api-v1:list_organisations",
        "api-v1:list_resolutions",
        "api-v1:list_recommendations",
        "api-v1:list_meetings",
        "api-v1:list_laws",
        "api-v1:list_evaluations",
        "api-v1:get_portfolio",
        "api-v1:list_strategies",
        "api-v1:practice_list",
        "api-v1:list_assessments",
        "api-v1:list_programmes",
    ]
)
# Models whose writes change no cached page (sessions, logs, queues, derived caches). Never a
# model of accounts: users, memberships and tokens are kept per site version
# (tact.accounts.viewers), so each of their changes must move it.
# Saves that write only these fields (``update_fields``) leave the site version alone: no
# page or access decision reads them.
TACT_PAGE_CACHE_QUIET_FIELDS: dict[str, set[str]] = {"accounts.User": {"last_login"}}
TACT_PAGE_CACHE_QUIET = frozenset(
    [
        "sessions",
        "admin",
        "axes",
        "django_tasks_database",
        "core.AuditEntry",
        "core.SiteVersion",
        "assistance.DerivedFigures",
        "assistance.SummaryVersion",
        "assistance.SummaryFact",
        "assistance.AssistanceSummary",
        "assistance.ImportRun",
        "search",
    ]
)
# Rows deleted only with their project, whose change moves the assistance summaries' version
# (and so the site's): no delete listener, so that their bulk deletes stay fast.
TACT_PAGE_CACHE_QUIET_DELETES = frozenset(
    [
        "assistance.ParticipatingOrganisation",
        "assistance.ProjectCountry",
        "assistance.ProjectRegion",
        "assistance.ProjectSector",
        "assistance.Budget",
        "assistance.Transaction",
        "assistance.ProjectDocument",
        "assistance.ProjectResult",
        "assistance.ResultIndicator",
    ]
)

# Mail (subscription digests): the console in development, SMTP settings from the environment.
EMAIL_BACKEND = os.environ.get(
    "TACT_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("TACT_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("TACT_DEFAULT_FROM_EMAIL", "tact@localhost")
# Absolute links in mails (digests).
TACT_SITE_URL = os.environ.get("TACT_SITE_URL", "http://127.0.0.1:8000")

# Security: strict by default, relaxed only for a plain-http local run.
SECURE = env_bool("TACT_SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only tact's own scripts and styles, no inline code
# (chart data travels in json_script blocks, behaviour in static/tact/tact.js).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Data-driven widths and colours (bars, meters, heat-map cells) are style attributes;
        # attributes cannot run code, and scripts and style elements stay 'self' only.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_HTTPONLY = True

FORMS_URLFIELD_ASSUME_HTTPS = True
# `tact backup` writes datetimes to the microsecond (core.serializers).
SERIALIZATION_MODULES = {"tactjson": "tact.core.serializers"}
NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TACT_LOG_LEVEL", "WARNING")},
}
