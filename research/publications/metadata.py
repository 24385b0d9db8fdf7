"""Fetching publication metadata by DOI (doi.org content negotiation: Crossref, DataCite...) or
arXiv ID (the arXiv API), turned into the same drafts the BibTeX import produces.

Every network call has a timeout; every failure becomes a MetadataError whose message says
what happened and what to do. Tests replace ``http_get`` with recorded responses.
"""

import json
import re

from defusedxml import ElementTree
from django.core.exceptions import ValidationError

from labsite.security import outbound
from research.publications.bibtex import AuthorDraft, EntryDraft, latex_to_text
from research.publications.identifiers import normalise_arxiv, normalise_doi
from research.publications.names import bibtex_name_for_display_name, display_name_from_bibtex

TIMEOUT_SECONDS = 10
# A metadata record (CSL-JSON, an arXiv Atom entry) is a few KB; beyond this it is not one.
MAX_RECORD_BYTES = 2 * 1024 * 1024
USER_AGENT = "labsite/0.1 (research group website; mailto:webmaster@localhost)"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
CSL_TYPES = {
    "article-journal": "article",
    "journal-article": "article",
    "paper-conference": "inproceedings",
    "proceedings-article": "inproceedings",
    "book": "book",
    "chapter": "chapter",
    "book-chapter": "chapter",
    "thesis": "thesis",
    "dissertation": "thesis",
    "report": "report",
    "dataset": "dataset",
    "software": "software",
    "posted-content": "preprint",
    "article": "preprint",
}


class MetadataError(Exception):
    """Fetching failed; the message is meant for the person who asked."""


