"""Unlisted pages: reachable by their address only.

A page an editor marks *unlisted* (and every page below it) is served to anyone who has its
address, and nowhere else: not in the menu, any list on the site, the site's search, the
sitemap, feeds or the API, and search engines are asked not to index it (``noindex``). For a
workshop's page sent to its attendees, a draft programme shown to a partner, an old project
kept for its links. It is the second of the four visibility levels (docs/visibility.md):
public, unlisted, the institution (signed in) and named groups, the last two Wagtail's own
privacy settings.

The field lives on the page types that may be unlisted (``Unlistable``, an abstract model, so
each type's table holds its own published value and drafts keep theirs in revisions). Which
sections are unlisted is read once per content generation (``labsite.visibility``), in one
query over those tables; listings exclude them with the restricted ones.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from labsite.panels import PROMOTE_PANELS

LISTING_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel(
                "unlisted",
                heading=_("Only for people who have the address"),
                help_text=_(
                    "Tick for a page people reach only through a link you give them, for "
                    "example a workshop's page for its attendees. It and the pages below it stay "
                    "out of the menu, every list on the site, the site's search, the sitemap, "
                    "feeds and the open API, and search engines are asked not to show it. "
                    "Anyone with the address can still read it: to keep a page from the public, "
                    "use Privacy (the eye in the page's status) instead."
                ),
            )
        ],
        heading=_("Who finds this page"),
    )
]

#: The Promote tab of a page type that may be unlisted.
UNLISTABLE_PROMOTE_PANELS = PROMOTE_PANELS + LISTING_PANELS


class Unlistable(models.Model):
    unlisted = models.BooleanField(
        _("unlisted"),
        default=False,
        help_text=_(
            "Reachable by its address only: out of menus, lists, search, sitemap, feeds and API."
        ),
    )

    promote_panels = UNLISTABLE_PROMOTE_PANELS

    class Meta:
        abstract = True


def unlistable_models() -> list[type]:
    """The concrete page types whose own table holds ``unlisted`` (a type that inherits it from
    a concrete parent, such as every index page from ``IndexPage``, reads its parent's)."""
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if issubclass(model, Unlistable) and model._meta.get_field("unlisted").model is model
    ]
