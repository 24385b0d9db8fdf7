"""Pages whose content changes at a known moment (a deadline, an end date) say so.

A view or page that shows time-dependent content calls ``expire_at(request, moment)``; the page
cache then keeps its copy no longer than that, and tells caches in front the same.
"""

import datetime

from django.utils import timezone


def expire_at(request, moment: datetime.datetime | None) -> None:
    """Record that the response to ``request`` goes stale at ``moment`` (the earliest wins)."""
    if request is None or moment is None:
        return
    current = getattr(request, "_labsite_expires_at", None)
    if current is None or moment < current:
        request._labsite_expires_at = moment


def seconds_left(request, longest: int) -> int:
    """How long the response to ``request`` may be kept: ``longest``, or less before a moment."""
    moment = getattr(request, "_labsite_expires_at", None)
    if moment is None:
        return longest
    return max(0, min(longest, int((moment - timezone.now()).total_seconds())))
