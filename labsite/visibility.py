"""Which pages visitors may find: those outside every section an editor has restricted
(password, sign-in or groups: Wagtail's privacy settings) or unlisted (labsite.unlisted).

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called: a
query per list, ten on the home page. The restricted and unlisted sections change only when an
editor changes a restriction or publishes a page, which bumps the page cache's content
generation, so they are read once per generation and process (``labsite.pagecache.memo``).

- ``restricted()``: what no list, search, sitemap, feed or API may show (restricted or
  unlisted); ``pages.live().exclude(restricted())`` are the pages anyone may find.
- ``closed()``: what a visitor may not open without permission (restricted only), for views
  that serve one page's own content by its address (a member's CV, a translation's link).
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from labsite.pagecache import memo


def sections() -> tuple[tuple[str, int], ...]:
    """(path, depth) of each section under a Wagtail privacy restriction."""
    return memo.remember(
        "restricted-sections",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )


def unlisted_sections() -> tuple[tuple[str, int], ...]:
    """(path, depth) of each live page an editor marked unlisted, in one query."""
    return memo.remember("unlisted-sections", _read_unlisted_sections)


def _read_unlisted_sections():
    from labsite.unlisted import unlistable_models

    queries = [
        model.objects.live().filter(unlisted=True).values_list("path", "depth").order_by()
        for model in unlistable_models()
    ]
    if not queries:
        return ()
    first, *rest = queries
    return tuple(first.union(*rest, all=True)) if rest else tuple(first)


def _within(found) -> Q:
    q = Q()  # nothing found: excluding an empty Q adds nothing to the SQL
    for path, depth in found:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q


def restricted() -> Q:
    """Pages in a restricted or unlisted section: ``pages.live().exclude(restricted())`` are the
    pages anyone may find in a list."""
    return _within(sections() + unlisted_sections())


def closed() -> Q:
    """Pages in a restricted section only: an unlisted page is open to whoever has its address."""
    return _within(sections())


def is_unlisted(page) -> bool:
    """Whether ``page`` is unlisted or below an unlisted page (no query)."""
    path = getattr(page, "path", "")
    return any(path.startswith(section) for section, _depth in unlisted_sections())
