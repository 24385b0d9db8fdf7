"""Values derived from published content, kept in the process until the content changes.

The site's chrome (menu, feed links, group settings) and the restricted sections are read on
every request but change only when an editor changes something, which bumps the content
generation (``generation.py``). ``remember(name, compute)`` keeps ``compute()``'s value until
then. The generation is checked once per request (at most once a second outside requests),
and a value is computed again after ``LONGEST_KEPT`` seconds in any case: a change made in a
transaction that was then rolled back sends no signal.

``Recent`` keeps many small values the same way (one per address, say), only the most recently
used ones, so values keyed by what visitors ask for cannot grow a worker's memory.
"""

import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.signals import request_started
from wagtail.models import Site

from labsite.pagecache import generation

T = TypeVar("T")

LONGEST_KEPT = 60.0
CHECK_EVERY = 1.0

_values: dict[str, tuple[str, float, object]] = {}
_local = threading.local()


def current_generation() -> str:
    checked_at = getattr(_local, "checked_at", None)
    if checked_at is None or time.monotonic() - checked_at > CHECK_EVERY:
        # Values kept here may show any site's content (a department's lists): any change.
        _local.generation = generation.snapshot((generation.EVERYTHING, generation.ANY_SITE))
        _local.checked_at = time.monotonic()
    return _local.generation


def remember(name: str, compute: Callable[[], T]) -> T:
    current = current_generation()
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
    for recent in _recents:
        recent.clear()


class Recent:
    """The last ``size`` values stored, each kept until the content changes (as ``remember``).

    With ``budget``, also no more than that in all as ``weigh`` measures each value (the
    characters of kept markup, say), so a few large values cannot grow a worker either."""

    def __init__(self, size: int, budget: int | None = None, weigh: Callable[[object], int] = len):
        self.size = size
        self.budget = budget
        self.weigh = weigh
        self._values: OrderedDict[Hashable, tuple[str, float, object, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()
        _recents.append(self)

    def get(self, key: Hashable):
        """The value stored under ``key`` in this content generation, or None."""
        current = current_generation()
        with self._lock:
            entry = self._values.get(key)
            if entry is None:
                return None
            if entry[0] != current or time.monotonic() - entry[1] >= LONGEST_KEPT:
                self._remove(key)
                return None
            self._values.move_to_end(key)
            return entry[2]

    def set(self, key: Hashable, value) -> None:
        weight = self.weigh(value) if self.budget is not None else 0
        entry = (current_generation(), time.monotonic(), value, weight)
        with self._lock:
            self._remove(key)
            self._values[key] = entry
            self._weight += weight
            while len(self._values) > self.size or (
                self.budget is not None and self._weight > self.budget and len(self._values) > 1
            ):
                self._remove(next(iter(self._values)))

    def _remove(self, key: Hashable) -> None:
        entry = self._values.pop(key, None)
        if entry is not None:
            self._weight -= entry[3]

    def discard(self, key: Hashable) -> None:
        with self._lock:
            self._remove(key)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._weight = 0

    def __len__(self) -> int:
        return len(self._values)

    @property
    def weight(self) -> int:
        return self._weight


_recents: list[Recent] = []


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
        setattr(request, attribute, settings)
        return settings
