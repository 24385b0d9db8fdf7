"""Test settings: the embedded default, made fast; DATABASE_URL switches to PostgreSQL.

`make test` always runs on this module (pytest --ds), whatever the caller exported. When
DATABASE_URL is set, tests/conftest.py stops the session at start unless the connection
really is PostgreSQL, and prints the vendor and server version in pytest's header.
"""

import os

import dj_database_url

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
# CI runs the SQLite and PostgreSQL passes side by side: each keeps its files apart.
_RUN = "postgresql" if DATABASE_URL.startswith("postgres") else "sqlite"
MEDIA_ROOT = BASE_DIR / "var" / f"test-media-{_RUN}"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / f"test-private-{_RUN}"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS  # noqa: F405

if "postgresql" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    # A statement that waits a minute for a lock is stuck (two connections of one test waiting
    # on each other): it fails with the statement named instead of hanging the run.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c lock_timeout=60s"  # noqa: F405
    # Wagtail's search index on PostgreSQL uses its full-text fields, which Django 6.1's checks
    # want registered (postgres.E005).
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]  # noqa: F405

# Each test builds its own data and rolls it back, which sends no signal: a stored page would
# outlive its test. Page-cache tests switch storing on for themselves.
PAGE_CACHE_STORE = False
# One per test process (pytest-xdist's workers): another worker's changes must not make this
# one's kept values stale in the middle of a test that counts their queries.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
PAGE_CACHE_STAMP_FILE = BASE_DIR / "var" / f"test-pagecache-generation-{_RUN}-{_WORKER}"  # noqa: F405
# The demo's generated pictures at a quarter of their size: each test session loads the demo
# and makes every rendition of them (a third of the time it takes).
LABSITE_DEMO_IMAGE_SCALE = 0.25
# The live server's threads share SQLite's in-memory connection: one request at a time
# (tests/support/serial_requests.py).
MIDDLEWARE = ["tests.support.serial_requests.SerialRequests", *MIDDLEWARE]  # noqa: F405
# Tests never purge a proxy that the caller's environment may name.
WAGTAILFRONTENDCACHE = None
CITATION_REQUEST_PAUSE = 0
