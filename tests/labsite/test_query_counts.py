"""Every public page runs the same number of queries with the demo data and with ten times it."""

import pytest

from labsite.models import NewsPage
from people.models import OpeningPage, PersonPage
from research.models import ActivityPage, ProjectPage, PublicationPage, ResearchThemePage
from tests.growth import grow_tenfold
from tests.querycount import assert_constant_queries

#: Every public page with its exact number of queries, at the demo's size and at ten times it
#: (docs/design.md, "Queries per page"). A change here is a change in what a page reads: say why
#: in the commit. The budget for every page is 10.
PINNED = {
    "/": 8,
    "/about/": 4,
    "/research/": 5,
    "a research theme": 7,
    "/publications/": 7,
    "a publication": 9,
    "/people/": 5,
    "a person": 10,
    "/openings/": 5,
    "an open opening": 6,
    "a closed opening": 7,
    "/news/": 6,
    "a news item": 6,
    "/supervision/": 5,
    "/engagement/": 7,
    "an activity": 6,
    "/engagement/calendar/": 5,
    "/publications/export/bibtex/": 6,
    "/search/?q=ocean": 9,
    "/search/?q=ocean&type=research.publicationpage": 5,
    "/engagement/?kind=group-1": 7,
    "/projects/": 7,
    "/projects/?funder=Eastmere+Research+Council": 7,
    "a project": 10,
    "/news/feed/rss/": 6,
    "/publications/feed/atom/": 5,
    "/apply/": 5,
    "/apply/?opening=<open>": 9,
    "/paper-feed/": 9,
    "/paper-feed/?period=month&theme=ocean-sensing": 9,
    "/paper-feed/feed/rss/": 7,
    "/subscribe/": 1,
}
BUDGET = 10


def public_urls() -> dict[str, str]:
    open_opening = next(o for o in OpeningPage.objects.live() if o.is_open())
    closed_opening = next(o for o in OpeningPage.objects.live() if not o.is_open())
    named = {
        "a research theme": ResearchThemePage.objects.live().first().url,
        "a publication": PublicationPage.objects.live().first().url,
        "a person": PersonPage.objects.live().get(slug="maren-okafor").url,
        "an open opening": open_opening.url,
        "a closed opening": closed_opening.url,
        "a news item": NewsPage.objects.live().first().url,
        "an activity": ActivityPage.objects.live().first().url,
        "a project": ProjectPage.objects.live().get(slug="listening-reefs").url,
        "/apply/?opening=<open>": f"/apply/?opening={open_opening.pk}",
    }
    return {name: named.get(name, name) for name in PINNED}


@pytest.mark.django_db
def test_public_pages_run_their_pinned_queries_at_two_sizes(client):
    urls = public_urls()
    counts = assert_constant_queries(client, list(urls.values()), grow_tenfold)
    assert PersonPage.objects.count() == 120
    assert PublicationPage.objects.count() == 300
    measured = {name: counts[url][0] for name, url in urls.items()}
    for name, url in urls.items():
        print(f"{name:50} {url:60} {counts[url][0]:3} {counts[url][1]:3}")
    assert max(measured.values()) <= BUDGET
    assert measured == PINNED
