"""Each listing owns one named queryset; its cost is pinned here exactly, at two sizes, so a
template that starts reaching for an unfetched relation shows up as a changed count."""

import pytest

from research.engagement.models import activity_queryset
from research.paperfeed.models import paper_queryset
from research.projects.models import project_queryset
from research.publications.models import publication_queryset

pytestmark = pytest.mark.django_db

# queryset factory, what a listing row touches, queries for any non-empty page of rows
LISTINGS = {
    "publications": (
        publication_queryset,
        lambda p: [(a.display_name, a.person and a.person.url_path) for a in p.authors.all()],
        2,  # pages, then authors with their people
    ),
    "activities": (
        activity_queryset,
        lambda a: [(i.display_name, i.person and i.person.url_path) for i in a.involved.all()],
        2,  # pages, then people involved with their pages
    ),
    "projects": (
        project_queryset,
        lambda p: (p.image, [m.display_name for m in p.team.all()], list(p.grants.all())),
        3,  # pages with their image, team with people and external people, grants
    ),
    "papers": (
        paper_queryset,
        lambda p: (
            p.club_presenter,
            [r.display_name for r in p.recommendations.all()],
            [t.title for t in p.themes.all()],
        ),
        3,  # papers with the presenter, recommendations with people, themes
    ),
}


@pytest.mark.parametrize("name", LISTINGS)
@pytest.mark.parametrize("size", [2, None])
def test_listing_querysets_cost_exactly_their_pinned_queries(name, size, django_assert_num_queries):
    queryset, touch, expected = LISTINGS[name]
    rows = queryset() if size is None else queryset()[:size]
    assert queryset().exists(), f"the demo has no {name} to list"
    with django_assert_num_queries(expected):
        for row in rows:
            touch(row)
