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


def preview_bibtex(text: str, index_page, member=None) -> list[bibtex.EntryDraft]:
    """Parse, match authors to members and flag duplicates: what the preview shows.

    ``member`` (a person page id) is given when a member without the right to publish imports:
    they bring in their own papers only, so entries that do not name them are refused.
    """
    drafts = bibtex.parse(text)
    bibtex.match_members(drafts)
    bibtex.mark_duplicates(drafts, index_page)
    if member is not None:
        only_own_papers(drafts, member)
    return drafts


def only_own_papers(drafts: list[bibtex.EntryDraft], member: int) -> None:
    """Refuse every draft whose authors do not include the member's own page."""
    for draft in drafts:
        if not draft.errors and not any(a.person_id == member for a in draft.authors):
            draft.errors.append(
                "you are not among its authors (as matched to your page): add the spelling of "
                "your name on this paper to 'Other spellings' on your profile, or ask a site "
                "editor to add it"
            )


def import_bibtex(
    text: str,
    index_page,
    selected_keys=None,
    status=None,
    owner=None,
    member=None,
    as_drafts=False,
) -> ImportResult:
    """Create the chosen entries: live, as drafts (``as_drafts``), or (for a member, ``member``
    set) as drafts sent for review."""
    drafts = preview_bibtex(text, index_page, member=member)
    if selected_keys is not None:
        chosen = set(selected_keys)
        drafts = [d for d in drafts if f"{d.line}:{d.key}" in chosen]
    return import_drafts(
        drafts,
        index_page,
        status=status,
        owner=owner,
        for_review=member is not None,
        as_drafts=as_drafts,
    )
