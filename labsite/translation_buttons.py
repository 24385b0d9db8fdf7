"""wagtail-localize's "Translate this page" and "Sync translated pages" in the admin's page
listing, for a whole listing in two queries.

wagtail-localize decides each row's two entries with two to four queries of its own (is there a
locale without a translation; is the page a translation source with translations switched on):
61 of the 95 queries of a publication list's listing, a hundred more on a page of 50 rows. This
asks both questions once for every child of the row's parent page (the rows of a listing are
siblings; a search's rows are grouped by their parents) and answers each row from memory. The
answers are kept on the request's user (the one object the hook is given per request), so no
request sees another's. wagtail-localize's own hook still answers the page header's menu (one
page, nothing to batch); ``tests/labsite/test_translation_buttons.py`` compares the two on
every kind of row.
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page

from labsite.adapters import wagtail as adapters_wagtail

LISTING_HOOK = "register_page_listing_more_buttons"


class _Siblings:
    """For the children of one parent: which translation keys have a translation (not an alias)
    in every locale, and the translation source of each (key, locale) with translations on."""

    def __init__(self, parent_path: str, depth: int):
        children = Page.objects.filter(path__startswith=parent_path, depth=depth).values(
            "translation_key"
        )
        locales = Locale.objects.count()
        self.everywhere = set(
            Page.objects.filter(translation_key__in=children, alias_of__isnull=True)
            .order_by()  # grouped by the key alone, not by the tree's order too
            .values("translation_key")
            .annotate(locales=Count("locale_id", distinct=True))
            .filter(locales__gte=locales)
            .values_list("translation_key", flat=True)
        )
        from wagtail_localize.models import TranslationSource

        self.sources = {
            (key, locale_id): source_id
            for key, locale_id, source_id in TranslationSource.objects.filter(
                object__content_type=ContentType.objects.get_for_model(Page),
                object__translation_key__in=children,
                translations__enabled=True,
            )
            .values_list("object__translation_key", "locale_id", "pk")
            .distinct()
        }


def _siblings_of(page, user) -> _Siblings:
    known = getattr(user, "_labsite_translation_siblings", None)
    if known is None:
        known = {}
        user._labsite_translation_siblings = known
    parent_path = page.path[: -Page.steplen]
    if parent_path not in known:
        known[parent_path] = _Siblings(parent_path, page.depth)
    return known[parent_path]


def page_listing_more_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's two entries (wagtail_localize.wagtail_hooks.page_listing_more_buttons),
    answered from ``_Siblings``."""
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    siblings = _siblings_of(page, user)
    if page.translation_key not in siblings.everywhere:
        yield ListingButton(
            _("Translate this page"),
            reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    source_id = siblings.sources.get((page.translation_key, page.locale_id))
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def replace_wagtail_localize_listing_hook() -> None:
    """Answer the listing's rows here instead of in wagtail-localize's hook (see above)."""
    # Imported here: it registers its hooks on import, and only then can its one be replaced.
    from wagtail_localize import wagtail_hooks as localize_hooks

    adapters_wagtail.replace_hook(
        LISTING_HOOK, localize_hooks.page_listing_more_buttons, page_listing_more_buttons
    )
