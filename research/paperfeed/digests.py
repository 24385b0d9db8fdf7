"""The paper feed's email list: the period's most voted papers, with why they are worth reading."""

from django.utils.translation import gettext_lazy as _

from labsite.subscriptions.lists import DigestItem, DigestList, register_list
from research.paperfeed.models import PaperFeedPage, PaperStatus, paper_queryset

#: A digest carries the period's top papers, not all sixty a day.
DIGEST_PAPERS = 20


def paper_items(site, start, end) -> list[DigestItem]:
    """The period's papers with the most votes (then the earliest shared), at most 20."""
    feeds = PaperFeedPage.objects.live().descendant_of(site.root_page)
    papers = paper_queryset().filter(
        feed__in=feeds, status=PaperStatus.PUBLISHED, added_at__gte=start, added_at__lt=end
    )
    items = []
    for paper in papers.order_by("-vote_count", "added_at", "pk")[:DIGEST_PAPERS]:
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
