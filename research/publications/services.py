"""The entry points the admin and the command line share for bringing publications in."""

from wagtail.models import Site

from research.publications import bibtex
from research.publications.importer import ImportResult, import_drafts  # noqa: F401  (re-exported for the command)
from research.publications.index_page import PublicationIndexPage


class NoPublicationIndex(Exception):
    pass


def default_index_page() -> PublicationIndexPage:

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    pages = PublicationIndexPage.objects.all()
    if site:
        pages = pages.descendant_of(site.root_page)
    index = pages.first() or PublicationIndexPage.objects.first()
    if index is None:
        raise NoPublicationIndex(
            "There is no publications page yet. Create one under the home page first."
        )
    return index


def preview_bibtex(text: str, index_page) -> list[bibtex.EntryDraft]:
    """Parse, match authors to members and flag duplicates: what the preview shows."""
    drafts = bibtex.parse(text)
    bibtex.match_members(drafts)
    bibtex.mark_duplicates(drafts, index_page)
    return drafts


def import_bibtex(
    text: str, index_page, selected_keys=None, status=None, owner=None
) -> ImportResult:
    drafts = preview_bibtex(text, index_page)
    if selected_keys is not None:
        chosen = set(selected_keys)
        drafts = [d for d in drafts if f"{d.line}:{d.key}" in chosen]
    return import_drafts(drafts, index_page, status=status, owner=owner)
