"""Wagtail's content checker (the editor's *Checks* panel and the userbar) with the rules an
accessibility statement is made of, on top of Wagtail's own: every image a page shows needs a
description, links must say where they go, headings keep their order, and links to PDFs are
flagged with what to do about them.

Configured through ``ContentCheckerItem``'s documented attributes (axe-core rules and the
messages shown to editors), swapped in by the ``construct_wagtail_userbar`` hook."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

#: axe-core rules added to Wagtail's own.
EXTRA_RULES = ["image-alt", "role-img-alt", "svg-img-alt", "link-in-text-block"]

#: Our rules, built on axe-core's own checks: an image in the page's content whose alt text
#: is empty although nobody marked it decorative (decorative images carry role=presentation),
#: and a link to a PDF.
CUSTOM_RULES = [
    {
        "id": "labsite-image-description",
        "impact": "serious",
        "selector": "main img[alt='']:not([role='presentation']):not([aria-hidden='true'])",
        "tags": ["wcag2a", "wcag111"],
        "any": ["non-empty-alt"],
        "enabled": True,
    },
    {
        "id": "labsite-pdf-link",
        "impact": "moderate",
        "selector": "main a[href$='.pdf' i]",
        "tags": ["best-practice"],
        # A link has no alt attribute: the check always fails, so every PDF link is listed.
        "any": ["non-empty-alt"],
        "enabled": True,
    },
]

MESSAGES = {
    "image-alt": {
        "error_name": _("Image without a description"),
        "help_text": _("Describe the image in its alt text, or tick 'Image is decorative'."),
    },
    "labsite-image-description": {
        "error_name": _("Image without a description"),
        "help_text": _(
            "Fill in the image's description (alt text) next to where you chose the image."
        ),
    },
    "labsite-pdf-link": {
        "error_name": _("Link to a PDF"),
        "help_text": _(
            "PDFs are hard to read with screen readers and on phones. Put the content on a "
            "page if you can; otherwise upload a tagged PDF with a title and language, and "
            "say 'PDF' and its size in the link text."
        ),
    },
    "link-in-text-block": {
        "error_name": _("Link only told apart by colour"),
        "help_text": _("Links in text must be underlined or otherwise marked."),
    },
}


class LabsiteContentChecker(ContentCheckerItem):
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        *EXTRA_RULES,
        *(rule["id"] for rule in CUSTOM_RULES),
    ]
    axe_custom_rules = [*ContentCheckerItem.axe_custom_rules, *CUSTOM_RULES]
    axe_messages = {**ContentCheckerItem.axe_messages, **MESSAGES}


def use_labsite_checker(request, items, page=None) -> None:
    """``construct_wagtail_userbar``: Wagtail's checker replaced by ours, in place."""
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, LabsiteContentChecker):
            items[position] = LabsiteContentChecker(in_editor=item.in_editor)
