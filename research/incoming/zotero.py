"""A Zotero library as a publication source (Zotero Web API v3).

Incremental: each check asks for the top-level items changed since the highest item version
it has read (``since=``), a hundred at a time. Each item is matched to the group's members by
its creators' names; an item already among the publications (DOI, or title and year) is left
alone, any other goes to the works to review of the members it names, or of the library's
reviewer when it names none. Read through ``metadata.http_get`` (public addresses only)."""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils import timezone

from people.profiles.models import PersonPage
from research.incoming.models import IncomingSource, IncomingWork, ZoteroLibrary
from research.incoming.sources import Found
from research.publications import metadata
from research.publications.identifiers import normalise_doi

ZOTERO_API = "https://api.zotero.org"
PAGE = 100
#: Never read more than this many items in one check (a first check of a large library
#: continues next week from where it stopped).
MAX_ITEMS = 5000
#: Zotero item types -> our publication types (others: "article").
ZOTERO_TYPES = {
    "journalArticle": "article",
    "conferencePaper": "inproceedings",
    "book": "book",
    "bookSection": "chapter",
    "thesis": "thesis",
    "report": "report",
    "preprint": "preprint",
    "manuscript": "preprint",
    "dataset": "dataset",
    "computerProgram": "software",
    "presentation": "poster",
}
#: Not works: notes and attachments are children, these are not research outputs.
SKIPPED_TYPES = {"note", "attachment", "annotation", "webpage", "film", "artwork", "email"}
VENUE_FIELDS = ("publicationTitle", "proceedingsTitle", "bookTitle", "university",
                "institution", "repository", "publisher")  # fmt: skip
MONTHS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}  # fmt: skip


def _year_month(date: str) -> tuple[int | None, int | None]:
    """Zotero's free-text date: '2011', '2011-03-02', 'March 2011', '3/2/2011'…"""
    text = date.strip()
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text)
    if not year:
        return None, None
    iso = re.match(r"(\d{4})-(\d{1,2})", text)
    month = int(iso.group(2)) if iso else None
    if month is None:
        word = re.search(r"\b([A-Za-z]{3})[a-z]*\b", text)
        month = MONTHS.get(word.group(1).lower()) if word else None
    return int(year.group(1)), month if month and 1 <= month <= 12 else None


def _doi(data: dict) -> str:
    for candidate in (data.get("DOI"), *re.findall(r"DOI:\s*(\S+)", str(data.get("extra") or ""))):
        try:
            return normalise_doi(str(candidate)) if candidate else ""
        except Exception:  # noqa: BLE001 - a malformed DOI is dropped, the item kept
            continue
    return ""


def creator_names(data: dict) -> list[tuple[str, str]]:
    """(family, given) of its authors (editors only when it names no author)."""
    creators = [c for c in data.get("creators") or [] if isinstance(c, dict)]
    authors = [c for c in creators if c.get("creatorType") in ("author", "programmer")] or creators
    names = []
    for creator in authors:
        if creator.get("lastName"):
            names.append(
                (str(creator["lastName"]).strip(), str(creator.get("firstName") or "").strip())
            )
        elif creator.get("name"):
            names.append((str(creator["name"]).strip(), ""))
    return names


def read_items(items: list) -> list[Found]:
    if not isinstance(items, list):
        raise metadata.MetadataError("Zotero sent a reply without a list of items.")
    found = []
    for item in items:
        data = item.get("data") if isinstance(item, dict) else None
        if not isinstance(data, dict) or data.get("itemType") in SKIPPED_TYPES:
            continue
        title = " ".join(str(data.get("title") or "").split())
        if not title or data.get("deleted"):
            continue
        year, month = _year_month(str(data.get("date") or ""))
        venue = next((str(data[f]) for f in VENUE_FIELDS if data.get(f)), "")
        work = Found(
            source=IncomingSource.ZOTERO,
            external_id=str(data.get("key") or item.get("key")),
            title=title[:500],
            year=year,
            month=month,
            venue=venue[:300],
            work_type=str(data.get("itemType") or ""),
            doi=_doi(data),
            url=str(data.get("url") or "")[:500]
            if str(data.get("url") or "").startswith("http")
            else "",
            authors=[f"{given} {family}".strip() for family, given in creator_names(data)],
            abstract=str(data.get("abstractNote") or ""),
        )
        work.version = int(item.get("version") or data.get("version") or 0)
        work.names = creator_names(data)
        found.append(work)
    return found


