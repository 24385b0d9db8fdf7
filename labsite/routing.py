"""Serving a page in fewer queries than Wagtail's defaults, with the same result.

- ``route_from_root``: Wagtail routes an address one level at a time, two queries a level
  (the child by slug, then its specific row): six for a person's page. The pages an address
  names are known from their ``url_path``, so one query finds them all; only the page that
  answers is then made specific. A routable page on the way (``RoutablePageMixin``) answers
  before its children, as in Wagtail.
  The pages found are kept on the request for the breadcrumbs, which would otherwise read the
  ancestors again. An address that routed is remembered until the content changes
  (``_routes``, the last 1,000 addresses per process), so a page read again costs one query:
  its own row. The answering row is always read afresh (by a statement compiled once per page
  type, ``labsite.prepared``), so a page unpublished since is not served, and one found
  elsewhere than remembered routes again.
  A page type names the foreign keys its own page always shows
  (``ServedPage.served_with``: a person's role and photo, a theme's image), and they come in the
  same query that makes it specific.
- ``ServedPage.get_view_restrictions``: Wagtail reads the restrictions of the page and its
  ancestors on every request (two queries). Most sites restrict nothing; when no section is
  restricted (``labsite.visibility``) there is nothing to read.
"""

import copy

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from labsite import visibility
from labsite.pagecache import memo
from labsite.panels import PROMOTE_PANELS
from labsite.prepared import Prepared

#: The pages of the addresses served last, per process (``memo.Recent``: kept until the content
#: changes, bounded, so addresses crawlers make up cannot grow a worker's memory; only
#: addresses that routed are kept at all).
_routes = memo.Recent(size=1000)


def _answers(page_class, remaining: list[str]) -> bool:
    if not (page_class and issubclass(page_class, RoutablePageMixin)):
        return False
    path = "/" + "".join(f"{component}/" for component in remaining)
    try:
        page_class.get_resolver().resolve(path)
    except Resolver404:
        return False
    return True


def route_from_root(root, request, path_components: list[str]):
    prefixes = [
        root.url_path + "".join(f"{c}/" for c in path_components[:n])
        for n in range(1, len(path_components) + 1)
    ]
    key = (root.pk, prefixes[-1])
    remembered = _routes.get(key)
    if remembered is not None:
        # Each request its own copies: routing and templates set attributes on them.
        result = _route(root, request, path_components, [copy.copy(p) for p in remembered])
        if result is not None:
            return result
        _routes.discard(key)  # moved without the content changing (a rolled-back change)
    found = list(Page.objects.filter(url_path__in=prefixes, path__startswith=root.path))
    pristine = [copy.copy(page) for page in found]  # before routing caches anything on them
    result = _route(root, request, path_components, found)
    if result is None:
        raise Http404  # moved between this request's two reads: as if not found
    _routes.set(key, pristine)
    return result


def _route(root, request, path_components, found: list[Page]):
    """Wagtail's routing over the pages found; None if the answering page is no longer at its
    address (only possible for remembered pages)."""
    by_depth = {page.depth: page for page in found}
    # The answering page's ancestors, for its breadcrumbs (``{% ancestors page %}``).
    request.labsite_route_pages = [root, *(by_depth[depth] for depth in sorted(by_depth))]
    for level in range(len(path_components) + 1):
        page = root if level == 0 else by_depth.get(root.depth + level)
        if page is None:
            raise Http404
        remaining = path_components[level:]
        if not remaining or (level and page.live and _answers(page.specific_class, remaining)):
            specific = _specific(page)
            if specific is None or specific.url_path != page.url_path:
                return None
            return specific.route(request, remaining)
    raise Http404  # not reached: the last level has no remaining components


def _specific(page):
    """``page.specific``, with the page type's ``served_with`` relations in the same query;
    None if the page was deleted since it was found."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page.specific
    rows = _specific_rows(model)(page.pk)
    if not rows:
        return None
    specific = rows[0]
    # As Page.get_specific does: keep what was already known about the page.
    for key, value in page.__dict__.items():
        specific.__dict__.setdefault(key, value)
    return specific


_by_model: dict[type, Prepared] = {}


def _specific_rows(model) -> Prepared:
    """The answering page's row is read on every request, by a statement compiled once per
    page type (labsite.prepared): building and compiling it cost more than reading it."""
    prepared = _by_model.get(model)
    if prepared is None:
        related = getattr(model, "served_with", ())
        prepared = _by_model[model] = Prepared(
            f"specific:{model._meta.label_lower}",
            lambda pk: model._default_manager.select_related(*related).filter(pk=pk),
        )
    return prepared


class ServedPage:
    """Mixed into every labsite page type (no fields, so no migrations)."""

    #: Foreign keys loaded with the page when it is served (``route_from_root``).
    served_with: tuple[str, ...] = ()
    #: The *Promote* tab in the group's words (labsite.panels).
    promote_panels = PROMOTE_PANELS

    def get_view_restrictions(self):
        if not visibility.sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
