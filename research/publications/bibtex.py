"""BibTeX in: parse a .bib into checked publication drafts, each marked new, duplicate or error.

LaTeX becomes Unicode (``{\\"o}`` -> ö, ``--`` -> –) while ``$...$`` maths is kept; braces that
protect case are removed; names are split the BibTeX way ("von Neumann, John", "Doe, Jr, John",
``{Barnes and Noble}``) and matched to group members through their name variants.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.middlewares.names import split_multiple_persons_names
from bibtexparser.model import DuplicateFieldKeyBlock
from django.core.exceptions import ValidationError
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context_db
from pylatexenc.latexwalker import get_default_latex_context_db
from pylatexenc.macrospec import MacroSpec

from people.models import PersonPage
from research.publications import identity
from research.publications.citations import title_key
from research.publications.identifiers import normalise_arxiv, normalise_doi, normalise_isbn
from research.publications.models import PublicationPage
from research.publications.names import display_name_from_bibtex, parts_from_bibtex


def _arguments_text(node, l2tobj) -> str:
    arguments = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    return l2tobj.nodelist_to_text(arguments) if arguments else ""


def _text_specs():
    """pylatexenc's text macros, plus the text-mode symbols our own BibTeX export writes for
    characters that would otherwise be syntax (research.publications.exports.bibtex_text)."""
    db = text_context_db()
    db.add_context_category(
        "labsite-symbols",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
            MacroTextSpec("textasciitilde", "~"),
            MacroTextSpec("textbackslash", "\\"),
            # csquotes, which reference managers write for quotation marks in titles.
            MacroTextSpec("enquote", "“%s”"),
            # A bare \url or \cite (no argument) would print pylatexenc's "<%s>" or "<cit.>".
            MacroTextSpec("url", simplify_repl=_arguments_text),
            MacroTextSpec("cite", ""),
            MacroTextSpec("citep", ""),
            MacroTextSpec("citet", ""),
        ],
    )
    return db


_latex = LatexNodes2Text(
    latex_context=_text_specs(), math_mode="verbatim", strict_latex_spaces=True
)
_latex_context = get_default_latex_context_db()
_latex_context.add_context_category("csquotes", prepend=True, macros=[MacroSpec("enquote", "{")])
_NEEDS_LATEX = re.compile(r"[\\$%&~^_]|--")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
STATUS_FROM_PUBSTATE = {
    "inpress": "accepted",
    "forthcoming": "accepted",
    "accepted": "accepted",
    "submitted": "under_review",
    "underreview": "under_review",
    "inpreparation": "in_preparation",
    "planned": "planned",
    "prepublished": "published",
}
STATUS_WORDS = [
    ("under review", "under_review"),
    ("submitted", "under_review"),
    ("in preparation", "in_preparation"),
    ("to appear", "accepted"),
    ("in press", "accepted"),
    ("accepted", "accepted"),
]
ENTRY_TYPES = {
    "article": "article",
    "inproceedings": "inproceedings",
    "conference": "inproceedings",
    "proceedings": "book",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "software": "software",
    "dataset": "dataset",
    "data": "dataset",
    "unpublished": "preprint",
    "online": "preprint",
    "misc": "preprint",
    "poster": "poster",
}
VENUE_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "school",
    "institution",
    "howpublished",
    "series",
    "organization",
)
LINK_FIELDS = {
    "pdf": "pdf",
    "url": "publisher",
    "html": "publisher",
    "code": "code",
    "slides": "slides",
    "poster": "poster",
    "video": "video",
    "blog": "blog",
    "website": "project",
    "supp": "supplementary",
}
AUTHOR_MARKS = "*∗†‡"


class BibtexError(Exception):
    """The file as a whole could not be read (not one entry: those are reported per entry)."""


@dataclass
class AuthorDraft:
    bibtex_name: str
    display_name: str
    person_id: int | None = None
    equal_contribution: bool = False
    corresponding: bool = False


def _without_classic_note(note: str, draft) -> str:
    """Our export writes "Software, version 2.1." (or "Dataset.") into the note for classic
    BibTeX styles; reading it back keeps only what the editor wrote."""
    for kind in ("Software", "Dataset"):
        described = f"{kind}, version {draft.version}" if draft.version else kind
        if note == described:
            return ""
        if note.startswith(described + ". "):
            return note[len(described) + 2 :]
    return note


@dataclass
class EntryDraft:
    """One BibTeX entry, read and checked, ready to preview and import."""

    key: str
    line: int
    raw: str = ""
    title: str = ""
    year: int | None = None
    month: int | None = None
    publication_type: str = "article"
    status: str = "published"
    venue: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    doi: str = ""
    arxiv_id: str = ""
    isbn: str = ""
    version: str = ""
    swhid: str = ""
    abstract: str = ""
    note: str = ""
    selected: bool = False
    keywords: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    authors: list[AuthorDraft] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: What was left out of an otherwise good entry, and why (an unreadable optional field).
    notices: list[str] = field(default_factory=list)
    duplicate_of: tuple[int, str] | None = None
    #: Another version of this work (its preprint, or the article of this preprint): an
    #: existing page's (pk, title), or the key of an entry earlier in the same file.
    version_of: tuple[int, str] | None = None
    version_of_key: str = ""
    #: The key of an earlier entry of the same file that is the same publication.
    repeats: str = ""

    @property
    def state(self) -> str:
        if self.errors:
            return "error"
        return "duplicate" if (self.duplicate_of or self.repeats) else "new"

    @property
    def duplicate_reason(self) -> str:
        if self.duplicate_of:
            return f"already on the site as '{self.duplicate_of[1]}'"
        if self.repeats:
            return f"the same publication as entry '{self.repeats}' earlier in this file"
        return ""

    @property
    def title_key(self) -> str:
        return title_key(self.title)


_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_URL = re.compile(r"\\(?:url|path)\s*\{([^{}]*)\}")
_ANY_MACRO = re.compile(r"\\([a-zA-Z]+\*?|.)")


def latex_to_text(value: str) -> str:
    """Unicode text from a BibTeX value; plain values (most abstracts) skip the LaTeX parser.

    Never raises: links become their text (``\\href``) or their address (``\\url``) before
    the parser sees them, and LaTeX the parser cannot read (it raises ``IndexError`` on a bare
    ``\\href``, for one) is read again with every macro dropped, so one odd field never costs
    an entry or an import."""
    if not _NEEDS_LATEX.search(value):
        return " ".join(value.replace("{", "").replace("}", "").split())
    value = _URL.sub(lambda m: m.group(1).replace("\\", ""), _HREF.sub(r"\2", value))
    try:
        text = _latex.latex_to_text(value, latex_context=_latex_context)
    except Exception:  # noqa: BLE001 - pylatexenc's failures are not one documented type
        text = (
            _ANY_MACRO.sub(lambda m: m.group(1) if not m.group(1)[0].isalpha() else "", value)
            .replace("{", "")
            .replace("}", "")
        )
    return " ".join(text.split())


def _field_map(entry) -> dict[str, str]:
    """Field name to value; a field given twice keeps its first value (BibTeX's own rule)."""
    fields: dict[str, str] = {}
    for f in entry.fields:
        fields.setdefault(
            f.key.lower(), (f.value if isinstance(f.value, str) else str(f.value)).strip()
        )
    return fields


def _year(value: str) -> int | None:
    match = re.search(r"\b(1[5-9]\d\d|2[01]\d\d)\b", value)
    return int(match.group(1)) if match else None


def _month(value: str) -> int | None:
    value = value.strip().lower().rstrip(".")
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.get(value) or MONTHS.get(value[:3])


def _pages(value: str) -> str:
    return re.sub(r"\s*(--|–|—|-)\s*", "-", latex_to_text(value)) if value else ""


def _one_group(name: str) -> bool:
    """True for "{Barnes and Noble}": the first brace closes at the very end."""
    if not name.startswith("{"):
        return False
    depth = 0
    for position, char in enumerate(name):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return position == len(name) - 1
    return False


def _authors(value: str) -> tuple[list[AuthorDraft], list[str]]:
    drafts, errors = [], []
    # bibtexparser's splitter drops the first character of a name that starts with a macro
    # ("... and \"Ozt\"urk, A."); an empty group in front keeps it and decodes to nothing.
    value = re.sub(r"(^|\s)\\", r"\1{}\\", " ".join(value.split()))
    for raw_name in split_multiple_persons_names(value):
        name = raw_name.strip()
        if not name:
            continue
        if name.lower() == "others":
            continue  # "and others" is BibTeX's et al.
        marked = name[0] in AUTHOR_MARKS or name[-1] in AUTHOR_MARKS
        name = name.strip(AUTHOR_MARKS + " ")
        one = _one_group(name)
        decoded = "{" + latex_to_text(name[1:-1]) + "}" if one else latex_to_text(name)
        if not decoded.strip("{} "):
            errors.append(f"an author name is empty in '{value[:80]}'")
            continue
        drafts.append(
            AuthorDraft(decoded, display_name_from_bibtex(decoded), equal_contribution=marked)
        )
    return drafts, errors


def _type(entry_type: str, fields: dict[str, str]) -> str:
    if fields.get("publicationtype") in set(ENTRY_TYPES.values()) | {"workshop"}:
        return fields["publicationtype"]
    kind = ENTRY_TYPES.get(entry_type.lower(), "preprint")
    venue = " ".join(fields.get(f, "") for f in ("journal", "booktitle", "howpublished")).lower()
    if kind == "article" and "arxiv" in venue:
        return "preprint"
    if kind == "inproceedings" and "workshop" in venue:
        return "workshop"
    if (
        kind == "preprint"
        and entry_type.lower() == "misc"
        and not (fields.get("eprint") or "arxiv" in venue)
    ):
        return "report" if fields.get("institution") else "preprint"
    return kind


def _status(fields: dict[str, str]) -> str:
    pubstate = re.sub(r"[^a-z]", "", fields.get("pubstate", "").lower())
    if pubstate in STATUS_FROM_PUBSTATE:
        return STATUS_FROM_PUBSTATE[pubstate]
    hint = " ".join(
        fields.get(f, "") for f in ("note", "journal", "booktitle", "howpublished")
    ).lower()
    for words, status in STATUS_WORDS:
        if words in hint:
            return status
    return "published"


def _identifier(draft: EntryDraft, name: str, value: str, normalise) -> str:
    """The identifier in its stored form. An unreadable one is left out with a notice: the
    entry is kept, since a title, authors and a year make a publication without it."""
    if not value:
        return ""
    try:
        return normalise(value)
    except ValidationError as error:
        draft.notices.append(f"the {name} was left out: {error.messages[0]}")
        return ""


_DOI_IN_TEXT = re.compile(
    r"(?:doi\.org/|doi:\s*|https?://[^/\s]+/doi/(?:(?:abs|full|pdf|epdf|book|reader|chapter)/)?)"
    r"(10\.\d{4,9}/[^\s\"'<>{}]+)",
    re.IGNORECASE,
)


def doi_in_text(text: str) -> str:
    """The first DOI written in a text or an address (doi.org, doi:, a publisher's /doi/)."""
    found = _DOI_IN_TEXT.search(text or "")
    return found.group(1).rstrip(".,;") if found else ""


def _doi_from(fields: dict[str, str]) -> str:
    """The DOI field, else a DOI written into the address: reference managers export
    ``url = {doi:10.1162/CPSY_a_00002}`` or even an HTML link ``doi:<a href="https://doi.org/…">``."""
    if fields.get("doi"):
        return fields["doi"]
    for name in ("url", "howpublished", "note", "ee", "link"):
        found = _DOI_IN_TEXT.search(fields.get(name, ""))
        if found:
            return found.group(1).rstrip(".,;")
    return ""


def _isbn(draft: EntryDraft, value: str) -> str:
    """The first valid ISBN of the field. An optional field never costs the entry: print and
    e-ISBN run together (26 digits) are split, and an unreadable ISBN is left out, saying so."""
    value = value.strip()
    if not value:
        return ""
    digits = re.sub(r"[^0-9Xx]", "", value)
    candidates = [part for part in re.split(r"[,;/]|\s{2,}|\s+(?=97[89])", value) if part.strip()]
    if len(digits) in (20, 26):
        half = len(digits) // 2
        candidates += [digits[:half], digits[half:]]
    for candidate in candidates:
        try:
            return normalise_isbn(candidate)
        except ValidationError:
            continue
    draft.notices.append(f"the ISBN '{value[:40]}' was left out: it is not a valid ISBN")
    return ""


def _arxiv_from(fields: dict[str, str]) -> str:
    if fields.get("eprint") and (
        fields.get("archiveprefix", "").lower() == "arxiv"
        or re.match(r"^\d{4}\.\d{4,5}", fields["eprint"])
    ):
        return fields["eprint"]
    for source in (
        fields.get("journal", ""),
        fields.get("url", ""),
        fields.get("howpublished", ""),
    ):
        match = re.search(
            r"arxiv(?:\.org/(?:abs|pdf)/|:)\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)",
            source,
            re.IGNORECASE,
        )
        if match:
            return match.group(1)
    return ""


def entry_to_draft(entry) -> EntryDraft:
    fields = _field_map(entry)
    draft = EntryDraft(key=entry.key, line=(entry.start_line or 0) + 1, raw=entry.raw or "")
    draft.title = latex_to_text(fields.get("title", ""))
    if not draft.title:
        draft.errors.append("it has no title; add title = {...}")
    draft.year = _year(fields.get("year", "") or fields.get("date", ""))
    if draft.year is None:
        draft.errors.append("it has no four-digit year; add year = {2024}")
    draft.month = _month(fields.get("month", "")) if fields.get("month") else None
    draft.publication_type = _type(entry.entry_type, fields)
    draft.status = _status(fields)
    venue_field = next((f for f in VENUE_FIELDS if fields.get(f)), "")
    draft.venue = latex_to_text(fields.get(venue_field, ""))[:300] if venue_field else ""
    if draft.publication_type == "preprint" and draft.venue.lower().startswith("arxiv"):
        draft.venue = "arXiv"
    draft.volume = latex_to_text(fields.get("volume", ""))[:40]
    draft.issue = latex_to_text(fields.get("number", "") or fields.get("issue", ""))[:40]
    draft.pages = _pages(fields.get("pages", "") or fields.get("article-number", ""))[:40]
    draft.publisher = latex_to_text(fields.get("publisher", ""))[:200]
    draft.doi = _identifier(draft, "DOI", _doi_from(fields), normalise_doi)
    draft.arxiv_id = _identifier(draft, "arXiv ID", _arxiv_from(fields), normalise_arxiv)
    draft.isbn = _isbn(draft, fields.get("isbn", ""))
    draft.abstract = latex_to_text(fields.get("abstract", ""))
    draft.selected = fields.get("selected", "").strip().lower() in ("true", "yes", "1")
    draft.version = latex_to_text(fields.get("version", ""))[:60]
    swhid = fields.get("swhid", "").strip()
    draft.swhid = swhid[:300] if swhid.startswith("swh:1:") else ""
    note = fields.get("note", "")
    if note and "\n" not in note and len(note) <= 300:
        draft.note = _without_classic_note(latex_to_text(note), draft)
    draft.keywords = [
        k.strip() for k in re.split(r"[,;]", latex_to_text(fields.get("keywords", ""))) if k.strip()
    ][:20]
    for name, kind in LINK_FIELDS.items():
        url = fields.get(name, "")
        web = url.startswith(("http://", "https://")) and not ("doi.org/" in url and draft.doi)
        # Two fields holding one address (url and a publisher link) make one link.
        if web and url not in {href for _kind, href in draft.links}:
            draft.links.append((kind, url))
    names = fields.get("author") or fields.get("editor", "")
    if not names:
        draft.errors.append("it has no author; add author = {Family, Given and ...}")
    else:
        draft.authors, author_errors = _authors(names)
        draft.errors += author_errors
        for field_name, attribute in (
            ("equalcontribution", "equal_contribution"),
            ("corresponding", "corresponding"),
        ):
            for position in re.findall(r"\d+", fields.get(field_name, "")):
                if 0 < int(position) <= len(draft.authors):
                    setattr(draft.authors[int(position) - 1], attribute, True)
    return draft


def parse(text: str) -> list[EntryDraft]:
    """Every entry of a BibTeX text as a draft; unreadable blocks become drafts with errors."""
    if not text.strip():
        raise BibtexError(
            "The file is empty. Export your references as BibTeX (.bib) and try again."
        )
    if "\x00" in text:
        raise BibtexError(
            "This is not a text file. Choose a .bib file exported from your reference manager."
        )
    library = bibtexparser.parse_string(text)
    drafts = [entry_to_draft(entry) for entry in library.entries]
    for block in library.failed_blocks:
        key = getattr(getattr(block, "ignore_error_block", None), "key", "") or "?"
        reason = str(block.error).split("\n")[0]
        if isinstance(block, DuplicateFieldKeyBlock):
            # BibTeX itself keeps the first value of a repeated field; so does the import,
            # saying which field was repeated.
            draft = entry_to_draft(block.ignore_error_block)
            repeated = ", ".join(sorted(block.duplicate_keys))
            draft.notices.append(
                f"the field(s) {repeated} appear twice in this entry; the first value was kept"
            )
            drafts.append(draft)
            continue
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            again = _repeated_entry(block, key, drafts)
            if again is not None:
                drafts.append(again)
                continue
            reason = f"the key '{key}' is used by an earlier entry too; give each entry its own key"
        drafts.append(
            EntryDraft(
                key=key, line=(block.start_line or 0) + 1, raw=block.raw or "", errors=[reason]
            )
        )
    if not drafts:
        raise BibtexError(
            "No BibTeX entries were found. Entries start with @article{, @inproceedings{ and so on."
        )
    drafts.sort(key=lambda d: d.line)
    return drafts


def _repeated_entry(block, key: str, drafts: list[EntryDraft]) -> EntryDraft | None:
    """An entry whose key an earlier entry already uses: when both are the same publication
    (the same title) it is a repeat, counted as a duplicate, not an error."""
    try:
        entries = bibtexparser.parse_string(block.raw or "").entries
    except Exception:  # noqa: BLE001 - an unreadable repeat stays reported as an error
        return None
    if len(entries) != 1:
        return None
    again = entry_to_draft(entries[0])
    again.line = (block.start_line or 0) + 1
    earlier = next((d for d in drafts if d.key == key), None)
    if earlier is not None and earlier.title_key == again.title_key:
        again.repeats = key
        return again
    # Two publications under one key: the key matters only to LaTeX, so both are kept.
    again.key = f"{key}-{again.line}"
    again.notices.append(
        f"the key '{key}' is used by an earlier entry too; this one is imported as '{again.key}'"
    )
    return again


def normalised_name_keys(full: str) -> set[str]:
    """Comparable forms of one name: 'ada lovelace' and 'a lovelace'."""

    text = unicodedata.normalize("NFKD", full)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    parts = parts_from_bibtex(text) if "," in text else None
    if parts is not None:
        given = " ".join(parts.first)
        family = " ".join(parts.von + parts.last)
    else:
        words = text.replace(".", " ").split()
        if not words:
            return set()
        given, family = " ".join(words[:-1]), words[-1]
    given = re.sub(r"[^a-z ]", " ", given.replace(".", " "))
    family = re.sub(r"[^a-z\- ]", "", family).strip()
    keys = {f"{' '.join(given.split())} {family}".strip()}
    if given.split():
        keys.add(f"{given.split()[0][0]} {family}")
    return keys


def match_members(drafts: list[EntryDraft]) -> None:
    """Link author drafts to group members whose name or variants match (ambiguous names stay unlinked)."""

    index: dict[str, set[int]] = {}
    for person in PersonPage.objects.only(
        "pk", "title", "given_names", "family_name", "citation_name", "name_variants"
    ):
        for name in person.author_names():
            for key in normalised_name_keys(name):
                index.setdefault(key, set()).add(person.pk)
    for draft in drafts:
        for author in draft.authors:
            if author.bibtex_name.startswith("{"):
                continue
            candidates: set[int] = set()
            for key in normalised_name_keys(author.bibtex_name):
                candidates |= index.get(key, set())
            if len(candidates) == 1:
                author.person_id = next(iter(candidates))


def mark_duplicates(drafts: list[EntryDraft], index_page) -> None:
    """Flag drafts that are a publication already on the site, or an earlier draft, by the
    rules of ``research.publications.identity``: a shared DOI under another title is reported
    and its DOI left off instead of merging, and a preprint beside its article is linked."""
    existing = PublicationPage.objects.descendant_of(index_page).only(
        "pk", "title", "doi", "arxiv_id", "title_key", "year"
    )
    pages: dict[object, list] = {}
    for page in existing:
        known = identity.Identity(
            doi=page.doi.lower(),
            arxiv=re.sub(r"v\d+$", "", page.arxiv_id),
            title=page.title_key,
            year=page.year,
        )
        for marker in identity_markers(known):
            pages.setdefault(marker, []).append((known, (page.pk, page.title)))
    earlier: dict[object, list] = {}
    for draft in drafts:
        if draft.errors:
            continue
        mine = identity.of_draft(draft)
        for candidates, on_site in ((pages, True), (earlier, False)):
            for known, what in _candidates(candidates, mine):
                verdict = identity.compare(mine, known)
                if verdict == identity.SAME:
                    if on_site:
                        draft.duplicate_of = draft.duplicate_of or what
                    elif draft.duplicate_of is None and not draft.repeats:
                        draft.repeats = what
                elif verdict == identity.CONFLICT:
                    other = what[1] if on_site else f"entry '{what}'"
                    draft.notices.append(
                        f"its DOI {draft.doi} is also given for {other!r} under another title; "
                        "it was left off this one: check which paper the DOI belongs to"
                    )
                    draft.doi = ""
                    mine = identity.of_draft(draft)
                elif identity.versions(mine, known):
                    if on_site:
                        draft.version_of = draft.version_of or what
                    else:
                        draft.version_of_key = draft.version_of_key or what
        for marker in identity_markers(mine):
            earlier.setdefault(marker, []).append((mine, draft.key))


def identity_markers(known) -> list:
    markers = [("title", known.title)]
    if known.doi:
        markers.append(("doi", known.doi))
    if known.arxiv:
        markers.append(("arxiv", known.arxiv))
    return markers


def _candidates(index: dict, mine) -> list:
    found, seen = [], set()
    for marker in identity_markers(mine):
        for known, what in index.get(marker, []):
            if id(known) not in seen:
                seen.add(id(known))
                found.append((known, what))
    return found
