"""Which groups an admin user works for, and the records they may see and change.

On an install with several groups (Wagtail sites), an editor's group works for the sites
whose pages it has rights on (``create_group`` gives each group's editors rights on their home
page only). Records that belong to a group (supervision, applications, subscribers, grants,
roles...) carry a ``site``; a record without one is shared by every group: each group's editors
may see and choose it, and only the install's administrators (superusers, or editors whose
page rights start above every home page) may change it.

An install with one site scopes nothing, so a single group's editors keep working as before.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet
from wagtail.models import GroupPagePermission, Site

from labsite.registry import Registry

#: Upper layers name further sites a user works for (people: the site of a member's own page).
extra_sites: Registry[Callable] = Registry(
    key=lambda provider: f"{provider.__module__}.{provider.__qualname__}"
)

_UNSET = object()


def _site_roots() -> list[tuple[int, str]]:
    return list(Site.objects.values_list("pk", "root_page__path"))


def sites_of(user) -> frozenset[int] | None:
    """The ids of the sites ``user`` works for; None for every site (and every shared record).

    Cached on the user object: one or two queries per request at most.
    """
    cached = getattr(user, "_labsite_sites", _UNSET)
    if cached is not _UNSET:
        return cached
    result = _compute(user)
    user._labsite_sites = result
    return result


def _compute(user) -> frozenset[int] | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    roots = _site_roots()
    if len(roots) <= 1:
        return None
    paths = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    )
    sites: set[int] = set()
    for path in paths:
        covered = {pk for pk, root in roots if root.startswith(path)}
        if len(covered) == len(roots):
            return None  # rights above every home page: the install's editors
        sites |= covered
        sites |= {pk for pk, root in roots if path.startswith(root)}
    for provider in extra_sites.all():
        sites |= set(provider(user))
    return frozenset(sites)


def works_for_every_group(user) -> bool:
    return sites_of(user) is None


def scope(queryset: QuerySet, user, field: str = "site", shared: bool = True) -> QuerySet:
    """The records of ``queryset`` the user's groups own (and, with ``shared``, the shared ones)."""
    sites = sites_of(user)
    if sites is None:
        return queryset
    condition = Q(**{f"{field}__in": sites})
    if shared:
        condition |= Q(**{f"{field}__isnull": True})
    return queryset.filter(condition)


def may_see(user, instance, field: str = "site", shared: bool = True) -> bool:
    sites = sites_of(user)
    site_id = getattr(instance, f"{field}_id")
    return sites is None or site_id in sites or (shared and site_id is None)


def may_change(user, instance, field: str = "site") -> bool:
    """Only a record's own group (or the install's administrators) changes it."""
    sites = sites_of(user)
    if sites is None or instance.pk is None:
        return True
    return getattr(instance, f"{field}_id") in sites


def site_choices(user) -> Iterable[Site]:
    sites = sites_of(user)
    queryset = Site.objects.order_by("site_name", "hostname")
    return queryset if sites is None else queryset.filter(pk__in=sites)
