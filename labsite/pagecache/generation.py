"""The site's content generation: a number that changes whenever published content changes.

Stored copies of pages carry the generation in their key, so bumping it makes every copy stale
at once without finding them. Where the number lives depends on who must see a bump:

- With a shared cache (Redis), the number is a cache key: every worker on every machine
  reads the same one.
- With the local-memory cache of the embedded default, each process has its own cache, so the
  number is the modification time of a stamp file: a change saved in one process (the admin)
  is seen by every other process on the machine (gunicorn's other workers, the task worker).
"""

import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

CACHE_KEY = "labsite:pagecache:generation"


def _stamp() -> Path:
    return Path(settings.PAGE_CACHE_STAMP_FILE)


def process_local() -> bool:
    return isinstance(cache, LocMemCache) or isinstance(getattr(cache, "_cache", None), dict)


def current() -> str:
    if process_local():
        try:
            return str(_stamp().stat().st_mtime_ns)
        except OSError:  # not made yet (or cannot be: see below)
            bump()
        try:
            return str(_stamp().stat().st_mtime_ns)
        except OSError:
            # No stamp can be written (labsite.E101): a new generation every minute, so no
            # stored page is more than a minute behind.
            return f"minute-{int(time.time() // 60)}"
    generation = cache.get(CACHE_KEY)
    if generation is None:
        # First use, or the cache was flushed: a fresh number (time-based, so never one whose
        # copies are still stored).
        generation = time.time_ns()
        cache.add(CACHE_KEY, generation, timeout=None)
        generation = cache.get(CACHE_KEY, generation)
    return str(generation)


def bump() -> None:
    if process_local():
        stamp = _stamp()
        try:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            try:
                before = stamp.stat().st_mtime_ns
            except FileNotFoundError:
                before = 0
            stamp.touch()
            # Two bumps within the file system's time resolution must still differ.
            stamped = max(time.time_ns(), before + 1)
            os.utime(stamp, ns=(stamped, stamped))
        except OSError:
            # The editor's change is saved; only stored copies may show it late (at most
            # PAGE_CACHE_SECONDS). The system check labsite.E101 reports this at deploy time.
            logger.exception("Could not write the page cache's stamp file %s", stamp)
        return
    try:
        cache.incr(CACHE_KEY)
    except ValueError:  # not set yet (or evicted): any new number will do
        cache.set(CACHE_KEY, time.time_ns(), timeout=None)
