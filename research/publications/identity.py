"""When two records are the same work: the one set of rules every import follows.

1. Both have a DOI: the same DOI is the same work, provided the titles agree; the same DOI under
   different titles is a *conflict* (a DOI copied onto the wrong paper), reported for review and
   never merged. Different DOIs are different works, even under one title: a journal article and
   its preprint are two works, linked as versions of each other.
2. Else both have an arXiv ID: the same ID (whatever the version) is the same work.
3. Else the same title, year and first author's family name (when both name one).

BibTeX, ORCID, site and DOI imports all call ``compare``; nothing else decides identity.
"""

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from research.publications.citations import title_key

SAME, DIFFERENT, CONFLICT = "same", "different", "conflict"
TITLE_LENGTH = 255
#: DOI prefixes of preprint servers: a DOI there and another elsewhere are two versions.
PREPRINT_DOI_PREFIXES = ("10.1101/", "10.48550/", "10.31234/", "10.20944/", "10.21203/", "10.2139/")


@dataclass(frozen=True)
class Identity:
    doi: str = ""
    arxiv: str = ""
    title: str = ""
    year: int | None = None
    first_author: str = ""

    @property
    def is_preprint(self) -> bool:
        return bool(self.arxiv and not self.doi) or self.doi.startswith(PREPRINT_DOI_PREFIXES)


def family_key(name: str) -> str:
    """'Smith, Jane' and 'Jane Smith' both give 'smith'."""
    name = unicodedata.normalize("NFKD", name or "")
    name = "".join(c for c in name if not unicodedata.combining(c)).strip("{} ")
    family = name.split(",", 1)[0] if "," in name else (name.split() or [""])[-1]
    return re.sub(r"[^a-z]", "", family.lower())


def of_draft(draft) -> Identity:
    first = draft.authors[0].bibtex_name if getattr(draft, "authors", None) else ""
    return Identity(
        doi=(draft.doi or "").lower(),
        arxiv=re.sub(r"v\d+$", "", draft.arxiv_id or ""),
        # As stored: a page title holds 255 characters, and a longer one is cut to fit.
        title=title_key(draft.title[:TITLE_LENGTH]),
        year=draft.year,
        first_author=family_key(first),
    )


def titles_agree(a: str, b: str) -> bool:
    """Title keys that are the same, or one a close variant of the other (a subtitle
    dropped, a typo fixed)."""
    if not a or not b:
        return True
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.9


def compare(a: Identity, b: Identity) -> str:
    if a.doi and b.doi:
        if a.doi != b.doi:
            return DIFFERENT
        return SAME if titles_agree(a.title, b.title) else CONFLICT
    if a.arxiv and b.arxiv:
        return SAME if a.arxiv == b.arxiv else DIFFERENT
    if (a.doi or a.arxiv) and (b.doi or b.arxiv) and a.is_preprint != b.is_preprint:
        return DIFFERENT  # a preprint's arXiv ID and a journal's DOI: two versions
    if a.title and a.title == b.title and a.year == b.year:
        if a.first_author and b.first_author and a.first_author != b.first_author:
            return DIFFERENT
        return SAME
    return DIFFERENT


def versions(a: Identity, b: Identity) -> bool:
    """Two different works that are versions of one another (a preprint and its article)."""
    return a.title == b.title and a.is_preprint != b.is_preprint and bool(a.title)