def fetch_changed(library: ZoteroLibrary) -> tuple[list[Found], int]:
    """The works changed since the library's version, and the highest version seen."""
    headers = {"Zotero-API-Version": "3", "Accept": "application/json"}
    if library.api_key:
        headers["Zotero-API-Key"] = library.api_key
    found: list[Found] = []
    highest = library.version
    start = 0
    while start < MAX_ITEMS:
        query = urlencode(
            {"since": library.version, "format": "json", "limit": PAGE, "start": start}
        )
        url = f"{ZOTERO_API}/{library.kind}/{library.library_id}/items/top?{query}"
        status, _type, body = metadata.http_get(url, headers)
        if status == 403:
            raise metadata.MetadataError(
                "Zotero refused access: the library is private. Add a read-only API key to it."
            )
        if status == 404:
            raise metadata.MetadataError(
                "Zotero has no such library: check the library number and whether it is a group "
                "or a personal library."
            )
        if status != 200:
            raise metadata.MetadataError(f"Zotero answered {status}; the next check tries again.")
        try:
            items = json.loads(body)
        except ValueError:
            raise metadata.MetadataError("Zotero sent a reply that is not JSON.") from None
        page = read_items(items)
        found += page
        versions = [int(i.get("version") or 0) for i in items if isinstance(i, dict)]
        highest = max([highest, *versions])
        if len(items) < PAGE:
            break
        start += PAGE
    return found, highest


@dataclass
class MemberIndex:
    """Members by family name, to tell which of them an item names."""

    by_family: dict[str, list[PersonPage]] = field(default_factory=dict)

    @classmethod
    def build(cls) -> "MemberIndex":
        index = cls()
        for person in PersonPage.objects.only("pk", "title", "family_name", "given_names"):
            if person.family_name:
                index.by_family.setdefault(person.family_name.casefold(), []).append(person)
        return index

    def named(self, names: list[tuple[str, str]]) -> list[PersonPage]:
        people = []
        for family, given in names:
            for person in self.by_family.get(family.casefold(), []):
                same_initial = (
                    not given
                    or not person.given_names
                    or (given[:1].casefold() == person.given_names[:1].casefold())
                )
                if same_initial and person not in people:
                    people.append(person)
        return people


def check_library(library: ZoteroLibrary) -> int:
    """Queue what is new in the library; returns how many works were queued."""
    from research.incoming.services import on_site, store

    try:
        found, highest = fetch_changed(library)
    except metadata.MetadataError as error:
        library.last_problem = str(error)[:300]
        library.checked_at = timezone.now()
        library.save(update_fields=["last_problem", "checked_at"])
        raise
    # Works already among the publications are not queued (same DOI, or title and year).
    probes = [IncomingWork(pk=n, doi=w.doi, title_key=w.title_key, year=w.year)
              for n, w in enumerate(found)]  # fmt: skip
    known = on_site(probes)
    new = [w for n, w in enumerate(found) if n not in known]
    members = MemberIndex.build()
    per_person: dict[int, tuple[PersonPage, list[Found]]] = {}
    for work in new:
        for person in members.named(work.names) or [library.reviewer]:
            per_person.setdefault(person.pk, (person, []))[1].append(work)
    queued = sum(len(store(person, works)) for person, works in per_person.values())
    library.version = highest
    library.checked_at = timezone.now()
    library.last_problem = ""
    library.save(update_fields=["version", "checked_at", "last_problem"])
    return queued
