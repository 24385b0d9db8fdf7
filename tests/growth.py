"""Grow the demo group to a larger size, to show public pages do not query per item.

The demo may hold more than one group (``load_demo`` without ``--one-group``): the group that
grows is the default site's, the one the benchmarks and tests read.

Growth leaves Wagtail's reference index alone (as the publication importer does): it was half
the time of growing tenfold, and no public page's query count depends on the index's size (a
publication page asks it once for the pages that cite it, whatever their number)."""

import functools
import itertools

from django.db.models import Q
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from people.models import PeopleIndexPage, PersonPage, Role
from research.models import (
    ActivityPage,
    ActivityPerson,
    EngagementIndexPage,
    ProjectIndexPage,
    ProjectMember,
    ProjectPage,
    PublicationAuthor,
    PublicationIndexPage,
    PublicationPage,
    ResearchThemePage,
)

_growing = 0  # how deep in growth functions (they call each other)


def without_reference_index(grow):
    @functools.wraps(grow)
    def growing(*args, **kwargs):
        global _growing
        if _growing:  # the outermost call has switched the index off (and switches it on)
            return grow(*args, **kwargs)
        _growing += 1
        try:
            with disable_reference_index_auto_update():
                return grow(*args, **kwargs)
        finally:
            _growing -= 1

    return growing


def in_the_group(model):
    """``model``'s pages in the default site's tree."""
    root = Site.objects.get(is_default_site=True).root_page
    return model.objects.descendant_of(root, inclusive=True)


@without_reference_index
def add_people(count: int) -> list[PersonPage]:
    """Add ``count`` current members, reusing demo portraits so every card has a photo."""
    index = in_the_group(PeopleIndexPage).get()
    demo = list(PersonPage.objects.select_related("photo"))
    roles = itertools.cycle(Role.objects.filter(pk__in=in_the_group(PersonPage).values("role_id")))
    photos = itertools.cycle([p.photo for p in demo if p.photo])
    people = []
    for n in range(count):
        person = PersonPage(
            title=f"Extra Person {n}",
            slug=f"extra-person-{n}",
            given_names="Extra",
            family_name=f"Person {n:04d}",
            role=next(roles),
            photo=next(photos),
            short_bio="An extra member added to measure queries.",
        )
        index.add_child(instance=person)
        people.append(person)
    return people


@without_reference_index
def add_publications(count: int, authors: list[PersonPage]) -> None:
    """Add ``count`` publications, each with two member authors and one external author."""
    index = in_the_group(PublicationIndexPage).get()
    pool = itertools.cycle(authors)
    for n in range(count):
        publication = PublicationPage(
            title=f"Extra publication {n}",
            slug=f"extra-publication-{n}",
            year=2000 + n % 26,
            status=["published", "accepted", "under_review", "in_preparation"][n % 4],
            venue="Journal of Measured Queries",
        )
        publication.authors = [
            PublicationAuthor(person=next(pool)),
            PublicationAuthor(person=next(pool)),
            PublicationAuthor(name="Outside Author"),
        ]
        index.add_child(instance=publication)


@without_reference_index
def add_activities(count: int, people: list[PersonPage]) -> None:
    """Add ``count`` activities of every kind, each with a member and a named guest."""
    import datetime

    from research.engagement.models import ActivityKind

    index = in_the_group(EngagementIndexPage).get()
    pool = itertools.cycle(people)
    kinds = itertools.cycle(ActivityKind.values)
    today = datetime.date.today()
    for n in range(count):
        activity = ActivityPage(
            title=f"Extra activity {n}",
            slug=f"extra-activity-{n}",
            kind=next(kinds),
            status=["planned", "done", "cancelled", "postponed"][n % 4],
            start_date=today + datetime.timedelta(days=(n % 40) * 30 - 600),
            time_zone="UTC",
        )
        activity.involved = [ActivityPerson(person=next(pool)), ActivityPerson(name="A Guest")]
        index.add_child(instance=activity)


@without_reference_index
def add_projects(count: int, people: list[PersonPage]) -> None:
    """Add ``count`` projects, each with two members, a grant and a theme."""
    from labsite.models import Grant

    index = in_the_group(ProjectIndexPage).get()
    pool = itertools.cycle(people)
    site = Site.objects.get(is_default_site=True)
    grants = itertools.cycle(Grant.objects.filter(Q(site=site) | Q(site__isnull=True)))
    themes = itertools.cycle(in_the_group(ResearchThemePage))
    publications = list(in_the_group(PublicationPage)[:3])
    for n in range(count):
        project = ProjectPage(
            title=f"Extra project {n}",
            slug=f"extra-project-{n}",
            summary="A project added to measure queries.",
            status=["active", "planned", "completed"][n % 3],
        )
        project.team = [
            ProjectMember(person=next(pool), role="lead"),
            ProjectMember(person=next(pool), role="researcher"),
        ]
        project.grants = [next(grants)]
        project.themes = [next(themes)]
        project.related_publications = publications
        index.add_child(instance=project)


@without_reference_index
def add_feed_papers(count: int, people: list[PersonPage]) -> None:
    """Papers spread over the last weeks, each with two recommendations and a theme."""
    import datetime

    from django.utils import timezone

    from research.models import (
        FeedPaper,
        PaperFeedPage,
        PaperRecommendation,
        ResearchThemePage,
    )

    feed = in_the_group(PaperFeedPage).first()
    themes = itertools.cycle(in_the_group(ResearchThemePage))
    pool = itertools.cycle(people)
    now = timezone.now()
    for n in range(count):
        paper = FeedPaper.objects.create(
            feed=feed,
            url=f"https://example.org/grown-paper/{n}",
            title=f"Grown paper {n}",
            authors="A. Author, B. Author",
            abstract="An abstract. " * 20,
            added_at=now - datetime.timedelta(hours=7 * n),
            club_date=(now + datetime.timedelta(days=n)).date() if n % 5 == 0 else None,
            club_presenter=next(pool) if n % 5 == 0 else None,
        )
        paper.themes.set([next(themes)])
        paper.save()
        PaperRecommendation.objects.create(paper=paper, person=next(pool), comment="Worth it.")
        PaperRecommendation.objects.create(paper=paper, person=next(pool))


@without_reference_index
def grow_tenfold() -> None:
    """Ten times the demo's people, publications, activities and projects."""
    people_now = in_the_group(PersonPage).count()
    publications_now = in_the_group(PublicationPage).count()
    activities_now = in_the_group(ActivityPage).count()
    projects_now = in_the_group(ProjectPage).count()
    extra_people = add_people(people_now * 9)
    members = extra_people + list(in_the_group(PersonPage)[:5])
    add_publications(publications_now * 9, members)
    add_activities(activities_now * 9, members)
    add_projects(projects_now * 9, members)
    from research.models import FeedPaper

    add_feed_papers(FeedPaper.objects.count() * 9, members)


@without_reference_index
def grow_to(*, people: int, publications: int, activities: int, projects: int) -> None:
    """Add content until the site has (at least) these many of each, for benchmarks at scale
    (bench/bench_pages.py --scale)."""
    extra_people = add_people(max(0, people - in_the_group(PersonPage).count()))
    members = extra_people + list(in_the_group(PersonPage)[:5])
    add_publications(max(0, publications - in_the_group(PublicationPage).count()), members)
    add_activities(max(0, activities - in_the_group(ActivityPage).count()), members)
    add_projects(max(0, projects - in_the_group(ProjectPage).count()), members)
