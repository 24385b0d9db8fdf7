"""Reading the outside records: ORCID's public API v3.0 (a person's works) and arXiv's API
(preprints by an author's name). Fetching goes through ``metadata.http_get``: public
addresses only, a size cap and one timeout."""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.core.exceptions import ValidationError

from research.publications.citations import title_key
from research.publications.identifiers import normalise_arxiv, normalise_doi
from research.publications.metadata import MetadataError, atom_to_drafts, http_get

ORCID_API = "https://pub.orcid.org/v3.0"
ARXIV_API = "https://export.arxiv.org/api/query"
ORCID_TYPES = {
    "journal-article": "article",
    "conference-paper": "conference",
    "book": "book",
    "book-chapter": "chapter",
    "preprint": "preprint",
    "dissertation-thesis": "thesis",
    "report": "report",
    "working-paper": "preprint",
}


@dataclass
class Found:
    source: str
    external_id: str
    title: str
    year: int | None = None
    month: int | None = None
    venue: str = ""
    work_type: str = ""
    doi: str = ""
    arxiv_id: str = ""
    url: str = ""
    authors: list[str] = field(default_factory=list)
    abstract: str = ""

    @property
    def title_key(self) -> str:
        return title_key(self.title)


def _value(node, *keys):
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def read_orcid_works(data: dict) -> list[Found]:
    """One work per ORCID group (ORCID groups the same work from several sources); the
    preferred (first) summary gives the title and date."""
    if not isinstance(data, dict) or not isinstance(data.get("group"), list):
        raise MetadataError("ORCID sent a reply without a list of works.")
    found = []
    for group in data["group"]:
        summaries = group.get("work-summary") or []
        if not summaries:
            continue
        summary = summaries[0]
        title = " ".join(str(_value(summary, "title", "title", "value") or "").split())
        if not title:
            continue
        year = _value(summary, "publication-date", "year", "value")
        month = _value(summary, "publication-date", "month", "value")
        work = Found(
            source="orcid",
            external_id=str(summary.get("put-code")),
            title=title[:500],
            year=int(year) if str(year or "").isdigit() else None,
            month=int(month) if str(month or "").isdigit() and 1 <= int(month) <= 12 else None,
            venue=str(_value(summary, "journal-title", "value") or "")[:300],
            work_type=str(summary.get("type") or "").lower(),
            url=str(_value(summary, "url", "value") or "")[:500],
        )
        identifiers = (_value(group, "external-ids", "external-id") or []) + (
            _value(summary, "external-ids", "external-id") or []
        )
        for identifier in identifiers:
            if str(identifier.get("external-id-relationship", "")).lower() != "self":
                continue
            kind = str(identifier.get("external-id-type", "")).lower()
            value = str(identifier.get("external-id-value") or "")
            try:
                if kind == "doi" and not work.doi:
                    work.doi = normalise_doi(value)
                elif kind == "arxiv" and not work.arxiv_id:
                    work.arxiv_id = re.sub(r"v\d+$", "", normalise_arxiv(value))
            except ValidationError:
                continue  # ORCID does not check identifiers (a handle typed as a DOI)
        found.append(work)
    return found


def fetch_orcid_works(orcid: str) -> list[Found]:
    status, _type, body = http_get(f"{ORCID_API}/{orcid}/works", {"Accept": "application/json"})
    if status == 404:
        raise MetadataError(f"ORCID has no record {orcid}. Check the ORCID iD on the profile.")
    if status != 200:
        raise MetadataError(f"ORCID answered {status}. Try again later.")
    import json

    try:
        return read_orcid_works(json.loads(body))
    except ValueError:
        raise MetadataError("ORCID sent a reply that could not be read.") from None


def arxiv_query(given_names: str, family_name: str) -> str:
    """arXiv's author search for a person: 'au:Vlaar_T' matches 'T. Vlaar' and 'Tiffany Vlaar'."""
    family = re.sub(r"[^\w\-]", "", family_name.replace(" ", "_"))
    initial = given_names.strip()[:1]
    return f"au:{family}_{initial}" if initial else f"au:{family}"


def read_arxiv(body: bytes) -> list[Found]:
    found = []
    for draft in atom_to_drafts(body):
        arxiv_id = re.sub(r"v\d+$", "", draft.arxiv_id)
        found.append(
            Found(
                source="arxiv",
                external_id=arxiv_id,
                title=draft.title[:500],
                year=draft.year,
                month=draft.month,
                venue=draft.venue[:300],
                work_type="preprint",
                doi=draft.doi,
                arxiv_id=arxiv_id,
                url=f"https://arxiv.org/abs/{arxiv_id}",
                authors=[a.display_name for a in draft.authors],
                abstract=draft.abstract,
            )
        )
    return found


def fetch_arxiv_author(given_names: str, family_name: str, limit: int = 50) -> list[Found]:
    query = quote(arxiv_query(given_names, family_name))
    url = f"{ARXIV_API}?search_query={query}&sortBy=submittedDate&sortOrder=descending&max_results={limit}"
    status, _type, body = http_get(url, {})
    if status != 200:
        raise MetadataError(f"arXiv answered {status}. Try again later.")
    return read_arxiv(body)
