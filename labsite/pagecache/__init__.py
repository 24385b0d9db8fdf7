"""The page cache: anonymous visitors get a stored copy of a public page until something that
can appear on it changes, or a moment the site knows of (a deadline, a talk starting) passes.

- ``expiry``: views and pages call ``expire_at(request, moment)`` for time-dependent content.
- ``generation``: one counter for the whole site; any change bumps it and every stored copy
  is stale at once. Edits are rare next to reads, so one counter beats tracking which page
  shows what (a person's name appears on dozens of pages).
- ``invalidation``: the signals that bump it, and the purge of a reverse proxy in front.
- ``middleware``: stores and serves the copies, and says to caches in front how long they may
  keep a page.
"""

from labsite.pagecache.expiry import expire_at

__all__ = ["expire_at"]
