"""WSGI entry point: `gunicorn labsite.wsgi` (see docs/deployment.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labsite.settings.production")

# Settings first (get_wsgi_application sets Django up), then what imports models.
application = get_wsgi_application()

from labsite.pagecache.replay import ReplayStoredPages  # noqa: E402

# A browser's plain GET of a stored page is answered with the bytes of the last identical hit,
# before Django's request cycle (labsite/pagecache/replay.py).
application = ReplayStoredPages(application)
