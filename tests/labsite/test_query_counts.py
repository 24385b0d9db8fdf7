"""Every public page runs the same number of queries with the demo data and with ten times it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from labsite.models import NewsPage
from labsite.pagecache.kept import forget_kept
from people.models import OpeningPage, PersonPage
from research.models import ActivityPage, ProjectPage, PublicationPage, ResearchThemePage
from tests.growth import grow_tenfold
from tests.querycount import assert_constant_queries

#: Every public page with its exact number of queries, at the demo's size and at ten times it
#: (docs/design.md, "Queries per page"). A change here is a change in what a page reads: say why
#: in the commit. The budget for every page is 10.
PINNED = {
    "/": 5,
    "/about/": 1,
    "/research/": 2,
    "a research theme": 4,
    "/publications/": 4,
    "a publication": 2,
    "/people/": 4,
    "a person": 2,
    "/openings/": 2,
    "an open opening": 3,
    "a closed opening": 4,
    "/news/": 3,
    "a news item": 3,
    "/supervision/": 2,
    "/engagement/": 4,
    "an activity": 2,
    "/engagement/calendar/": 2,
    "/publications/export/bibtex/": 3,
    "/search/?q=ocean": 8,
    "/search/?q=ocean&type=research.publicationpage": 4,
    "/engagement/?kind=group-1": 4,
    "/projects/": 4,
    "/projects/?funder=Eastmere+Research+Council": 4,
    "a project": 1,
    "/news/feed/rss/": 3,
    "/publications/feed/atom/": 2,
    "/apply/": 0,
    "/apply/?opening=<open>": 0,
    "/paper-feed/": 1,
    "/paper-feed/?period=month&theme=ocean-sensing": 1,
    "/paper-feed/feed/rss/": 4,
    "/subscribe/": 0,
}
BUDGET = 10

#: Pages with a part rendered once per content change (labsite.pagecache.kept: a person's
#: sections, a paper's and a project's related work, the paper feed's lists for visitors, the
#: blank application form) and their queries when that part is rendered, the first visit
#: after any change. The steady state above reads none of it.
PINNED_FIRST_RENDER = {
    "a publication": 7,
    "a person": 7,
    "a project": 6,
    "/paper-feed/": 6,
    "/paper-feed/?period=month&theme=ocean-sensing": 6,
    "/apply/": 3,
    "/apply/?opening=<open>": 5,
}


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


def _first_render_counts(client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name in PINNED_FIRST_RENDER:
        # The chrome and the statements warm (twice: see count_queries), the part not.
        for _ in range(2):
            client.get(urls[name])
        forget_kept()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(urls[name])
        assert response.status_code == 200
        counts[name] = len(captured)
    return counts


@pytest.mark.django_db
def test_parts_rendered_once_read_their_pinned_queries_when_rendered_at_two_sizes(client):
    urls = public_urls()
    small = _first_render_counts(client, urls)
    grow_tenfold()
    large = _first_render_counts(client, urls)
    assert small == large == PINNED_FIRST_RENDER
    assert max(small.values()) <= BUDGET
