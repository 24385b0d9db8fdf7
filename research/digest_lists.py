"""Email lists owned by the research app: the paper feed digest and new publications."""

from django.utils.translation import gettext_lazy as _

from labsite.subscriptions import DigestItem, DigestList, register_list


def paper_items(site, start, end) -> list[DigestItem]:
    from research.models import ReadingListPage, paper_queryset

    feeds = ReadingListPage.objects.live().descendant_of(site.root_page)
    papers = paper_queryset().filter(feed__in=feeds, added_at__gte=start, added_at__lt=end)
    items = []
    for paper in papers.order_by("added_at", "pk"):
        meta = " · ".join(part for part in [paper.authors, paper.venue] if part)
        notes = [
            f"{r.display_name}: “{r.comment}”" if r.comment else f"Recommended by {r.display_name}"
            for r in paper.recommendations.all()
        ]
        items.append(
            DigestItem(
                title=paper.title,
                url=paper.best_url,
                meta=meta,
                summary=paper.abstract,
                notes=notes,
            )
        )
    return items


def publication_items(site, start, end) -> list[DigestItem]:
    from research.models import UNPUBLISHED_STATUSES, PublicationSettings, publication_queryset

    publications = (
        publication_queryset()
        .live()
        .public()
        .descendant_of(site.root_page)
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .order_by("first_published_at", "pk")
    )
    if not PublicationSettings.for_site(site).show_unpublished:
        publications = publications.exclude(status__in=UNPUBLISHED_STATUSES)
    items = []
    for publication in publications:
        authors = ", ".join(a.display_name for a in publication.authors.all())
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
            key="papers",
            label=_("Paper feed digest"),
            description=_("The papers group members recommend, with why they are worth reading."),
            items=paper_items,
            order=10,
        )
    )
    register_list(
        DigestList(
            key="publications",
            label=_("New publications"),
            description=_("The group's own new papers, preprints and theses."),
            items=publication_items,
            order=30,
        )
    )
