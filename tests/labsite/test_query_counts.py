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

#: Every public page with its query budget, at the demo's size and at ten times it (and the
#: count may not grow with the content). docs/design.md, "Queries per page", has the measured
#: figures; the budget for every page is at most 10.
BUDGETS = {
    "/": 10,
    "/about/": 10,
    "/accessibility/": 10,
    "/accessibility/feedback/": 10,
    "/privacy/": 10,
    "/research/": 10,
    "a research theme": 10,
    "/publications/": 10,
    "a publication": 10,
    "/people/": 10,
    "a person": 10,
    "/openings/": 10,
    "an open opening": 10,
    "a closed opening": 10,
    "/news/": 10,
    "a news item": 10,
    "/supervision/": 10,
    "/engagement/": 10,
    "an activity": 10,
    "/engagement/calendar/": 10,
    "/publications/export/bibtex/": 10,
    "/search/?q=ocean": 10,
    "/search/?q=ocean&type=research.publicationpage": 10,
    "/engagement/?kind=group-1": 10,
    "/projects/": 10,
    "/projects/?funder=Eastmere+Research+Council": 10,
    "a project": 10,
    "/news/feed/rss/": 10,
    "/publications/feed/atom/": 10,
    "/apply/": 10,
    "/apply/?opening=<open>": 10,
    "/paper-feed/": 10,
    "/paper-feed/?period=month&theme=ocean-sensing": 10,
    "/paper-feed/feed/rss/": 10,
    "/subscribe/": 10,
    "/teaching/": 10,
    "/teaching/ocean-acoustics/": 10,
    "/find-an-expert/?text=acoustic+monitoring+of+reefs+with+hydrophones": 10,
}
BUDGET = 10

#: Pages with a part rendered once per content change (labsite.pagecache.kept: a person's
#: sections, a paper's and a project's related work, the paper feed's lists for visitors) and
#: their budget when that part is rendered: the first visit after a change to the page's site
#: (the page cache answers the others). Wagtail's own site lookup and routing cost four
#: queries before any page is read; the parts read five lists. A person's page reads two more,
#: one per section (citation figures, courses): seven lists, each one query however long.
FIRST_RENDER_BUDGETS = {
    "a publication": 12,
    "a person": 13,
    "a project": 12,
    "/paper-feed/": 10,
    "/paper-feed/?period=month&theme=ocean-sensing": 10,
}
FIRST_RENDER_BUDGET = 13


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
    return {name: named.get(name, name) for name in BUDGETS}


def _first_render_counts(client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name in FIRST_RENDER_BUDGETS:
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
def test_public_pages_stay_within_their_query_budgets_at_two_sizes(client):
    """Every page in the steady state, and the pages with parts rendered once when those are
    rendered, at the demo's size and at ten times it. One growth serves both: growing the
    content is most of this test's time, in every cell of CI."""
    urls = public_urls()
    first_render = {}

    def measure_first_renders_then_grow():
        first_render["small"] = _first_render_counts(client, urls)
        grow_tenfold()

    counts = assert_constant_queries(client, list(urls.values()), measure_first_renders_then_grow)
    assert PersonPage.objects.count() == 120
    assert PublicationPage.objects.count() == 300
    measured = {name: counts[url][0] for name, url in urls.items()}
    for name, url in urls.items():
        print(f"{name:50} {url:60} {counts[url][0]:3} {counts[url][1]:3}")
    over = {name: n for name, n in measured.items() if n > min(BUDGETS[name], BUDGET)}
    assert not over, f"over budget: {over}"

    small, large = first_render["small"], _first_render_counts(client, urls)
    print(small, large)
    assert small == large, "the first render's queries grow with the content"
    over = {
        name: n
        for name, n in small.items()
        if n > min(FIRST_RENDER_BUDGETS[name], FIRST_RENDER_BUDGET)
    }
    assert not over, f"first render over budget: {over}"
