"""Sources that fill the paper feed by themselves: an arXiv search, a journal on Crossref, or any
RSS/Atom feed, checked by the worker (``fetch_paper_sources``, every hour).

Each check fetches one listing (public addresses only, one timeout, a size limit), reads it into
drafts, keeps what the source's keywords allow, leaves out what the feed has already (the same
DOI, arXiv ID in any version, or address: the feed's unique key) and what exceeds the source's
daily number, and stores the rest in a few statements. A source that times out or sends
something unreadable is recorded as failing, with the reason, and the others go on; nothing is
half-stored. Checking twice adds nothing the second time.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import re
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from labsite.pagecache import invalidation
from research.paperfeed.models import FeedPaper, PaperSource, PaperStatus, SourceKind, SourceRun
from research.paperfeed.sources import PaperDraft, identifier_key
from research.publications import metadata
from research.publications.bibtex import latex_to_text
from research.publications.identifiers import normalise_arxiv, normalise_doi
from research.publications.metadata import MetadataError

logger = logging.getLogger(__name__)

ARXIV_API = "https://export.arxiv.org/api/query"
CROSSREF_API = "https://api.crossref.org"
#: A listing is a page of results, not an archive: this is generous for 200 abstracts.
MAX_LISTING_BYTES = 6_000_000
#: How many results to ask for, at most, whatever the daily number.
MAX_ROWS = 200
#: Checks older than this are deleted as new ones are recorded.
KEEP_RUNS = datetime.timedelta(days=90)

_ISSN = re.compile(r"^\d{4}-?\d{3}[\dXx]$")
# "cs.LG", "physics.ao-ph", "quant-ph", "hep-th": a dot or a hyphen, unlike a search word.
_ARXIV_CATEGORY = re.compile(r"^[a-z]+(-[a-z]+)?(\.[A-Za-z-]+)?$")
_DOI = re.compile(r"(10\.\d{4,9}/[^\s\"'<>]+)")
_ARXIV_IN_ID = re.compile(r"(?:arxiv\.org/abs/|oai:arXiv\.org:)([^\s?#]+)", re.I)
_TAGS = re.compile(r"<[^>]+>")
_ANNOUNCE = re.compile(r"^arXiv:\S+\s+Announce Type:\s*\S+\s*(Abstract:\s*)?", re.S)

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "rss1": "http://purl.org/rss/1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "prism": "http://prismstandard.org/namespaces/1.2/basic/",
    "prism3": "http://prismstandard.org/namespaces/basic/3.0/",
    "arxiv": "http://arxiv.org/schemas/atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}


class IngestError(Exception):
    """What went wrong with a source, worded for the editor who reads it in the admin."""


def check_query(kind: str, query: str) -> None:
    """ValidationError saying how to fix a source's query, before anything is fetched."""
    value = (query or "").strip()
    if not value:
        raise ValidationError("Say what to fetch: a category, an ISSN, words or an address.")
    if kind == SourceKind.FEED:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValidationError(
                "Give the feed's whole address, starting with https://, e.g. "
                "https://rss.arxiv.org/atom/cs.LG."
            ) from None
    elif len(value) > 400:
        raise ValidationError("Keep the query under 400 characters.")


def listing_url(source: PaperSource) -> str:
    query = source.query.strip()
    rows = min(max(source.per_day * 2, 20), MAX_ROWS)
    if source.kind == SourceKind.ARXIV:
        is_category = _ARXIV_CATEGORY.match(query) and ("." in query or "-" in query)
        search = f"cat:{query}" if is_category else query
        return (
            f"{ARXIV_API}?search_query={quote(search)}&sortBy=submittedDate"
            f"&sortOrder=descending&start=0&max_results={rows}"
        )
    if source.kind == SourceKind.CROSSREF:
        if _ISSN.match(query):
            issn = query.upper() if "-" in query else f"{query[:4]}-{query[4:]}".upper()
            return f"{CROSSREF_API}/journals/{issn}/works?sort=published&order=desc&rows={rows}"
        return f"{CROSSREF_API}/works?query={quote(query)}&sort=published&order=desc&rows={rows}"
    return query


# Reading listings -------------------------------------------------------------------------


def _published(entry) -> datetime.date | None:
    if entry.year:
        return datetime.date(entry.year, entry.month or 1, 1)
    return None


def _from_entry(entry) -> PaperDraft:
    return PaperDraft(
        title=entry.title,
        authors=[author.display_name for author in entry.authors],
        abstract=entry.abstract,
        venue=entry.venue,
        published=_published(entry),
        doi=entry.doi,
        arxiv_id=entry.arxiv_id,
    )


