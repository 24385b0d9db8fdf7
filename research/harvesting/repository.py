"""What the OAI-PMH repository holds: every live, public publication of the install, grouped
in sets by group (the site it is published in) and by kind, stamped with when it was last
published."""

import datetime

from django.db.models import Q
from django.utils.text import slugify
from wagtail.models import Site

from labsite.visibility import restricted
from research.publications.models import PublicationPage, PublicationType


def sites() -> dict[str, Site]:
    """The install's groups by their set name (``group:<name>``)."""
    return {
        slugify(site.site_name or site.hostname) or f"site-{site.pk}": site
        for site in Site.objects.select_related("root_page").order_by("pk")
    }


def set_names() -> list[tuple[str, str]]:
    """(setSpec, setName) of every set: each group, each kind of output."""
    found = [(f"group:{name}", site.site_name or site.hostname) for name, site in sites().items()]
    found += [(f"type:{value}", str(label)) for value, label in PublicationType.choices]
    return found


def records(set_spec: str = "", since=None, until=None):
    """The publications a harvest asks for, oldest id first; None for an unknown set."""
    pages = (
        PublicationPage.objects.live()
        .public()
        .exclude(restricted())
        .defer_streamfields()
        .order_by("pk")
    )
    if set_spec.startswith("group:"):
        site = sites().get(set_spec.removeprefix("group:"))
        if site is None:
            return None
        pages = pages.descendant_of(site.root_page)
    elif set_spec.startswith("type:"):
        kind = set_spec.removeprefix("type:")
        if kind not in PublicationType.values:
            return None
        pages = pages.filter(publication_type=kind)
    elif set_spec:
        return None
    if since is not None:
        pages = pages.filter(last_published_at__gte=since)
    if until is not None:
        pages = pages.filter(last_published_at__lte=until)
    return pages


def sets_of(page: PublicationPage, groups: dict[str, Site]) -> list[str]:
    specs = [
        f"group:{name}"
        for name, site in groups.items()
        if page.path.startswith(site.root_page.path)
    ]
    return [*specs, f"type:{page.publication_type}"]


def datestamp(page: PublicationPage) -> str:
    moment = (
        page.last_published_at or page.first_published_at or datetime.datetime.now(datetime.UTC)
    )
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def earliest() -> str:
    first = (
        PublicationPage.objects.live()
        .public()
        .exclude(Q(last_published_at__isnull=True))
        .order_by("last_published_at")
        .values_list("last_published_at", flat=True)
        .first()
    )
    moment = first or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
