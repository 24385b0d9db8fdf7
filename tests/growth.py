"""Grow the demo group to a larger size, to show public pages do not query per item."""

import itertools

from people.models import PeopleIndexPage, PersonPage, Role
from research.models import PublicationAuthor, PublicationIndexPage, PublicationPage


def add_people(count: int) -> list[PersonPage]:
    """Add ``count`` current members, reusing demo portraits so every card has a photo."""
    index = PeopleIndexPage.objects.get()
    demo = list(PersonPage.objects.select_related("photo"))
    roles = itertools.cycle(Role.objects.all())
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


def add_publications(count: int, authors: list[PersonPage]) -> None:
    """Add ``count`` publications, each with two member authors and one external author."""
    index = PublicationIndexPage.objects.get()
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


def grow_tenfold() -> None:
    """Ten times the demo's people and publications."""
    people_now = PersonPage.objects.count()
    publications_now = PublicationPage.objects.count()
    extra_people = add_people(people_now * 9)
    add_publications(publications_now * 9, extra_people + list(PersonPage.objects.all()[:5]))
