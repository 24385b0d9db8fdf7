"""A person chooser with nothing chosen opens at the group's people (labsite.chooser_start)."""

from labsite import chooser_start


def people_index_of(site) -> int | None:
    from people.profiles.models import PeopleIndexPage

    root = site.root_page
    return (
        PeopleIndexPage.objects.filter(path__startswith=root.path, locale_id=root.locale_id)
        .order_by("path")
        .values_list("pk", flat=True)
        .first()
    )


def register() -> None:
    from people.profiles.models import PersonPage

    chooser_start.register(PersonPage, people_index_of)
