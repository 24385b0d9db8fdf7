"""Which pages visitors may see: those outside every section an editor has restricted
(password, sign-in or groups).

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called: a
query per list, ten on the home page. The restricted sections change only when an editor
changes a restriction, which bumps the page cache's content generation, so they are read once
per generation and process (``labsite.pagecache.memo``).
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from labsite.pagecache import memo


def sections() -> tuple[tuple[str, int], ...]:
    return memo.remember(
        "restricted-sections",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )


def restricted() -> Q:
    """Pages in a restricted section: ``pages.live().exclude(restricted())`` are public."""
    q = Q()  # nothing restricted: excluding an empty Q adds nothing to the SQL
    for path, depth in sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q
