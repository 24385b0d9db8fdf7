"""Panels every page type shares, worded for the group rather than in Wagtail's terms."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel

#: The *Promote* tab: "slug" becomes the page's web address, and the menu tick says what it does.
PROMOTE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel(
                "slug",
                heading=_("Web address"),
                help_text=_(
                    "The last part of this page's address, in small letters and hyphens, e.g. "
                    "'ocean-acoustics' for …/research/ocean-acoustics/. If you change it, the "
                    "old address keeps working and forwards visitors to the new one."
                ),
            ),
            FieldPanel(
                "seo_title",
                heading=_("Title for search engines"),
                help_text=_("Optional: a different title for search results and browser tabs."),
            ),
            FieldPanel(
                "search_description",
                heading=_("Summary for search engines"),
                help_text=_(
                    "Optional: one or two sentences for search results and link previews. "
                    "Leave empty to use the page's own summary."
                ),
            ),
        ],
        heading=_("Address and search engines"),
    ),
    MultiFieldPanel(
        [
            FieldPanel(
                "show_in_menus",
                heading=_("Show in the site menu"),
                help_text=_(
                    "Tick to list this page in the menu at the top of every page. The menu "
                    "follows the order of the pages in the page tree: use 'Sort menu order' in "
                    "the page listing to change it."
                ),
            )
        ],
        heading=_("Site menu"),
    ),
]


class _RecordsElsewhere:
    """HelpPanel content resolved when the editor is shown (URLs are not known at import)."""

    def __init__(self, text, url_name: str, link_text):
        self.text, self.url_name, self.link_text = text, url_name, link_text

    def __str__(self) -> str:
        from django.urls import NoReverseMatch, reverse
        from django.utils.html import format_html

        try:
            url = reverse(self.url_name)
        except NoReverseMatch:
            return format_html("<p>{}</p>", self.text)
        return format_html('<p>{} <a href="{}">{}</a></p>', self.text, url, self.link_text)


def records_elsewhere(text, url_name: str, link_text) -> HelpPanel:
    """Tells editors of a page that lists records kept elsewhere where to edit them."""
    return HelpPanel(content=_RecordsElsewhere(text, url_name, link_text))
