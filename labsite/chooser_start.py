"""Where a page chooser opens when nothing is chosen yet.

Wagtail opens it at the common ancestor of every page of the wanted type: with several groups,
that is the root of every site, and an editor adding a co-supervisor clicks through the tree
to find their own people. Apps register, per page type, the page to open at in a group
(people register their people index); the group is the editor's own, or, for someone who
works for several, the group of the page or record being edited.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from wagtail.models import Page, Site

from labsite.groups.scoping import sites_of

#: "app_label.modelname" (as Wagtail's chooser names a page type) -> finder(site) -> page id.
_starts: dict[str, Callable[[Site], int | None]] = {}


def register(model, finder: Callable[[Site], int | None]) -> None:
    _starts[model._meta.label_lower] = finder


def _site_of_referring_page(request) -> Site | None:
    """The chooser is opened from a page's edit or create form: that page's group."""
    referer = request.headers.get("referer", "")
    try:
        match = resolve(urlsplit(referer).path)
    except Resolver404:
        return None
    kwargs = match.kwargs
    page_id = kwargs.get("page_id") or kwargs.get("parent_page_id")
    if not page_id:
        return None
    page = Page.objects.filter(pk=page_id).only("path", "depth").first()
    return page.get_site() if page else None


def _group_of(request) -> Site | None:
    own = sites_of(request.user)
    if own is not None and len(own) == 1:
        return Site.objects.filter(pk=next(iter(own))).first()
    site = _site_of_referring_page(request)
    if site is not None and (own is None or site.pk in own):
        return site
    return None


def start_page_id(request) -> int | None:
    """The page the chooser should open at, or None for Wagtail's own choice."""
    wanted = [name.strip().lower() for name in request.GET.get("page_type", "").split(",")]
    finders = [_starts[name] for name in wanted if name in _starts]
    if len(finders) != 1 or len(wanted) != 1:
        return None
    site = _group_of(request)
    return finders[0](site) if site is not None else None
