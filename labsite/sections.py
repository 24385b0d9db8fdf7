"""Self-updating lists ("latest news", "open positions") that domain apps offer to page bodies.

The core cannot import the domain apps, so each app registers its lists here from its
AppConfig.ready(); the home page's "latest" block offers whatever is registered.
Every ``items`` callable must run a fixed number of queries, however many items exist.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from labsite.registry import Registry


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    template: str
    items: Callable[[HttpRequest | None, int], Sequence]
    order: int = 100
    #: Lists records of every group's site, not only the current one's.
    spans_sites: bool = False


_registry: Registry[Section] = Registry(key=lambda s: s.key, order=lambda s: s.order)


def register(section: Section) -> Section:
    """Make a list available to editors; registering the same key again replaces it."""
    return _registry.register(section)


def get(key: str) -> Section | None:
    """Return the registered list, or None when its app was removed."""
    return _registry.get(key)


def choices() -> list[tuple[str, str]]:
    """The registered lists as (key, label) pairs, in their display order."""
    return [(s.key, s.label) for s in _registry]


def current_site(request: HttpRequest | None):
    """The site a list belongs to: the request's, or the default site outside a request."""

    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.select_related("root_page").filter(is_default_site=True).first()


def in_current_site(queryset, request: HttpRequest | None):
    """Restrict a page queryset to the current site's tree."""
    site = current_site(request)
    if site is None:
        return queryset.none()
    return queryset.descendant_of(site.root_page, inclusive=True)


def other_groups(request: HttpRequest | None, count: int):
    """The other groups' sites on this install (a department's front page lists them)."""
    site = current_site(request)
    sites = Site.objects.select_related("root_page").order_by("site_name", "hostname")
    if site is not None:
        sites = sites.exclude(pk=site.pk)
    return [
        {"name": s.site_name or s.root_page.title, "url": s.root_url + "/"} for s in sites[:count]
    ]


register(
    Section(
        key="groups",
        label=_("Research groups"),
        template="components/sections/groups.html",
        items=other_groups,
        order=90,
        spans_sites=True,
    )
)
