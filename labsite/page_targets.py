"""Which page or group a command means, as people name them: an address, a group, an ID.

On an install with several groups (and translations) every group's talks page is called
"engagement": a slug names none of them. Commands that add to a page (``import_activities``,
``import_bibtex``, ``import_site``) take any of:

- the page's address: ``http://fjord.localhost:8000/engagement/`` or ``/engagement/`` on the
  default site;
- its group: the site's address (``fjord.localhost``, ``fjord.localhost:8000``) or the group's
  name (``"Fjordline Sensing Lab"``);
- its ID in the admin (``/admin/pages/42/``'s 42), or its slug where that is unique.

A name that fits none, or several, is refused with the choices listed as addresses.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site


class TargetError(ValueError):
    """The name fits no page or group, or several: the message lists the choices."""


def find_site(name: str) -> Site:
    """The group's site named by its address or its name."""
    sites = list(Site.objects.select_related("root_page"))
    found = _sites_named(sites, name)
    if len(found) == 1:
        return found[0]
    choices = "; ".join(f"{_site_address(s)} ({_group_name(s)})" for s in sites) or "none yet"
    what = "No group" if not found else "Several groups"
    raise TargetError(f"{what} fit '{name}'. Name one by its address or name: {choices}.")


def find_page(model: type[Page], name: str | None, label: str, option: str) -> Page:
    """The one ``model`` page ``name`` names (see the module's docstring); with no name, the
    only one there is. ``label`` says what the page is ("talks and engagement page"),
    ``option`` which option names it ("--index")."""
    pages = list(_original_language(model.objects.all()).select_related("locale"))
    if not pages:
        raise TargetError(f"There is no {label} yet: create one in the admin first.")
    found = pages if not name else _pages_named(pages, name.strip())
    if len(found) == 1:
        return found[0]
    choices = "; ".join(_page_address(page) for page in pages)
    if not found:
        raise TargetError(f"No {label} fits '{name}'. Choose one with {option}: {choices}.")
    raise TargetError(
        f"There are several {label}s{f' fitting {name!r}' if name else ''}; choose one with "
        f"{option} and its address or group: {choices}."
    )


def _original_language(pages):
    """Pages in the site's own language: a German copy is reached through its original."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return pages
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    return pages.filter(locale=default) if default else pages


def _pages_named(pages: list[Page], name: str) -> list[Page]:
    if name.isdigit():
        return [page for page in pages if page.pk == int(name)]
    if "/" in name:
        return _pages_at(pages, name)
    sites = _sites_named(list(Site.objects.select_related("root_page")), name)
    if sites:
        roots = [site.root_page for site in sites]
        return [page for page in pages if any(page.path.startswith(r.path) for r in roots)]
    return [page for page in pages if page.slug == name]


def _pages_at(pages: list[Page], address: str) -> list[Page]:
    if "://" not in address and _has_host(address):
        address = f"//{address}"
    parts = urlsplit(address)
    path = _slashed(parts.path)
    sites = {site.pk: site for site in Site.objects.all()}
    found = []
    for page in pages:
        site_id, _root_url, page_path = page.get_url_parts() or (None, "", "")
        site = sites.get(site_id)
        if site is None or _slashed(page_path) != path:
            continue
        if parts.hostname:
            if site.hostname != parts.hostname or (parts.port and parts.port != site.port):
                continue
        elif not site.is_default_site:
            continue
        found.append(page)
    return found


def _slashed(path: str) -> str:
    inner = "/".join(part for part in path.split("/") if part)
    return f"/{inner}/" if inner else "/"


def _has_host(address: str) -> bool:
    """'fjord.localhost:8000/engagement/' has one; '/engagement/' and 'engagement/' do not."""
    first = address.split("/", 1)[0]
    return "." in first or ":" in first


def _sites_named(sites: list[Site], name: str) -> list[Site]:
    wanted = name.strip().casefold()
    if "://" in wanted:
        parts = urlsplit(wanted)
        return [s for s in sites if s.hostname == parts.hostname and parts.port in (None, s.port)]
    host, _, port = wanted.partition(":")
    by_address = [s for s in sites if s.hostname == host and (not port or str(s.port) == port)]
    if by_address:
        return by_address
    return [
        s for s in sites if wanted in {s.site_name.casefold(), _group_name(s).casefold()} and wanted
    ]


def _group_name(site: Site) -> str:
    from labsite.models import SiteSettings

    return SiteSettings.name_of(site)


def _site_address(site: Site) -> str:
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


def _page_address(page: Page) -> str:
    return page.get_full_url() or page.url_path
