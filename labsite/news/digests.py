"""The core's own email list: group news."""

from django.utils.translation import gettext_lazy as _

from labsite.models import NewsPage
from labsite.subscriptions.lists import DigestItem, DigestList, register_list
from labsite.visibility import restricted


def news_items(site, start, end) -> list[DigestItem]:

    news = (
        NewsPage.objects.live()
        .exclude(restricted())
        .descendant_of(site.root_page)
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .defer_streamfields()
        .order_by("first_published_at")
    )
    return [
        DigestItem(
            title=item.title,
            url=item.get_url(current_site=site),
            meta=f"{item.date:%-d %B %Y}",
            summary=item.summary,
        )
        for item in news
    ]


def register():
    register_list(
        DigestList(
            key="news",
            label=_("Group news"),
            description=_("New posts from the group: papers out, awards, people joining."),
            items=news_items,
            order=20,
        )
    )
