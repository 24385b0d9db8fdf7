"""Adding datasets and software by their DataCite DOI, through DataCite's REST API.

doi.org's content negotiation gives only CSL for a DataCite DOI, which loses what makes data
and software citable (resource type, version, organisations as authors, the archive's
identifier). The registration agency is asked once per DOI prefix (``doi.org/ra/``, kept for
a month); Crossref DOIs go on to the CSL path as before."""

import json
import re
from urllib.parse import quote

from django.core.cache import cache

from research.publications import metadata
from research.publications.bibtex import AuthorDraft, EntryDraft, display_name_from_bibtex
from research.publications.identifiers import normalise_doi

DATACITE_DOIS = "https://api.datacite.org/dois/"
RA_LOOKUP = "https://doi.org/ra/"
RA_CACHE_SECONDS = 30 * 24 * 3600
#: DataCite's resourceTypeGeneral -> our publication types.
RESOURCE_TYPES = {
    "Dataset": "dataset",
    "Software": "software",
    "ComputationalNotebook": "software",
    "Preprint": "preprint",
    "JournalArticle": "article",
    "ConferencePaper": "inproceedings",
    "ConferenceProceeding": "inproceedings",
    "Dissertation": "thesis",
    "Book": "book",
    "BookChapter": "chapter",
    "Report": "report",
    "Text": "report",
    "Poster": "poster",
}
SWHID = re.compile(r"swh:1:(?:cnt|dir|rev|rel|snp):[0-9a-f]{40}(?:;[^\s\"<>]*)?")


def registration_agency(doi: str) -> str:
    """'DataCite', 'Crossref', … for the DOI's prefix; '' when doi.org cannot say (then the
    CSL path is tried, which works for every agency)."""
    prefix = doi.split("/", 1)[0]
    key = f"labsite:doi-ra:{prefix}"
    known = cache.get(key)
    if known is not None:
        return known
    try:
        status, _content_type, body = metadata.http_get(RA_LOOKUP + quote(prefix), {})
        answer = json.loads(body) if status == 200 else None
    except (metadata.MetadataError, ValueError):
        return ""
    if not isinstance(answer, list) or not answer or not isinstance(answer[0], dict):
        return ""  # doi.org could not say this time: asked again next time, not kept
    agency = str(answer[0].get("RA") or "")
    cache.set(key, agency, RA_CACHE_SECONDS)
    return agency


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or ""
    return " ".join(str(value or "").split())


def _author(creator: dict) -> AuthorDraft | None:
    name = _text(creator.get("name"))
    given, family = _text(creator.get("givenName")), _text(creator.get("familyName"))
    if creator.get("nameType") == "Organizational" or (not family and name and "," not in name):
        # An organisation (or a single name DataCite could not split): kept whole, in braces,
        # so citations print it as written rather than as "Network, V. S.".
        return AuthorDraft("{" + name + "}", name) if name else None
    if family:
        bibtex_name = f"{family}, {given}" if given else family
    elif name:
        bibtex_name = name
    else:
        return None
    return AuthorDraft(bibtex_name, display_name_from_bibtex(bibtex_name))


def _month(attributes: dict) -> int | None:
    for date in attributes.get("dates") or []:
        if isinstance(date, dict) and date.get("dateType") == "Issued":
            found = re.match(r"\d{4}-(\d{2})", str(date.get("date") or ""))
            if found and 1 <= int(found.group(1)) <= 12:
                return int(found.group(1))
    return None


def find_swhid(attributes: dict) -> str:
    """The Software Heritage identifier DataCite records for it, if any (its landing address,
    an alternate or a related identifier)."""
    candidates = [str(attributes.get("url") or "")]
    for key in ("identifiers", "alternateIdentifiers", "relatedIdentifiers"):
        for item in attributes.get(key) or []:
            if isinstance(item, dict):
                candidates += [str(value) for value in item.values()]
    for candidate in candidates:
        found = SWHID.search(candidate)
        if found:
            return found.group(0)
    return ""


def datacite_to_draft(data: dict) -> EntryDraft:
    record = data.get("data") if isinstance(data, dict) else None
    attributes = record.get("attributes") if isinstance(record, dict) else None
    if not isinstance(attributes, dict):
        raise metadata.MetadataError("DataCite sent a reply without a record.")
    doi = normalise_doi(str(attributes.get("doi") or record.get("id") or ""))
    draft = EntryDraft(key=doi or "datacite", line=0)
    titles = [t for t in attributes.get("titles") or [] if isinstance(t, dict)]
    main = [t for t in titles if not t.get("titleType")] or titles
    draft.title = _text(main[0].get("title")) if main else ""
    year = str(attributes.get("publicationYear") or "")
    draft.year = int(year) if year.isdigit() else None
    draft.month = _month(attributes)
    general = (attributes.get("types") or {}).get("resourceTypeGeneral") or ""
    draft.publication_type = RESOURCE_TYPES.get(general, "dataset")
    publisher = _text(attributes.get("publisher"))[:200]
    draft.publisher = publisher
    if draft.publication_type in ("dataset", "software", "preprint"):
        draft.venue = publisher[:300]  # the repository that holds it: Zenodo, Dryad, arXiv…
    draft.doi = doi
    draft.version = _text(attributes.get("version"))[:60]
    draft.swhid = find_swhid(attributes)
    for description in attributes.get("descriptions") or []:
        if isinstance(description, dict) and description.get("descriptionType") == "Abstract":
            text = re.sub(r"<[^>]+>", " ", str(description.get("description") or ""))
            draft.abstract = " ".join(text.split())
            break
    draft.keywords = [
        _text(subject.get("subject"))[:100]
        for subject in attributes.get("subjects") or []
        if isinstance(subject, dict)
        and _text(subject.get("subject"))
        and not subject.get("subjectScheme")  # fmt: skip  (classification codes read badly)
    ][:20]
    url = str(attributes.get("url") or "")
    if url.startswith("https://") and draft.publication_type in ("dataset", "software"):
        draft.links.append(("data" if draft.publication_type == "dataset" else "code", url))
    draft.authors = [a for a in map(_author, attributes.get("creators") or []) if a]
    if not draft.title:
        draft.errors.append("the record has no title")
    if draft.year is None:
        draft.errors.append("the record has no publication year")
    if not draft.authors:
        draft.errors.append("the record lists no creators")
    return draft


def fetch_datacite(doi: str) -> EntryDraft:
    status, _content_type, body = metadata.http_get(
        DATACITE_DOIS + quote(doi, safe="/"), {"Accept": "application/vnd.api+json"}
    )
    if status == 404:
        raise metadata.MetadataError(
            f"DataCite has no record for the DOI {doi}. Check it for typos."
        )
    if status != 200:
        raise metadata.MetadataError(
            f"DataCite answered {status} for {doi}. It may be down; try again later."
        )
    try:
        return datacite_to_draft(json.loads(body))
    except ValueError as error:
        raise metadata.MetadataError(
            f"DataCite sent a record that could not be read ({error})."
        ) from None