def read_arxiv(body: bytes) -> list[PaperDraft]:
    try:
        return [_from_entry(entry) for entry in metadata.atom_to_drafts(body)]
    except MetadataError as error:
        raise IngestError(str(error)) from None


def read_crossref(body: bytes) -> list[PaperDraft]:
    try:
        data = json.loads(body)
        items = data["message"]["items"]
    except (ValueError, KeyError, TypeError):
        raise IngestError(
            "Crossref sent something that is not a list of works. Check the ISSN or the words."
        ) from None
    drafts = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        entry = metadata.csl_to_draft(item)
        if entry.title and (entry.doi or item.get("URL")):
            draft = _from_entry(entry)
            draft.url = "" if draft.doi else str(item.get("URL", ""))[:500]
            drafts.append(draft)
    return drafts


def _text(element, *paths: str) -> str:
    for path in paths:
        found = element.find(path, NS)
        if found is not None:
            text = "".join(found.itertext()).strip()
            if text:
                return text
    return ""


def _date(text: str) -> datetime.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return parsedate_to_datetime(text).date()  # RSS 2.0: "Tue, 03 Jun 2003 09:39:21 GMT"
    except (TypeError, ValueError, IndexError):
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)  # ISO 8601, Dublin Core, PRISM
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    return None


def _clean(text: str) -> str:
    """Plain text from a feed's HTML description (feeds escape their HTML once)."""
    return " ".join(_TAGS.sub(" ", text).replace("&nbsp;", " ").split())


def _authors(element) -> list[str]:
    names = [
        " ".join("".join(author.itertext()).split())
        for author in element.findall("atom:author/atom:name", NS)
    ]
    if not names:
        creators = [c.text or "" for c in element.findall("dc:creator", NS)]
        if len(creators) == 1:
            creators = re.split(r",\s*|\s+and\s+", creators[0])
        names = [" ".join(name.split()) for name in creators]
    return [latex_to_text(name) for name in names if name][:200]


def _identifiers(element, link: str) -> tuple[str, str]:
    """(DOI, arXiv ID) read from the item's identifiers and address, either may be ''."""
    doi = arxiv_id = ""
    candidates = [
        _text(element, "prism:doi", "prism3:doi", "arxiv:doi", "dc:identifier"),
        _text(element, "atom:id", "guid"),
        element.get(f"{{{NS['rdf']}}}about", ""),
        link,
    ]
    for candidate in candidates:
        if not doi:
            found = _DOI.search(candidate)
            if found:
                with contextlib.suppress(ValidationError):  # not a DOI after all: look on
                    doi = normalise_doi(found.group(1).rstrip(".").removesuffix(".pdf"))
        if not arxiv_id:
            found = _ARXIV_IN_ID.search(candidate)
            if found:
                with contextlib.suppress(ValidationError):
                    arxiv_id = normalise_arxiv(found.group(1).removesuffix(".pdf"))
    return doi, arxiv_id


ITEM_TAGS = {f"{{{NS['atom']}}}entry", "item", f"{{{NS['rss1']}}}item"}
FEED_TAGS = {f"{{{NS['atom']}}}feed", "rss", f"{{{NS['rdf']}}}RDF"}


def _pull(body: bytes):
    """(root, complete items, cut off?) of a feed read as far as it goes: a listing cut off in
    transit (or by its server) still gives the entries that arrived whole."""
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    root, items, cut = None, [], None
    try:
        parser.feed(body)
        parser.close()
    except ElementTree.ParseError as error:
        cut = error
    try:
        # The events before the fault come first; the fault itself is raised after them.
        for event, element in parser.read_events():
            if event == "start" and root is None:
                root = element
            elif event == "end" and element.tag in ITEM_TAGS:
                items.append(element)
    except ElementTree.ParseError as error:
        cut = cut or error
    if cut and not items:
        raise IngestError(f"The feed could not be read as RSS or Atom ({cut}).")
    return root, items, bool(cut)


