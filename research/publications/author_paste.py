"""An author list pasted as text becomes ordered author rows, linked to members by name.

Editors copy author lists from a paper's first page or a reference manager: "A. Smith, B. Jones
and C. Lee", "Smith, A. and Jones, B." (BibTeX), or one name per line. A six-author paper then
costs one paste instead of six inline forms. Marks after a name keep their meaning: * equal
contribution, † corresponding author.
"""

import re

from research.publications.bibtex import AuthorDraft, EntryDraft, _authors, match_members
from research.publications.names import bibtex_name_for_display_name

#: At most this many names in one paste: a longer list is a pasting mistake, not a paper.
MAX_AUTHORS = 500
EQUAL_MARKS = "*∗"
CORRESPONDING_MARKS = "†‡"


class AuthorListError(ValueError):
    """The text cannot be read as a list of names; the message says how to fix it."""


def _is_bibtex_name(part: str) -> bool:
    """'Family, Given': one comma, and before it a family name (one capitalised word, maybe
    after particles: 'van der Berg'), not a whole name ('Maren Okafor, Kofi Brandt')."""
    family, _, given = part.partition(",")
    capitalised = [word for word in family.split() if word[:1].isupper()]
    return (
        part.count(",") == 1
        and given.strip() != ""
        and len(capitalised) == 1
        and not (re.match(r"\s*\w\.", family))
    )


def _is_bibtex_list(text: str) -> bool:
    parts = [p for p in re.split(r"\s+and\s+", text) if p.strip().lower() != "others"]
    return all(_is_bibtex_name(part) for part in parts)


def _display_draft(name: str) -> AuthorDraft:
    marks = ""
    while name and name[-1] in EQUAL_MARKS + CORRESPONDING_MARKS:
        marks += name[-1]
        name = name[:-1].rstrip()
    return AuthorDraft(
        bibtex_name=bibtex_name_for_display_name(name),
        display_name=name,
        equal_contribution=any(m in EQUAL_MARKS for m in marks),
        corresponding=any(m in CORRESPONDING_MARKS for m in marks),
    )


def parse_author_list(text: str) -> list[AuthorDraft]:
    """The names in ``text``, in order, linked to members where one member matches."""
    text = text.strip()
    if not text:
        return []
    if "\n" in text or ";" in text:
        # One name per line: a comma there means "Family, Given".
        drafts = []
        for line in (line.strip() for line in re.split(r"[\n;]", text)):
            if line.count(",") == 1 and _is_bibtex_name(line):
                drafts += _authors(line)[0]
            elif line:
                drafts += [_display_draft(name) for name in _split_display(line)]
    elif _is_bibtex_list(text):
        drafts, errors = _authors(text)
        if errors:
            raise AuthorListError(
                f"{errors[0]}. Write one name per line, or separate names with commas."
            )
    else:
        drafts = [_display_draft(name) for name in _split_display(text)]
    drafts = [d for d in drafts if d.display_name.strip()]
    if not drafts:
        raise AuthorListError(
            "No names were found. Paste names separated by commas or 'and', e.g. "
            "'A. Smith, B. Jones and C. Lee', or one name per line."
        )
    if len(drafts) > MAX_AUTHORS:
        raise AuthorListError(
            f"That is {len(drafts)} names; at most {MAX_AUTHORS} can be pasted at once."
        )
    too_long = next((d.display_name for d in drafts if len(d.display_name) > 200), None)
    if too_long:
        raise AuthorListError(
            f"'{too_long[:60]}...' is longer than a name can be (200 characters): check the "
            "separators (commas, 'and', or one name per line)."
        )
    match_members([EntryDraft(key="", line=0, authors=drafts)])
    return drafts


def _split_display(text: str) -> list[str]:
    """'A. Smith, B. Jones and C. Lee' or 'A. Smith & B. Jones' as names."""
    names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)
    return [name.strip() for name in names if name.strip()]
