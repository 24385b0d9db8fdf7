"""What a member pastes to share a paper (DOI, arXiv ID or any address) turned into details.

DOIs and arXiv IDs, bare or inside an address, are fetched from doi.org and the arXiv API
(``research.publications.metadata``). Any other address is fetched once and read for the citation meta
tags (``citation_title``, ``citation_author``, ``citation_doi``…) that publishers, preprint
servers and proceedings put on paper pages for Google Scholar; a DOI found there is fetched
from doi.org instead. Every failure is a MetadataError saying what to do next.
"""

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from research.publications import metadata
from research.publications.identifiers import normalise_arxiv, normalise_doi

MAX_PAGE_BYTES = 2_000_000
_DOI_IN_TEXT = re.compile(r"(10\.\d{4,9}/[^\s?#\"'<>]+)")
_VERSION = re.compile(r"v\d+$")
_ARXIV_HOSTS = {"arxiv.org", "www.arxiv.org", "export.arxiv.org"}


@dataclass
class PaperDraft:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    abstract: str = ""
    venue: str = ""
    published: datetime.date | None = None
    doi: str = ""
    arxiv_id: str = ""
    url: str = ""


def identifier_key(doi: str = "", arxiv_id: str = "", url: str = "") -> str:
    """The one key two entries of the same paper share: DOI first, then arXiv ID, then address.

    arXiv versions count as the same paper (2106.10771v2 is 2106.10771)."""
    if doi:
        return f"doi:{normalise_doi(doi)}"
    if arxiv_id:
        return "arxiv:" + _VERSION.sub("", normalise_arxiv(arxiv_id))
    if url:
        parts = urlsplit(url.strip())
        return f"url:{parts.netloc.lower()}{parts.path.rstrip('/')}" + (
            f"?{parts.query}" if parts.query else ""
        )
    return ""


def classify(text: str) -> tuple[str, str]:
    """('doi' | 'arxiv' | 'url', normal form) for what was pasted, or ValidationError."""
    value = text.strip()
    if not value:
        raise ValidationError(
            "Paste a DOI (10.1038/nphys1170), an arXiv ID (2106.10771) or the paper's address."
        )
    try:
        return "doi", normalise_doi(value)
    except ValidationError:
        pass
    try:
        return "arxiv", normalise_arxiv(value)
    except ValidationError:
        pass
    address = value if "://" in value else ""
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise ValidationError(
            f"'{value[:80]}' is neither a DOI (10.1038/nphys1170), an arXiv ID (2106.10771) nor "
            "an address starting with https://. Check what you pasted."
        ) from None
    parts = urlsplit(address)
    if parts.netloc.lower() in _ARXIV_HOSTS:
        tail = parts.path.split("/", 2)[-1] if parts.path.count("/") >= 2 else ""
        try:
            return "arxiv", normalise_arxiv(tail.removesuffix(".pdf"))
        except ValidationError:
            pass
    found = _DOI_IN_TEXT.search(parts.path)
    if found:
        try:
            return "doi", normalise_doi(found.group(1).rstrip(".").removesuffix(".pdf"))
        except ValidationError:
            pass
    return "url", address


def fetch_paper(text: str) -> PaperDraft:
    kind, value = classify(text)
    if kind == "doi":
        return _from_entry(metadata.fetch_doi(value))
    if kind == "arxiv":
        return _from_entry(metadata.fetch_arxiv(value))
    return fetch_page(value)


def _from_entry(entry) -> PaperDraft:
    published = None
    if entry.year:
        published = datetime.date(entry.year, entry.month or 1, 1)
    return PaperDraft(
        title=entry.title,
        authors=[author.display_name for author in entry.authors],
        abstract=entry.abstract,
        venue=entry.venue,
        published=published,
        doi=entry.doi,
        arxiv_id=entry.arxiv_id,
    )


class _CitationMeta(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            attributes = dict(attrs)
            name = (attributes.get("name") or attributes.get("property") or "").lower()
            content = " ".join((attributes.get("content") or "").split())
            if content and (name.startswith(("citation_", "dc.", "og:"))):
                self.values.setdefault(name, []).append(content)
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def first(self, *names) -> str:
        for name in names:
            if self.values.get(name):
                return self.values[name][0]
        return ""


def _parse_date(value: str) -> datetime.date | None:
    numbers = [int(n) for n in re.findall(r"\d+", value)[:3]]
    if not numbers or not 1000 < numbers[0] < 3000:
        return None
    year, month, day = (numbers + [1, 1])[:3]
    try:
        return datetime.date(year, month if 1 <= month <= 12 else 1, day if 1 <= day <= 31 else 1)
    except ValueError:
        return datetime.date(year, 1, 1)


def read_page(html: str, address: str) -> PaperDraft:
    """Details from a paper page's citation meta tags (Highwire Press, Dublin Core, Open Graph)."""
    parser = _CitationMeta()
    parser.feed(html)
    doi = parser.first("citation_doi", "dc.identifier")
    try:
        doi = normalise_doi(doi) if doi else ""
    except ValidationError:
        doi = ""
    arxiv_id = parser.first("citation_arxiv_id")
    try:
        arxiv_id = normalise_arxiv(arxiv_id) if arxiv_id else ""
    except ValidationError:
        arxiv_id = ""
    return PaperDraft(
        title=parser.first("citation_title", "dc.title", "og:title")
        or " ".join(parser.title.split()),
        authors=parser.values.get("citation_author", []) or parser.values.get("dc.creator", []),
        abstract=parser.first("citation_abstract", "dc.description", "og:description"),
        venue=parser.first(
            "citation_journal_title", "citation_conference_title", "citation_publisher"
        ),
        published=_parse_date(
            parser.first("citation_publication_date", "citation_date", "dc.date")
        ),
        doi=doi,
        arxiv_id=arxiv_id,
        url=address,
    )


def fetch_page(address: str) -> PaperDraft:
    # The citation tags are in the page's head: the first MAX_PAGE_BYTES are plenty.
    status, content_type, body = metadata.http_get(
        address, {"Accept": "text/html"}, max_bytes=MAX_PAGE_BYTES, truncate=True
    )
    host = urlsplit(address).netloc
    if status != 200:
        raise metadata.MetadataError(
            f"{host} answered {status} for that address. Check it opens in a browser, or fill in "
            "the details by hand below."
        )
    if "html" not in content_type:
        raise metadata.MetadataError(
            f"That address is not a web page ({content_type or 'unknown type'}), so it has no "
            "details to read. Paste the paper's landing page, or fill in the details by hand below."
        )
    draft = read_page(body.decode("utf-8", errors="replace"), address)
    if draft.doi:
        try:
            found = _from_entry(metadata.fetch_doi(draft.doi))
        except metadata.MetadataError:
            return draft
        found.url = address
        return found
    if not draft.title:
        raise metadata.MetadataError(
            f"The page at {host} names no paper title. Fill in the details by hand below."
        )
    return draft