def read_feed(body: bytes) -> list[PaperDraft]:
    """Drafts from an RSS 2.0, RSS 1.0 (RDF) or Atom feed. arXiv's own listings say which
    papers were only replaced (a new version of one already announced): those are left out."""
    root, items, _cut = _pull(body)
    if root is None or (not items and root.tag not in FEED_TAGS):
        raise IngestError("That address is not an RSS or Atom feed. Check it in a browser.")
    venue = _text(root, "channel/title", "rss1:channel/rss1:title", "atom:title")[:300]
    drafts = []
    for item in items:
        if _text(item, "arxiv:announce_type").startswith("replace"):
            continue
        title = " ".join(_text(item, "atom:title", "title", "rss1:title", "dc:title").split())
        link_element = item.find("atom:link[@rel='alternate']", NS)
        if link_element is None:
            link_element = item.find("atom:link", NS)
        link = (
            link_element.get("href", "")
            if link_element is not None
            else _text(item, "link", "rss1:link")
        ).strip()
        if not title:
            continue
        doi, arxiv_id = _identifiers(item, link)
        summary = _clean(
            _text(item, "atom:summary", "description", "rss1:description", "content:encoded")
        )
        drafts.append(
            PaperDraft(
                title=title[:500],
                authors=_authors(item),
                abstract=_ANNOUNCE.sub("", summary),
                venue=(_text(item, "prism:publicationName") or ("arXiv" if arxiv_id else venue))[
                    :300
                ],
                published=_date(
                    _text(
                        item,
                        "prism:publicationDate",
                        "dc:date",
                        "atom:published",
                        "pubDate",
                        "atom:updated",
                    )
                ),
                doi=doi,
                arxiv_id=arxiv_id,
                url="" if (doi or arxiv_id) else link[:500],
            )
        )
    return drafts


READERS = {
    SourceKind.ARXIV: read_arxiv,
    SourceKind.CROSSREF: read_crossref,
    SourceKind.FEED: read_feed,
}


# Keeping and storing ------------------------------------------------------------------------


def _phrases(text: str) -> list[str]:
    return [line.strip().lower() for line in text.splitlines() if line.strip()]


def wanted(source: PaperSource, draft: PaperDraft) -> bool:
    text = f"{draft.title}\n{draft.abstract}".lower()
    keep, drop = _phrases(source.keep_keywords), _phrases(source.drop_keywords)
    if keep and not any(phrase in text for phrase in keep):
        return False
    return not any(phrase in text for phrase in drop)


def _arxiv_base(arxiv_id: str) -> str:
    return re.sub(r"v\d+$", "", arxiv_id)


#: Versions looked for when an arXiv paper may be on the feed already (stored IDs keep theirs).
MAX_ARXIV_VERSION = 30


def _arxiv_forms(bases: set[str]) -> list[str]:
    """Every stored form of these arXiv papers: an indexed IN, not a LIKE per paper."""
    return [
        form
        for base in bases
        for form in (base, *(f"{base}v{n}" for n in range(1, MAX_ARXIV_VERSION + 1)))
    ]


@dataclass
class Tally:
    found: int = 0
    added: int = 0
    already_there: int = 0
    filtered_out: int = 0
    over_daily_limit: int = 0
    created: list[FeedPaper] = field(default_factory=list)


def store(source: PaperSource, drafts: list[PaperDraft], now=None) -> Tally:
    """Add the new papers among ``drafts`` to the source's feed; a handful of statements."""
    now = now or timezone.now()
    tally = Tally(found=len(drafts))
    feed = source.feed
    keyed: dict[str, PaperDraft] = {}
    for draft in drafts:
        if not wanted(source, draft):
            tally.filtered_out += 1
            continue
        try:
            key = identifier_key(draft.doi, draft.arxiv_id, draft.url)
        except ValidationError:
            key = ""
        if not key or key in keyed:
            tally.already_there += bool(key)
            continue
        keyed[key] = draft
    if not keyed:
        return tally

    # One query finds what the feed has under any of the batch's identifiers.
    dois = {d.doi for d in keyed.values() if d.doi}
    bases = {_arxiv_base(d.arxiv_id) for d in keyed.values() if d.arxiv_id}
    have = FeedPaper.objects.filter(feed=feed).filter(
        Q(identifier__in=list(keyed)) | Q(doi__in=dois) | Q(arxiv_id__in=_arxiv_forms(bases))
    )
    known_keys, known_dois, known_bases = set(), set(), set()
    for key, doi, arxiv_id in have.values_list("identifier", "doi", "arxiv_id"):
        known_keys.add(key)
        known_dois.add(doi)
        known_bases.add(_arxiv_base(arxiv_id))
    fresh = []
    for key, draft in keyed.items():
        if (
            key in known_keys
            or (draft.doi and draft.doi in known_dois)
            or (draft.arxiv_id and _arxiv_base(draft.arxiv_id) in known_bases)
        ):
            tally.already_there += 1
        else:
            fresh.append((key, draft))

    today_start = feed.day_start(feed.local_date(now))
    room = max(source.per_day - source.papers.filter(added_at__gte=today_start).count(), 0)
    tally.over_daily_limit = max(len(fresh) - room, 0)
    fresh = fresh[:room]
    status = PaperStatus.PUBLISHED if source.trusted else PaperStatus.SUGGESTED
    papers = [
        FeedPaper(
            feed=feed,
            identifier=key,
            doi=draft.doi,
            arxiv_id=draft.arxiv_id,
            url=draft.url,
            title=draft.title[:500],
            authors=", ".join(draft.authors)[:5000],
            abstract=draft.abstract,
            venue=draft.venue[:300],
            published=draft.published,
            # A microsecond apart, in the listing's order, so "newest first" keeps it.
            added_at=now - datetime.timedelta(microseconds=n),
            day=feed.local_date(now),
            status=status,
            source=source,
        )
        for n, (key, draft) in enumerate(fresh)
    ]
    if not papers:
        return tally
    try:
        with transaction.atomic():
            FeedPaper.objects.bulk_create(papers)
    except IntegrityError:
        # Another check of an overlapping source stored some of them a moment ago.
        papers = _one_by_one(papers, tally)
    tally.created = papers
    tally.added = len(papers)
    _index_for_search(papers)
    if status == PaperStatus.PUBLISHED:
        invalidation.content_changed()
    return tally


