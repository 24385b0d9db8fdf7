"""Values derived from published content, kept in the process until the content changes.

The site's chrome (menu, feed links, group settings) and the restricted sections are read on
every request but change only when an editor changes something, which bumps the content
generation (``generation.py``). ``remember(name, compute)`` keeps ``compute()``'s value until
then. The generation is checked once per request (at most once a second outside requests),
and a value is computed again after ``LONGEST_KEPT`` seconds in any case: a change made in a
transaction that was then rolled back sends no signal.
"""

import copy
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.signals import request_started
from wagtail.models import Site

from labsite.pagecache import generation

T = TypeVar("T")

LONGEST_KEPT = 60.0
CHECK_EVERY = 1.0

_values: dict[str, tuple[str, float, object]] = {}
_local = threading.local()


def _current_generation() -> str:
    checked_at = getattr(_local, "checked_at", None)
    if checked_at is None or time.monotonic() - checked_at > CHECK_EVERY:
        _local.generation = generation.current()
        _local.checked_at = time.monotonic()
    return _local.generation


def remember(name: str, compute: Callable[[], T]) -> T:
    current = _current_generation()
    entry = _values.get(name)
    if entry is not None and entry[0] == current and time.monotonic() - entry[1] < LONGEST_KEPT:
        return entry[2]
    value = compute()
    _values[name] = (current, time.monotonic(), value)
    return value


def forget(**kwargs) -> None:
    """Check the generation again at the next use (connected to every request's start)."""
    _local.checked_at = None


def forget_everything() -> None:
    forget()
    _values.clear()


request_started.connect(forget, dispatch_uid="labsite.pagecache.memo.forget")


class RememberedSiteSetting:
    """Mixed into a ``BaseSiteSetting``: visitors' requests read it once per content change.

    Each request gets its own copy, so nothing one request does reaches another; the admin
    edits through ``for_site``, which always reads the database."""

    @classmethod
    def for_request(cls, request):
        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        shared = remember(f"setting:{cls._meta.label}:{site.pk}", lambda: cls.for_site(site))
        settings = copy.copy(shared)
        settings._request = request  # as Wagtail's for_request does, for page URLs
        setattr(request, attribute, settings)
        return settings
