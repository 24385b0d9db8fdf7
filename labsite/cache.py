"""Pages whose content changes at a known moment (a deadline, an end date) say so to caches.

A view or page that shows time-dependent content calls ``expire_at(request, moment)``; the
middleware then caps the response's ``Cache-Control: max-age`` (and sets ``Expires``) so no
cache in front of the site (CDN, proxy, browser) can keep serving it after that moment.
"""

import datetime

from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

#: Longest time any cache may keep a public page; editors expect changes to show quickly.
DEFAULT_MAX_AGE = 300


def expire_at(request, moment: datetime.datetime | None) -> None:
    """Record that the response to ``request`` goes stale at ``moment`` (the earliest wins)."""
    if request is None or moment is None:
        return
    current = getattr(request, "_labsite_expires_at", None)
    if current is None or moment < current:
        request._labsite_expires_at = moment


class CacheExpiryMiddleware:
    """Set Cache-Control max-age on public GET pages, capped by ``expire_at`` moments."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if (
            response.has_header("Cache-Control")
            or getattr(request, "user", None)
            and request.user.is_authenticated
        ):
            return response
        max_age = DEFAULT_MAX_AGE
        moment = getattr(request, "_labsite_expires_at", None)
        if moment is not None:
            seconds = int((moment - timezone.now()).total_seconds())
            max_age = max(0, min(max_age, seconds))
        patch_cache_control(response, public=True, max_age=max_age)
        response["Expires"] = http_date(timezone.now().timestamp() + max_age)
        return response