def _one_by_one(papers: list[FeedPaper], tally: Tally) -> list[FeedPaper]:
    stored = []
    for paper in papers:
        paper.pk = None
        try:
            with transaction.atomic():
                paper.save()
        except IntegrityError:
            tally.already_there += 1
            continue
        stored.append(paper)
    return stored


def _index_for_search(papers: list[FeedPaper]) -> None:
    """Bulk inserts send no signals: add the new papers to the search index in one go."""
    from wagtail.search.backends import get_search_backends

    ids = [paper.pk for paper in papers if paper.pk]
    if not ids:
        return
    fresh = list(FeedPaper.objects.filter(pk__in=ids))
    for backend in get_search_backends(with_auto_update=True):
        try:
            backend.add_bulk(FeedPaper, fresh)
        except Exception:  # search catches up at the next update_index; the papers are saved
            logger.exception("Could not index %d new feed papers", len(fresh))


# Checking a source ---------------------------------------------------------------------------


def check(source: PaperSource, now=None) -> SourceRun:
    """Fetch, read and store one source; record the check (and any failure) either way."""
    now = now or timezone.now()
    started = time.perf_counter()
    run = SourceRun(source=source, started_at=now)
    try:
        url = listing_url(source)
        status, _content_type, body = metadata.http_get(
            url, {"Accept": _ACCEPT[source.kind]}, max_bytes=MAX_LISTING_BYTES
        )
        if status != 200:
            raise IngestError(
                f"{urlsplit(url).netloc} answered {status}. If it lasts, check the query."
            )
        drafts = READERS[source.kind](body)
        tally = store(source, drafts, now=now)
    except (IngestError, MetadataError) as error:
        run.error = str(error)
    except Exception as error:  # a source must never stop the others, nor be silent
        logger.exception("Paper source %s failed", source.pk)
        run.error = f"Unexpected failure ({type(error).__name__}: {error})."
    else:
        run.found, run.added = tally.found, tally.added
        run.already_there, run.filtered_out = tally.already_there, tally.filtered_out
        run.over_daily_limit = tally.over_daily_limit
    run.seconds = round(time.perf_counter() - started, 3)
    run.save()
    source.last_checked_at = now
    source.last_error = run.error
    source.failures_in_a_row = source.failures_in_a_row + 1 if run.error else 0
    source.save(update_fields=["last_checked_at", "last_error", "failures_in_a_row"])
    SourceRun.objects.filter(source=source, started_at__lt=now - KEEP_RUNS).delete()
    return run


_ACCEPT = {
    SourceKind.ARXIV: "application/atom+xml",
    SourceKind.CROSSREF: "application/json",
    SourceKind.FEED: "application/rss+xml, application/atom+xml, application/xml, text/xml",
}


def check_all(now=None, sources=None) -> list[SourceRun]:
    sources = sources if sources is not None else PaperSource.objects.filter(active=True)
    return [check(source, now=now) for source in sources.select_related("feed")]
