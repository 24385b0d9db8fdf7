"""What research adds to a person's page: the themes they work on and their publications."""

from itertools import groupby

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labsite.page_links import link_columns
from labsite.shortlists import Shortlist, listing_url, shortlist
from labsite.visibility import restricted
from people.profiles import registry as profile
from research.engagement.models import KIND_GROUPS, ActivityPerson, activity_cards
from research.impact.services import person_citations
from research.projects.models import ProjectMember, project_cards
from research.publications.models import PublicationAuthor, publication_cards, publication_queryset
from research.teaching.models import CoursePage, CourseTeacher
from research.themes.models import ResearchThemePage, ThemeMember


def _themes_of(person_id):
    return list(
        ResearchThemePage.objects.live()
        .exclude(restricted())
        .filter(pk__in=ThemeMember.objects.filter(person=person_id).values("theme_id"))
        .only(*link_columns())
        .order_by("path")
    )


def person_themes(person):
    return _themes_of(person.pk)


#: A person page lists this many of their publications, newest first; the rest are one link
#: away on the publication list filtered to them, so the page stays the same size at 500 papers.
PROFILE_PUBLICATIONS = 20


def _authored_by(person_id):
    """Their live publications. Through a subquery of their authorships rather than a join:
    no DISTINCT over whole rows, which at 500 papers sorted every row before taking 20."""
    return (
        publication_queryset()
        .live()
        .exclude(restricted())
        .filter(pk__in=PublicationAuthor.objects.filter(person=person_id).values("page_id"))
    )


def _newest_and_selected(person_id):
    """Their newest publications (one more than the page lists, to tell there are more) and
    the newest they marked as selected, newest first, in one query for both sections: two
    subqueries choose the rows. The first rows are the newest, whatever else came with them."""
    authored = _authored_by(person_id).order_by("-year", "title")
    newest = authored.values("pk")[: PROFILE_PUBLICATIONS + 1]
    selected = authored.filter(selected=True).values("pk")[:PROFILE_SELECTED]
    return (
        publication_cards().filter(Q(pk__in=newest) | Q(pk__in=selected)).order_by("-year", "title")
    )


def _newest_and_selected_of(person_id):
    return list(_newest_and_selected(person_id))


def _publications_of(person) -> list:
    """Read once for both sections that show them."""
    if not hasattr(person, "_publications_cache"):
        person._publications_cache = _newest_and_selected_of(person.pk)
    return person._publications_cache


def person_publications(person) -> Shortlist:
    publications = shortlist(_publications_of(person), PROFILE_PUBLICATIONS)
    if publications.more:
        publications.all_url = listing_url(publications[0].url, f"member={person.slug}")
    return publications


def _newest_activities_of(person_id):
    return list(
        activity_cards()
        .live()
        .exclude(restricted())
        .filter(pk__in=ActivityPerson.objects.filter(person=person_id).values("page_id"))
        .order_by("-start_date", "-starts_at")[:300]
    )


def _activities_of(person) -> list:
    """Their newest 300 activities, read once for both sections that show them."""
    if not hasattr(person, "_activities_cache"):
        person._activities_cache = _newest_activities_of(person.pk)
    return person._activities_cache


#: At most this many selected publications head a person's page.
PROFILE_SELECTED = 10


def person_selected(person) -> list[tuple[str, object]]:
    """What the editors marked as selected among their work: ("publication" | "activity", item)."""
    publications = [p for p in _publications_of(person) if p.selected][:PROFILE_SELECTED]
    return [("publication", p) for p in publications] + [
        ("activity", a) for a in _activities_of(person) if a.selected
    ][:PROFILE_SELECTED]


def person_activities(person) -> list[tuple[str, list[tuple[int, list]]]]:
    """Talks and engagement grouped by kind, then by year, newest first (one query)."""

    activities = _activities_of(person)
    grouped = []
    for heading, kinds in KIND_GROUPS:
        items = [a for a in activities if a.kind in kinds]
        if items:
            years = [
                (year, list(group)) for year, group in groupby(items, lambda a: a.start_date.year)
            ]
            grouped.append((heading, years))
    return grouped


profile.register(
    profile.ProfileSection(
        key="selected",
        heading=_("Selected work"),
        template="research/profile/selected.html",
        items=person_selected,
        order=1,
    )
)
profile.register(
    profile.ProfileSection(
        key="activities",
        heading=_("Talks and engagement"),
        template="research/profile/activities.html",
        items=person_activities,
        order=40,
    )
)
profile.register(
    profile.ProfileSection(
        key="themes",
        heading=_("Research themes"),
        template="research/profile/themes.html",
        items=person_themes,
        order=10,
    )
)
profile.register(
    profile.ProfileSection(
        key="publications",
        heading=_("Publications"),
        template="research/profile/publications.html",
        items=person_publications,
        order=30,
    )
)


def _projects_of(person_id):
    return list(
        project_cards()
        .live()
        .exclude(restricted())
        .filter(pk__in=ProjectMember.objects.filter(person=person_id).values("page_id"))
        .order_by("status", "-start_date")
    )


def person_projects(person):
    return _projects_of(person.pk)


profile.register(
    profile.ProfileSection(
        key="projects",
        heading=_("Projects"),
        template="research/profile/projects.html",
        items=person_projects,
        order=20,
    )
)


profile.register(
    profile.ProfileSection(
        key="citations",
        heading=_("Citations"),
        template="research/profile/citations.html",
        items=person_citations,
        order=35,
    )
)


def person_courses(person):
    """The courses they teach or taught, newest first (one query)."""
    return list(
        CoursePage.objects.live()
        .exclude(restricted())
        .filter(pk__in=CourseTeacher.objects.filter(person=person.pk).values("page_id"))
        .only(*link_columns(), "code", "term", "year", "level", "institution", "credits", "summary")
        .order_by("-year", "code")[:50]
    )


profile.register(
    profile.ProfileSection(
        key="teaching",
        heading=_("Teaching"),
        template="research/profile/teaching.html",
        items=person_courses,
        order=38,
    )
)