def http_get(
    url: str, headers: dict[str, str], *, max_bytes: int = MAX_RECORD_BYTES, truncate: bool = False
) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET that reaches public addresses only (redirects
    followed and checked, body streamed up to ``max_bytes``, one overall timeout)."""
    try:
        fetched = outbound.fetch(
            url,
            {"User-Agent": USER_AGENT, **headers},
            max_bytes=max_bytes,
            timeout=TIMEOUT_SECONDS,
            truncate=truncate,
        )
    except outbound.FetchRefused as refused:
        raise MetadataError(str(refused)) from None
    return fetched.status, fetched.content_type, fetched.body


def _year(parts) -> tuple[int | None, int | None]:
    try:
        date = parts["date-parts"][0]
        return int(date[0]), (int(date[1]) if len(date) > 1 and date[1] else None)
    except (KeyError, IndexError, TypeError, ValueError):
        return None, None


def csl_to_draft(item: dict) -> EntryDraft:
    """A draft from one CSL-JSON item (as doi.org and Crossref return it)."""
    draft = EntryDraft(key=item.get("id") or item.get("DOI") or "doi", line=0)
    title = item.get("title")
    draft.title = latex_to_text(title[0] if isinstance(title, list) else (title or ""))
    draft.year, draft.month = _year(
        item.get("issued") or item.get("published-print") or item.get("published-online") or {}
    )
    draft.publication_type = CSL_TYPES.get(item.get("type", ""), "article")
    container = item.get("container-title")
    draft.venue = (container[0] if isinstance(container, list) and container else container or "")[
        :300
    ]
    draft.volume = str(item.get("volume", ""))[:40]
    draft.issue = str(item.get("issue", ""))[:40]
    draft.pages = str(item.get("page", "")).replace("--", "-")[:40]
    draft.publisher = (item.get("publisher") or "")[:200]
    if item.get("DOI"):
        draft.doi = normalise_doi(item["DOI"])
    abstract = item.get("abstract") or ""
    draft.abstract = " ".join(re.sub(r"<[^>]+>", " ", abstract).split())
    for person in item.get("author", []):
        if "literal" in person or "name" in person:
            name = person.get("literal") or person.get("name")
            draft.authors.append(AuthorDraft("{" + name + "}", name))
            continue
        family = " ".join(
            filter(None, [person.get("non-dropping-particle"), person.get("family", "")])
        )
        bibtex_name = ", ".join(filter(None, [family, person.get("suffix"), person.get("given")]))
        draft.authors.append(AuthorDraft(bibtex_name, display_name_from_bibtex(bibtex_name)))
    if not draft.title:
        draft.errors.append("the record has no title")
    if draft.year is None:
        draft.errors.append("the record has no publication year")
    if not draft.authors:
        draft.errors.append("the record lists no authors")
    return draft


def fetch_doi(value: str) -> EntryDraft:
    from research.publications import datacite  # it reads through this module's http_get

    doi = normalise_doi(value)
    if datacite.registration_agency(doi) == "DataCite":
        return datacite.fetch_datacite(doi)
    status, content_type, body = http_get(
        f"https://doi.org/{doi}", {"Accept": "application/vnd.citationstyles.csl+json"}
    )
    if status == 404:
        raise MetadataError(
            f"No publication is registered under the DOI {doi} (doi.org answered 'not found'). Check it for typos."
        )
    if status != 200 or "json" not in content_type:
        raise MetadataError(
            f"doi.org answered {status} without metadata for {doi}. The registration agency may be down; try again later."
        )

    try:
        return csl_to_draft(json.loads(body))
    except (ValueError, TypeError) as error:
        raise MetadataError(
            f"doi.org sent metadata for {doi} that could not be read ({error})."
        ) from None


def atom_to_drafts(body: bytes) -> list[EntryDraft]:
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise MetadataError(f"arXiv sent a reply that could not be read ({error}).") from None
    drafts = []
    for entry in root.findall(f"{ATOM}entry"):
        entry_id = (entry.findtext(f"{ATOM}id") or "").strip()
        title = " ".join((entry.findtext(f"{ATOM}title") or "").split())
        if "api/errors" in entry_id or title == "Error":
            raise MetadataError(
                f"arXiv refused the request: {' '.join((entry.findtext(f'{ATOM}summary') or '').split())}."
            )
        arxiv_id = entry_id.rsplit("/abs/", 1)[-1]
        draft = EntryDraft(
            key=f"arxiv:{arxiv_id}", line=0, publication_type="preprint", venue="arXiv"
        )
        draft.title = latex_to_text(title)
        draft.arxiv_id = normalise_arxiv(arxiv_id)
        published = entry.findtext(f"{ATOM}published") or ""
        if published[:4].isdigit():
            draft.year, draft.month = int(published[:4]), int(published[5:7])
        draft.abstract = " ".join((entry.findtext(f"{ATOM}summary") or "").split())
        doi = entry.findtext(f"{ARXIV}doi")
        if doi:
            draft.doi = normalise_doi(doi)
        journal_ref = entry.findtext(f"{ARXIV}journal_ref")
        if journal_ref:
            draft.venue = " ".join(journal_ref.split())[:300]
            draft.publication_type = "article"
        for author in entry.findall(f"{ATOM}author"):
            name = " ".join((author.findtext(f"{ATOM}name") or "").split())
            if name:
                draft.authors.append(AuthorDraft(bibtex_name_for_display_name(name), name))
        drafts.append(draft)
    return drafts


def fetch_arxiv(value: str) -> EntryDraft:
    arxiv_id = normalise_arxiv(value)
    status, _content_type, body = http_get(
        f"https://export.arxiv.org/api/query?id_list={arxiv_id}", {}
    )
    if status == 400:
        atom_to_drafts(body)  # raises with arXiv's own explanation
    if status != 200:
        raise MetadataError(f"arXiv answered {status} for {arxiv_id}. Try again in a minute.")
    drafts = atom_to_drafts(body)
    if not drafts:
        raise MetadataError(f"arXiv has no paper with the ID {arxiv_id}. Check it for typos.")
    return drafts[0]


def fetch(identifier: str) -> EntryDraft:
    """Fetch by DOI, arXiv ID or software repository address, whichever ``identifier`` is."""
    from research.publications import software_heritage

    text = identifier.strip()
    if not text:
        raise MetadataError(
            "Type a DOI (e.g. 10.1038/nphys1170), an arXiv ID (e.g. 2106.10771) or a software "
            "repository address (e.g. https://github.com/owner/name)."
        )
    if software_heritage.repository_origin(text) and not re.search(r"doi\.org/|arxiv\.org/", text):
        return software_heritage.fetch_repository(text)
    try:
        return fetch_doi(text)
    except ValidationError:
        pass
    try:
        return fetch_arxiv(text)
    except ValidationError:
        raise MetadataError(
            f"'{text}' is neither a DOI (like 10.1038/nphys1170) nor an arXiv ID (like 2106.10771 or quant-ph/0201082)."
        ) from None
