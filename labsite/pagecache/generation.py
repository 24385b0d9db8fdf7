"""Content generations: numbers that change whenever published content changes.

A change is scoped: an edit in one group's site bumps that site's number (and ``ANY_SITE``,
which pages listing every group depend on); a change no single site owns (an image, a tag,
the sites themselves) bumps ``EVERYTHING``. A stored page keeps the numbers of the scopes it
depends on and is served only while they are unchanged (``snapshot``/``unchanged``), so a
bump makes every page of its scope stale at once without finding them, and leaves the other
groups' pages alone.

Where the numbers live depends on who must see a bump:

- With a shared cache (Redis), each number is a cache key: every worker on every machine
  reads the same one (all of a page's scopes in one round trip).
- With the local-memory cache of the embedded default, each process has its own cache, so a
  number is the modification time of a stamp file, one file per scope: a change saved in one
  process (the admin) is seen by every other process on the machine (gunicorn's other
  workers, the task worker).
"""

import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

CACHE_KEY = "labsite:pagecache:generation"

#: What every stored page depends on: changes no single site owns.
EVERYTHING = "all"
#: What pages that list every group's records depend on: bumped with any site's scope.
ANY_SITE = "any-site"


def site_scope(site_id: int) -> str:
    return f"site-{int(site_id)}"


def process_local() -> bool:
    # caches["default"] is the backend itself (``cache`` is a proxy to it).
    return isinstance(caches["default"], LocMemCache)


def _stamp(scope: str) -> Path:
    stamp = Path(settings.PAGE_CACHE_STAMP_FILE)
    return stamp if scope == EVERYTHING else stamp.with_name(f"{stamp.name}.{scope}")


def _key(scope: str) -> str:
    return CACHE_KEY if scope == EVERYTHING else f"{CACHE_KEY}:{scope}"


def _from_stamp(scope: str) -> str:
    try:
        return str(_stamp(scope).stat().st_mtime_ns)
    except FileNotFoundError:
        if scope == EVERYTHING:
            _bump_stamp(scope)  # the first use: from now on, a bump changes it
        else:
            return "0"  # never bumped: any later bump makes it differ
    except OSError:
        pass
    try:
        return str(_stamp(scope).stat().st_mtime_ns)
    except OSError:
        # No stamp can be written (labsite.E101): a new generation every minute, so no stored
        # page is more than a minute behind.
        return f"minute-{int(time.time() // 60)}"


def snapshot(scopes: Iterable[str]) -> tuple[str, ...]:
    """The current numbers of ``scopes``, in order."""
    scopes = tuple(scopes)
    if process_local():
        return tuple(_from_stamp(scope) for scope in scopes)
    found = cache.get_many([_key(scope) for scope in scopes])
    numbers = []
    for scope in scopes:
        number = found.get(_key(scope))
        if number is None:
            # First use, or evicted: a fresh number (time-based, so never one whose copies are
            # still stored).
            cache.add(_key(scope), time.time_ns(), timeout=None)
            number = cache.get(_key(scope), "unknown")
        numbers.append(str(number))
    return tuple(numbers)


def current(scope: str = EVERYTHING) -> str:
    return snapshot((scope,))[0]


def unchanged(scopes: Iterable[str], numbers: tuple[str, ...]) -> bool:
    return snapshot(scopes) == tuple(numbers)


def _bump_stamp(scope: str) -> None:
    stamp = _stamp(scope)
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


def bump(scope: str = EVERYTHING) -> None:
    if process_local():
        _bump_stamp(scope)
        return
    try:
        cache.incr(_key(scope))
    except ValueError:  # not set yet (or evicted): any new number will do
        cache.set(_key(scope), time.time_ns(), timeout=None)
