"""The research app's self-updating lists for page bodies (see labsite.sections)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labsite import sections
from labsite.pagecache import expire_at
from labsite.visibility import restricted
from research.engagement.models import TALK_KINDS, activity_cards
from research.paperfeed.models import PaperFeedPage, PaperStatus, paper_queryset
from research.publications.models import publication_cards
from research.themes.models import ResearchThemePage


def recent_publications(request, count: int):
    """The newest publications of the current site (their authors are stored on them)."""
    return list(
        sections.in_current_site(
            publication_cards().live().exclude(restricted()), request
        ).order_by("-year", "-first_published_at")[:count]
    )


def every_groups_publications(request, count: int):
    """The newest publications of every group on the install (a department's front page)."""
    return list(
        publication_cards()
        .live()
        .exclude(restricted())
        .order_by("-year", "-first_published_at")[:count]
    )


def selected_publications(request, count: int):
    """The publications editors marked as selected, newest first."""
    return list(
        sections.in_current_site(publication_cards().live().exclude(restricted()), request)
        .filter(selected=True)
        .order_by("-year", "-first_published_at")[:count]
    )


def selected_engagement(request, count: int):
    """The talks and other activities editors marked as selected, newest first."""
    return list(
        sections.in_current_site(activity_cards().live().exclude(restricted()), request)
        .filter(selected=True)
        .order_by("-start_date", "-starts_at")[:count]
    )


def research_themes(request, count: int):
    """The site's research themes in page-tree order."""
    return list(
        sections.in_current_site(ResearchThemePage.objects.live().exclude(restricted()), request)
        .select_related("image")
        .defer_streamfields()
        .order_by("path")[:count]
    )


def upcoming_talks(request, count: int):
    """The next talks of the current site, cancelled ones included (they are marked)."""

    talks = list(
        sections.in_current_site(activity_cards().live().exclude(restricted()), request)
        .filter(kind__in=TALK_KINDS, starts_at__gte=timezone.now() - datetime.timedelta(hours=12))
        .order_by("starts_at")[:count]
    )
    if talks:
        expire_at(request, talks[0].starts_at + datetime.timedelta(hours=12))
    return talks


#: The home page's papers are the week's most voted (the newest when nobody voted).
TOP_PAPERS_PERIOD = datetime.timedelta(days=7)


def feed_papers(request, count: int):
    """The top papers of the past week on the current site's paper feed: most votes first."""

    feeds = sections.in_current_site(PaperFeedPage.objects.live().exclude(restricted()), request)
    papers = paper_queryset().filter(feed__in=feeds, status=PaperStatus.PUBLISHED)
    since = timezone.now() - TOP_PAPERS_PERIOD
    top = list(
        papers.filter(added_at__gte=since).order_by("-vote_count", "-added_at", "-pk")[:count]
    )
    # A quiet week still shows what the group read last.
    return top or list(papers[:count])


sections.register(
    sections.Section(
        key="department_publications",
        label=_("Latest publications of every group"),
        template="components/sections/publications.html",
        items=every_groups_publications,
        order=91,
        spans_sites=True,
    )
)
sections.register(
    sections.Section(
        key="papers",
        label=_("Papers we are reading"),
        template="components/sections/papers.html",
        items=feed_papers,
        order=30,
    )
)
sections.register(
    sections.Section(
        key="talks",
        label=_("Upcoming talks"),
        template="components/sections/talks.html",
        items=upcoming_talks,
        order=25,
    )
)
sections.register(
    sections.Section(
        key="publications",
        label=_("Recent publications"),
        template="components/sections/publications.html",
        items=recent_publications,
        order=20,
    )
)
sections.register(
    sections.Section(
        key="selected_publications",
        label=_("Selected publications"),
        template="components/sections/publications.html",
        items=selected_publications,
        order=15,
    )
)
sections.register(
    sections.Section(
        key="selected_engagement",
        label=_("Selected research engagement"),
        template="components/sections/activities.html",
        items=selected_engagement,
        order=26,
    )
)
sections.register(
    sections.Section(
        key="themes",
        label=_("Research themes"),
        template="components/sections/themes.html",
        items=research_themes,
        order=5,
    )
)
