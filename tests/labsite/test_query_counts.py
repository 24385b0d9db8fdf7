"""Every public page runs the same number of queries with the demo data and with ten times it."""

import pytest

from labsite.models import NewsPage
from people.models import OpeningPage, PersonPage
from research.models import ActivityPage, ProjectPage, PublicationPage, ResearchThemePage
from tests.growth import grow_tenfold
from tests.querycount import assert_constant_queries


def public_urls() -> list[str]:
    open_opening = next(o for o in OpeningPage.objects.live() if o.is_open())
    closed_opening = next(o for o in OpeningPage.objects.live() if not o.is_open())
    return [
        "/",
        "/about/",
        "/research/",
        ResearchThemePage.objects.live().first().url,
        "/publications/",
        PublicationPage.objects.live().first().url,
        "/people/",
        PersonPage.objects.live().get(slug="maren-okafor").url,
        "/openings/",
        open_opening.url,
        closed_opening.url,
        "/news/",
        NewsPage.objects.live().first().url,
        "/supervision/",
        "/engagement/",
        ActivityPage.objects.live().first().url,
        "/engagement/calendar/",
        "/publications/export/bibtex/",
        "/search/?q=ocean",
        "/search/?q=ocean&type=research.publicationpage",
        "/engagement/?kind=group-1",
        "/projects/",
        "/projects/?funder=Eastmere+Research+Council",
        ProjectPage.objects.live().get(slug="listening-reefs").url,
        "/news/feed/rss/",
        "/publications/feed/atom/",
        "/apply/",
        f"/apply/?opening={open_opening.pk}",
        "/paper-feed/",
        "/paper-feed/?period=month&theme=ocean-sensing",
        "/paper-feed/feed/rss/",
        "/subscribe/",
    ]


#: Pages over the budget of 10 queries, and why (docs/design.md, "Queries per page"): each
#: listing on them is one query plus one for the people it names.
OVER_BUDGET = {
    "/": "five latest-items lists: themes and news with their images, publications and talks "
    "with their people, openings",
    "person": "their themes, projects (team and funders), supervision, publications and talks",
    "theme": "its projects (team and funders), members, publications",
    "project": "team, funders, themes, publications and talks with their people, news",
}
BUDGET = 10


def budget_key(url: str) -> str:
    if url == "/":
        return "/"
    if url.startswith("/people/") and url != "/people/":
        return "person"
    if url.startswith("/research/") and url != "/research/":
        return "theme"
    if url.startswith("/projects/") and "?" not in url and url != "/projects/":
        return "project"
    return url


@pytest.mark.django_db
def test_public_pages_query_count_does_not_grow_with_content(client):
    counts = assert_constant_queries(client, public_urls(), grow_tenfold)
    assert PersonPage.objects.count() == 120
    assert PublicationPage.objects.count() == 300
    for url, (small, large) in counts.items():
        print(f"{url:60} {small:3} {large:3}")
    over = {
        url: small
        for url, (small, _large) in counts.items()
        if small > BUDGET and budget_key(url) not in OVER_BUDGET
    }
    assert not over, f"pages over {BUDGET} queries: {over}"
