"""Which sites a change can show on, and which changes a stored page depends on.

A change to a record that belongs to one group's site (a page in its tree, a page's inline
rows, a record or setting with that ``site``) can show only on that site's pages, and on pages
that list every group's records (a department's front page, ``depends_on_every_site``).
Anything else (images, tags, records shared by every group, the sites themselves) may show
anywhere.
"""

from django.db import models
from wagtail.models import Page, Site

from labsite.pagecache import generation

_EVERY_SITE_ATTRIBUTE = "_labsite_lists_every_site"


def depends_on_every_site(request) -> None:
    """Called by whatever renders other groups' records into this response."""
    if request is not None:
        setattr(request, _EVERY_SITE_ATTRIBUTE, True)


def scopes_for_response(request) -> tuple[str, ...]:
    """The scopes a stored copy of this response depends on."""
    scopes = [generation.EVERYTHING]
    site = Site.find_for_request(request)  # found by the view already: no query
    if site is not None:
        scopes.append(generation.site_scope(site.pk))
    if site is None or getattr(request, _EVERY_SITE_ATTRIBUTE, False):
        scopes.append(generation.ANY_SITE)
    return tuple(scopes)


def _site_of_path(url_path: str) -> int | None:
    """The site whose tree (in any language) holds the page at ``url_path``."""
    best = None
    for root in Site.get_site_root_paths():  # Wagtail keeps these in its cache
        if url_path.startswith(root.root_path) and (
            best is None or len(root.root_path) > len(best.root_path)
        ):
            best = root
    return best.site_id if best is not None else None


def sites_of_path(url_path: str) -> set[int] | None:
    site_id = _site_of_path(url_path or "")
    return {site_id} if site_id is not None else None


def _page_key(model) -> models.ForeignKey | None:
    for field in model._meta.concrete_fields:
        if field.many_to_one and issubclass(field.related_model, Page):
            return field
    return None


def sites_of(instance) -> set[int] | None:
    """The sites ``instance`` can show on, or None for any site."""
    if isinstance(instance, Page):
        return sites_of_path(instance.url_path)
    if isinstance(instance, Site):
        return None
    site_field = next(
        (
            f
            for f in instance._meta.concrete_fields
            if f.name == "site" and (f.many_to_one or f.one_to_one)
        ),
        None,
    )
    if site_field is not None and issubclass(site_field.related_model, Site):
        site_id = getattr(instance, site_field.attname)
        return {site_id} if site_id is not None else None
    page_field = _page_key(type(instance))
    if page_field is not None:
        page_id = getattr(instance, page_field.attname)
        if page_id is None:
            return None
        if page_field.is_cached(instance):
            url_path = getattr(instance, page_field.name).url_path
        else:
            url_path = Page.objects.filter(pk=page_id).values_list("url_path", flat=True).first()
        return sites_of_path(url_path)
    return None
