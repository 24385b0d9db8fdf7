"""The columns a link to a page reads: its title and its address (``{% pageurl %}`` needs
only ``url_path`` and the site roots it already keeps on the request).

Lists of pages on a page (a paper's themes, a theme's projects) print a title and a link.
Building full page objects for them costs twice as much in Django as building these few
columns (about half a millisecond a list), so such lists ask for ``link_columns()`` plus
whatever else they print.
"""

from modelcluster.queryset import FakeQuerySet

LINK_COLUMNS = ("id", "title", "url_path")


def link_columns(through: str = "") -> tuple[str, ...]:
    """``LINK_COLUMNS``, or the same columns of the page a relation ``through`` points to."""
    if not through:
        return LINK_COLUMNS
    return tuple(f"{through}__{column}" for column in LINK_COLUMNS)


def related_columns(model, through: str) -> tuple[str, ...]:
    """Every column of ``model``, reached through the relation ``through``: for ``only()``
    beside ``select_related(through)`` when what it joins is printed whole (a picture)."""
    return tuple(f"{through}__{field.name}" for field in model._meta.concrete_fields)


def chosen_ids(page, name: str):
    """The ids that ``page``'s ``ParentalManyToManyField`` ``name`` chooses, for ``pk__in``.

    From the database, a subquery; in a preview, the choices being edited, which modelcluster
    keeps in memory in a ``FakeQuerySet`` that has neither ``values("pk")`` nor ``live()``
    (asking it for either made the preview of a paper, talk or project fail)."""
    chosen = getattr(page, name).all()
    if isinstance(chosen, FakeQuerySet):
        return [item.pk for item in chosen]
    return chosen.values("pk")


def related_pages(page, name: str):
    """The live pages that ``page``'s ``ParentalManyToManyField`` ``name`` chooses, as a
    queryset of their own type (to filter, order and trim like any other list)."""
    model = page._meta.get_field(name).related_model
    return model.objects.live().filter(pk__in=chosen_ids(page, name))
