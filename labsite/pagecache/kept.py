"""Markup rendered once and kept until the content changes, or until a moment it knows of.

Some parts of a page take most of its time and change only when content does: a person's
sections (their publications, talks, projects and students, each list read and rendered), a
paper's or a project's related work, the paper feed's lists.
Pages with such a part render it once and keep the markup in the process, like the chrome
(``memo.Recent``): kept per content generation, so any publish, snippet, image or setting
change makes it stale with nothing to find, and at most ``memo.LONGEST_KEPT`` seconds in any
case. The key adds what else the markup depends on: the site (addresses are relative to it),
the language and today's date (lists that part current from past by the date). A part that
goes stale at a known moment (an opening's deadline) says when, with the markup.

Only for markup the same for every visitor: nothing that belongs to one request (a CSRF token)
is ever in a kept part. Previews render afresh: they show an unsaved draft.
"""

import datetime
from collections.abc import Callable, Hashable

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from labsite.pagecache import memo

#: Render a part: its markup, and the moment it goes stale (None: only when content changes).
Render = Callable[[], tuple[str, datetime.datetime | None]]


#: How much markup each kind of part keeps, in characters: the most recently used parts
#: within it (a person's sections are some 20,000 characters, a page of the paper feed 100,000),
#: so a worker's memory stays bounded whatever the size of the site or the lists.
BUDGET = 1_000_000


class Kept:
    """Parts of one kind, the most recently used (at most ``size``, and ``BUDGET`` characters in
    all), keyed by what they show."""

    def __init__(self, size: int = 256):
        self._recent = memo.Recent(size, budget=BUDGET, weigh=lambda entry: len(entry[0]))
        _all.append(self)

    def markup(self, request, key: tuple[Hashable, ...], render: Render) -> SafeString:
        if request is not None and getattr(request, "is_preview", False):
            return mark_safe(render()[0])  # noqa: S308 - a template's own output
        site = Site.find_for_request(request) if request is not None else None
        full_key = (
            *key,
            site.pk if site is not None else None,
            get_language(),
            timezone.localdate(),
        )
        entry = self._recent.get(full_key)
        if entry is not None:
            markup, stale_at = entry
            if stale_at is None or timezone.now() < stale_at:
                return markup
        markup, stale_at = render()
        markup = mark_safe(markup)  # noqa: S308 - a template's own output, escaped when rendered
        self._recent.set(full_key, (markup, stale_at))
        return markup

    def clear(self) -> None:
        self._recent.clear()


_all: list[Kept] = []


def forget_kept() -> None:
    """Render every kept part afresh at its next use (for tests counting a first render)."""
    for kept in _all:
        kept.clear()
