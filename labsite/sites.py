"""Which site a request is for, without asking the database on every request.

Wagtail finds the request's site with one query, then reads the site's home page again to make
it specific: two queries on every page, for records that change only when an editor changes the
site or its home page. ``SiteMiddleware`` keeps the sites and their specific home pages until
the content changes (``labsite.pagecache.memo``) and chooses among them exactly as Wagtail's
``get_site_for_hostname`` does (``tests/labsite/test_sites.py`` compares the two). Each request
gets its own copies, so nothing one request sets on a page reaches another.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site

from labsite.pagecache.memo import remember


def _load_sites() -> list[Site]:
    sites = list(Site.objects.select_related("root_page"))
    for site in sites:
        site.root_page.specific  # noqa: B018  (made specific once, kept with the site)
    return sites


def choose(sites: list[Site], hostname: str, port: int) -> Site | None:
    """Wagtail's choice (wagtail.models.sites.get_site_for_hostname), over a list in memory."""

    def rank(site: Site) -> int:
        if site.hostname == hostname and site.port == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        if site.is_default_site:
            return 2
        return 3

    candidates = sorted((s for s in sites if s.hostname == hostname or s.is_default_site), key=rank)
    if not candidates:
        return None
    if len(candidates) == 1 or rank(candidates[0]) in (0, 1):
        return candidates[0]
    if rank(candidates[0]) == 2:
        return candidates[len(candidates) == 2]
    return None


def _own_copy(site: Site) -> Site:
    mine = copy.copy(site)
    root = copy.copy(site.root_page)
    root.__dict__["specific"] = copy.copy(site.root_page.specific)
    mine.root_page = root
    return mine


def site_for_request(request) -> Site | None:
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        return None
    found = choose(remember("sites", _load_sites), hostname, port)
    return _own_copy(found) if found is not None else None


class SiteMiddleware:
    """Sets ``request._wagtail_site`` (what ``Site.find_for_request`` reads) from memory."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)
