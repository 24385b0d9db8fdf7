"""The people app's email list: new openings (PhD and other positions)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labsite.subscriptions.lists import DigestItem, DigestList, register_list
from labsite.visibility import restricted
from people.openings.models import OpeningPage, open_q


def opening_items(site, start, end) -> list[DigestItem]:

    openings = (
        OpeningPage.objects.live()
        .exclude(restricted())
        .descendant_of(site.root_page)
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .filter(open_q(timezone.now()))
        .defer_streamfields()
        .order_by("first_published_at", "pk")
    )
    items = []
    for opening in openings:
        deadline = (
            f"Apply by {timezone.localtime(opening.deadline):%-d %B %Y}"
            if opening.deadline
            else "Open until filled"
        )
        items.append(
            DigestItem(
                title=opening.title,
                url=opening.get_url(current_site=site),
                meta=f"{opening.get_kind_display()} · {deadline}",
                summary=opening.summary,
            )
        )
    return items


def register():
    register_list(
        DigestList(
            key="openings",
            label=_("New openings"),
            description=_("PhD and other positions as soon as they are advertised."),
            items=opening_items,
            order=40,
        )
    )
