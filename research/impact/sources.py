"""Asking OpenAlex and Crossref how often a DOI is cited.

OpenAlex needs an API key since February 2026 (``OPENALEX_API_KEY``); Crossref's polite pool
wants a contact address (``OUTSIDE_SOURCES_EMAIL``). Both are asked through
``metadata.http_get``: public addresses only, a size cap and one timeout. A refusal for load
(429) or a fault on their side (5xx) stops that source for the run: the figures already stored
stay, and the next run asks again."""

import json
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings

from research.impact.models import CitationSource
from research.publications import metadata

OPENALEX_WORKS = "https://api.openalex.org/works/"
CROSSREF_WORKS = "https://api.crossref.org/works/"


class SourceUnavailable(Exception):
    """The source cannot be asked now; the message says why and what to do."""


@dataclass(frozen=True)
class Figure:
    source: str
    count: int | None  # None: the source does not know the DOI
    record_url: str = ""


def contact_email() -> str:
    return getattr(settings, "OUTSIDE_SOURCES_EMAIL", "") or ""


def _headers() -> dict[str, str]:
    email = contact_email()
    agent = metadata.USER_AGENT
    if email:
        agent = f"labsite/0.1 (research group website; mailto:{email})"
    return {"User-Agent": agent, "Accept": "application/json"}


def _get_json(name: str, url: str) -> dict | None:
    try:
        status, _content_type, body = metadata.http_get(url, _headers())
    except metadata.MetadataError as error:
        raise SourceUnavailable(f"{name} could not be reached: {error}") from None
    if status == 404:
        return None
    if status == 429:
        raise SourceUnavailable(f"{name} asked us to slow down (429); the next run asks again.")
    if status in (401, 403):
        raise SourceUnavailable(
            f"{name} refused the request ({status}): check the API key in the settings."
        )
    if status != 200:
        raise SourceUnavailable(f"{name} answered {status}; the next run asks again.")
    try:
        data = json.loads(body)
    except ValueError:
        raise SourceUnavailable(f"{name} sent a reply that is not JSON.") from None
    if not isinstance(data, dict):
        raise SourceUnavailable(f"{name} sent a reply without a record.")
    return data


def read_openalex_work(data: dict | None) -> Figure:
    if data is None:
        return Figure(CitationSource.OPENALEX, None)
    count = data.get("cited_by_count")
    record = str(data.get("id") or "")
    return Figure(
        CitationSource.OPENALEX,
        count if isinstance(count, int) and count >= 0 else None,
        record if record.startswith("https://openalex.org/") else "",
    )


def read_crossref_work(data: dict | None, doi: str) -> Figure:
    if data is None:
        return Figure(CitationSource.CROSSREF, None)
    message = data.get("message") if isinstance(data.get("message"), dict) else {}
    count = message.get("is-referenced-by-count")
    return Figure(
        CitationSource.CROSSREF,
        count if isinstance(count, int) and count >= 0 else None,
        CROSSREF_WORKS + quote(doi, safe="/"),
    )


def openalex_figure(doi: str) -> Figure:
    key = getattr(settings, "OPENALEX_API_KEY", "")
    if not key:
        raise SourceUnavailable(
            "OpenAlex needs an API key: set OPENALEX_API_KEY (a free key from openalex.org)."
        )
    query = {"api_key": key, "select": "id,doi,cited_by_count"}
    if contact_email():
        query["mailto"] = contact_email()
    url = f"{OPENALEX_WORKS}doi:{quote(doi, safe='/')}?{urlencode(query)}"
    return read_openalex_work(_get_json("OpenAlex", url))


def crossref_figure(doi: str) -> Figure:
    url = CROSSREF_WORKS + quote(doi, safe="/")
    if contact_email():
        url += "?" + urlencode({"mailto": contact_email()})
    return read_crossref_work(_get_json("Crossref", url), doi)


FETCHERS = {
    CitationSource.OPENALEX: openalex_figure,
    CitationSource.CROSSREF: crossref_figure,
}


def enabled_sources() -> list[str]:
    """Crossref always (no key needed); OpenAlex when a key is set."""
    sources = [CitationSource.CROSSREF]
    if getattr(settings, "OPENALEX_API_KEY", ""):
        sources.insert(0, CitationSource.OPENALEX)
    return sources
