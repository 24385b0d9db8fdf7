"""The publications' email list: the group's own new papers, preprints and theses."""

from django.utils.translation import gettext_lazy as _

from labsite.subscriptions.lists import DigestItem, DigestList, register_list
from labsite.visibility import restricted
from research.publications.models import UNPUBLISHED_STATUSES, publication_queryset
from research.publications.site_settings import PublicationSettings


def publication_items(site, start, end) -> list[DigestItem]:
    publications = (
        publication_queryset()
        .live()
        .exclude(restricted())
        .descendant_of(site.root_page)
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .order_by("first_published_at", "pk")
    )
    if not PublicationSettings.for_site(site).show_unpublished:
        publications = publications.exclude(status__in=UNPUBLISHED_STATUSES)
    items = []
    for publication in publications:
        authors = ", ".join(credit.name for credit in publication.credited)
        venue = ", ".join(str(part) for part in [publication.venue, publication.year] if part)
        items.append(
            DigestItem(
                title=publication.title,
                url=publication.get_url(current_site=site),
                meta=" · ".join(part for part in [authors, venue] if part),
                summary=publication.lay_summary or publication.abstract,
            )
        )
    return items


def register():
    register_list(
        DigestList(
            key="publications",
            label=_("New publications"),
            description=_("The group's own new papers, preprints and theses."),
            items=publication_items,
            order=30,
        )
    )
