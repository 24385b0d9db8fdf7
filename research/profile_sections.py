"""What research adds to a person's page: the themes they work on and their publications."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from people import profile
from research.models import PublicationAuthor, PublicationPage, ResearchThemePage


def person_themes(person):
    return list(
        ResearchThemePage.objects.live()
        .public()
        .filter(members__person=person)
        .distinct()
        .order_by("path")
    )


def person_publications(person):
    return list(
        PublicationPage.objects.live()
        .public()
        .filter(authors__person=person)
        .distinct()
        .prefetch_related(
            Prefetch(
                "authors",
                queryset=PublicationAuthor.objects.select_related("person").order_by("sort_order"),
            )
        )
        .defer_streamfields()
        .order_by("-year", "title")
    )


def person_talks(person):
    from research.models import talk_queryset

    return list(
        talk_queryset()
        .live()
        .public()
        .filter(speakers__person=person)
        .distinct()
        .order_by("-starts_at")[:50]
    )


profile.register(
    profile.ProfileSection(
        key="talks",
        heading=_("Talks"),
        template="research/profile/talks.html",
        items=person_talks,
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
