"""Publication lists typed by hand in markdown, as many research pages keep them:

    [Title of the paper [blog]](…/post)[[paper]](https://arxiv.org/abs/…)[[slides]](…), *ICML 2022*. <br>
    One or two sentences about it.

Each paragraph becomes a publication draft: the title, typed links (the word in brackets says
the kind), the DOI or arXiv ID read from the links, venue and year from the rest of the line,
the status from words like 'under review', and the sentences after the line as its summary.
"""

import re

from research.publications.bibtex import AuthorDraft, EntryDraft, latex_to_text
from research.publications.identifiers import normalise_arxiv, normalise_doi

LINK_WORDS = {
    "blog": "blog",
    "paper": "publisher",
    "pdf": "pdf",
    "arxiv": "preprint",
    "preprint": "preprint",
    "errata": "errata",
    "erratum": "errata",
    "corrigendum": "errata",
    "slides": "slides",
    "poster": "poster",
    "video": "video",
    "talk": "video",
    "code": "code",
    "github": "code",
    "data": "data",
    "dataset": "data",
    "project": "project",
    "website": "project",
    "supplementary": "supplementary",
}
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_KIND_IN_TEXT = re.compile(r"\s*\[(\w+)\]\s*$")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
STATUS_WORDS = [
    (re.compile(r"under review|submitted", re.I), "under_review"),
    (re.compile(r"in preparation|in prep\b", re.I), "in_preparation"),
    (re.compile(r"\bplanned\b", re.I), "planned"),
    (re.compile(r"accepted|to appear|forthcoming", re.I), "accepted"),
]


def _plain(markdown: str) -> str:
    text = re.sub(r"<[^>]+>", " ", markdown)
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split()).strip(" ,.;")


def _link_kind(word: str) -> str | None:
    return LINK_WORDS.get(word.strip().lower())


def parse_entry(paragraph: str, line: int, owner: str, key: str) -> EntryDraft | None:
    """A draft from one paragraph of a reference list, or None if it is not a reference."""
    lines = [row for row in paragraph.strip().split("\n") if row.strip()]
    if not lines:
        return None
    first = lines[0]
    draft = EntryDraft(key=key, line=line, raw=paragraph.strip())
    links: list[tuple[str, str]] = []
    title = ""
    for match in _LINK.finditer(first):
        text, url = match.group(1).strip(), match.group(2).strip()
        kind = _link_kind(text)
        if kind is None and not title:
            inner = _KIND_IN_TEXT.search(text)
            title = _plain(_KIND_IN_TEXT.sub("", text))
            kind = _link_kind(inner.group(1)) if inner else "publisher"
        links.append((kind or "publisher", url))
    rest = _LINK.sub(" ", first)
    if not title:
        sentence = re.split(r"\.\s", _plain(rest), maxsplit=1)
        title = sentence[0]
        rest = sentence[1] if len(sentence) > 1 else ""
    if len(title) < 8:
        return None
    draft.title = latex_to_text(title)
    year = _YEAR.search(rest)
    draft.year = int(year.group(1)) if year else None
    if draft.year is None:
        draft.errors.append(
            "it has no year: add the year after the venue (e.g. '*ICML* 2022') or add the "
            "publication in the editor"
        )
    italic = re.search(r"\*([^*]+)\*", rest)
    venue = _plain(italic.group(1)) if italic else ""
    draft.venue = _YEAR.sub("", venue).strip(" ,.")[:300]
    draft.status = "published"
    for pattern, status in STATUS_WORDS:
        if pattern.search(rest):
            draft.status = status
            break
    for kind, url in links:
        if not url.startswith(("http://", "https://")):
            draft.notices.append(
                f"the {kind} link '{url[:80]}' points into the old site: upload the file or "
                "page and link it"
            )
            continue
        doi = re.search(r"doi\.org/(10\.\d{4,9}/\S+)", url)
        arxiv = re.search(r"arxiv\.org/(?:abs|pdf)/([\w.\-/]+?)(?:\.pdf)?$", url)
        try:
            if doi and not draft.doi:
                draft.doi = normalise_doi(doi.group(1))
                continue
            if arxiv and not draft.arxiv_id:
                draft.arxiv_id = normalise_arxiv(arxiv.group(1))
                if draft.status == "published" and not draft.venue:
                    draft.publication_type = "preprint"
                continue
        except Exception:  # noqa: BLE001 - an unreadable identifier stays an ordinary link
            pass
        if url not in {href for _kind, href in draft.links}:
            draft.links.append((kind, url))
    summary = " ".join(_plain(row) for row in lines[1:])
    draft.abstract = summary
    draft.authors = [AuthorDraft(bibtex_name=owner, display_name=owner)]
    draft.notices.append(
        f"the list names no authors: {owner} is entered as the author; add the co-authors in "
        "the editor"
    )
    return draft


def sections(text: str) -> list[tuple[str, int, str]]:
    """(heading, line, markdown) for each part of a page; headings are '# …' and '## …' lines
    or a bold label alone on its line ('**Papers:** <br>'); '###' subsections stay inside."""
    parts: list[tuple[str, int, list[str]]] = [("", 1, [])]
    heading = re.compile(
        r"^(?:#{1,2}\s+(.+?)\s*#*\s*|\*\*([^*]+?):?\*\*:?\s*(?:<br\s*/?>)?\s*)$", re.IGNORECASE
    )
    for number, row in enumerate(text.split("\n"), start=1):
        match = heading.match(re.sub(r"<!--.*?-->", "", row).strip())
        if match:
            parts.append(((match.group(1) or match.group(2)).strip().rstrip(":"), number, []))
        else:
            parts[-1][2].append(row)
    return [(name, line, "\n".join(rows)) for name, line, rows in parts]


def paragraphs(text: str, first_line: int) -> list[tuple[str, int]]:
    found, current, start = [], [], first_line
    for number, row in enumerate(text.split("\n"), start=first_line):
        if row.strip():
            if not current:
                start = number
            current.append(row)
        elif current:
            found.append(("\n".join(current), start))
            current = []
    if current:
        found.append(("\n".join(current), start))
    return found
