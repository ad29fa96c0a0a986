"""Settings for the test suite: the production settings with fast, local overrides."""

import os

os.environ.setdefault("TACT_SECRET_KEY", "test-secret-key-not-for-production-use-0123456789abcdef")
os.environ["TACT_TESTING"] = "1"
os.environ.setdefault("TACT_DATA_DIR", os.path.join(os.getcwd(), "var", "test"))

from tact.config.settings import *  # noqa: F403
from tact.config.settings import STORAGES, TASKS

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
TASKS["default"] = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Persistent connections outlive live-server threads and block dropping the test database.
for _db in DATABASES.values():  # noqa: F405
    _db["CONN_MAX_AGE"] = 0
    if _db["ENGINE"].endswith("postgresql"):
        # A test database is thrown away: its commits (migrations, live-server tests) need not
        # wait for the disk.
        _db.setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
# Failed logins are not slowed in the suite (tests of the slowdown turn it on and move the clock).
TACT_LOGIN_SLOW_SECONDS = 0
# Tests write inside transactions that never commit: the site version would not move. The
# page cache's own tests turn it on.
TACT_PAGE_CACHE = False
# The viewers kept per site version likewise (tact.accounts.viewers; its tests turn it on).
TACT_VIEWER_CACHE = False
# Pages kept in the worker in front of a shared cache (tact.core.pagecache; its tests turn it on).
TACT_PAGE_CACHE_LOCAL_BYTES = 0
