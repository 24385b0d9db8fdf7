"""The embedded default: SQLite, local media, local-memory cache, nothing to start first."""

import os

from .base import *  # noqa: F403

DEBUG = True
# A fixed key is fine here: this settings module never serves the public.
SECRET_KEY = "labsite-development-only-not-secret"  # noqa: S105
# ".localhost": the demo's second group and department page (fjord.localhost, localhost).
ALLOWED_HOSTS = ["127.0.0.1", ".localhost", "[::1]", "testserver"]

# runserver serves static files itself; whitenoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405

# The site's own 404 and 500 pages, as visitors will see them (Django's debug pages with
# LABSITE_TECHNICAL_ERRORS=1; tracebacks are printed in the terminal either way).
if os.environ.get("LABSITE_TECHNICAL_ERRORS", "") not in ("1", "true", "yes"):
    MIDDLEWARE = [*MIDDLEWARE, "labsite.middleware.SiteErrorPagesMiddleware"]
