"""WSGI entry point: `gunicorn labsite.wsgi` (see docs/deployment.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labsite.settings.production")

application = get_wsgi_application()
