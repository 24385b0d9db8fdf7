"""Completing hand-typed references from their DOI or arXiv ID, when the network allows.

A reference list typed by hand names no authors and a short venue; the identifier in its
links brings the full record. A lookup that fails leaves the entry as read, saying so. Answers
are kept for an hour, so the import finds what the preview showed.
"""

from django.core.cache import cache

from research.moving_in.plan import Plan
from research.publications.bibtex import EntryDraft
from research.publications.metadata import MetadataError, fetch

CACHE_SECONDS = 3600
NO_AUTHORS = "the list names no authors"


def _fetched(identifier: str, fetcher) -> EntryDraft | None:
    key = f"moving-in-lookup:{identifier}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    try:
        draft = fetcher(identifier)
    except MetadataError:
        draft = None
    except Exception:  # noqa: BLE001 - an odd answer costs the lookup, never the import
        draft = None
    cache.set(key, draft or "", CACHE_SECONDS)
    return draft


def complete(plan: Plan, fetcher=fetch) -> int:
    """Fill in authors, venue and identifiers of hand-typed references; how many were completed."""
    completed = 0
    for item in plan.publications:
        draft = item.draft
        if draft.errors and not (draft.doi or draft.arxiv_id):
            continue
        if not any(note.startswith(NO_AUTHORS) for note in draft.notices):
            continue
        identifier = draft.doi or draft.arxiv_id
        if not identifier:
            continue
        found = _fetched(identifier, fetcher)
        if found is None or not found.authors:
            plan.warn(
                item.source,
                draft.line,
                f"{identifier} could not be looked up; the entry keeps what the page says",
            )
            continue
        draft.authors = found.authors
        draft.notices = [n for n in draft.notices if not n.startswith(NO_AUTHORS)]
        draft.venue = draft.venue or found.venue
        draft.year = draft.year or found.year
        draft.month = draft.month or found.month
        draft.doi = draft.doi or found.doi
        draft.arxiv_id = draft.arxiv_id or found.arxiv_id
        draft.abstract = draft.abstract or found.abstract
        if draft.year is not None:
            draft.errors = [e for e in draft.errors if "no year" not in e]
        completed += 1
    return completed
