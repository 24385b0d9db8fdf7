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
        lambda p: [(c.name, c.url) for c in p.credited],
        1,  # pages, their authors stored on them
    ),
    "activities": (
        activity_queryset,
        lambda a: [(c.name, c.url, c.role_label) for c in a.credited],
        1,  # pages, the people involved stored on them
    ),
    "projects": (
        project_queryset,
        lambda p: (p.image, [(c.name, c.url) for c in p.leads], p.funders),
        1,  # pages with their image; team and funders stored on them
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
