"""Adding software by its repository address, with its Software Heritage identifier.

Software Heritage archives public repositories; its latest visit of an origin names a
snapshot, whose SWHID (with the origin as a qualifier) keeps the code citable after the
repository is moved or deleted. Asked through ``metadata.http_get`` (public addresses only)."""

import datetime
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils import timezone

from research.publications import metadata
from research.publications.bibtex import AuthorDraft, EntryDraft

SWH_API = "https://archive.softwareheritage.org/api/1/"
SAVE_PAGE = "https://archive.softwareheritage.org/save/"
#: Hosts whose repository addresses are /owner/name.
FORGES = {
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "codeberg.org": "Codeberg",
    "bitbucket.org": "Bitbucket",
    "sr.ht": "SourceHut",
    "git.sr.ht": "SourceHut",
}


@dataclass(frozen=True)
class ArchivedVisit:
    swhid: str
    date: datetime.date | None


def repository_origin(value: str) -> str | None:
    """The origin address Software Heritage knows a repository by (https, no .git, no
    trailing slash, owner and name only for the forges), or None when ``value`` is not a
    repository address."""
    text = value.strip()
    if not re.match(r"https?://", text):
        return None
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host in FORGES:
        if len(segments) < 2:
            return None
        segments = segments[:2]
    elif not (
        segments
        and (
            host.startswith(("gitlab.", "git.", "forgejo.", "gitea."))
            or parts.path.endswith(".git")
        )
    ):
        return None  # a paper's or a project's page, not a repository
    path = "/".join(segments)
    path = path[:-4] if path.endswith(".git") else path
    return f"https://{host}/{path}"


def latest_visit(origin: str) -> ArchivedVisit | None:
    status, _content_type, body = metadata.http_get(
        f"{SWH_API}origin/{origin}/visit/latest/?require_snapshot=true",
        {"Accept": "application/json"},
    )
    if status == 404:
        return None
    if status != 200:
        raise metadata.MetadataError(
            f"Software Heritage answered {status}; try again later, or add the software without "
            "its archive identifier."
        )
    try:
        visit = json.loads(body)
    except ValueError:
        raise metadata.MetadataError("Software Heritage sent a reply that is not JSON.") from None
    snapshot = str((visit or {}).get("snapshot") or "")
    if not re.fullmatch(r"[0-9a-f]{40}", snapshot):
        return None
    try:
        date = datetime.datetime.fromisoformat(str(visit.get("date"))).date()
    except ValueError:
        date = None
    return ArchivedVisit(f"swh:1:snp:{snapshot};origin={origin}", date)


def fetch_repository(value: str) -> EntryDraft:
    origin = repository_origin(value)
    if origin is None:
        raise metadata.MetadataError(
            f"'{value}' is not a repository address. Paste one like https://github.com/owner/name."
        )
    parts = urlsplit(origin)
    segments = parts.path.strip("/").split("/")
    host = parts.hostname or ""
    draft = EntryDraft(key=segments[-1], line=0)
    draft.title = segments[-1]
    draft.publication_type = "software"
    draft.venue = FORGES.get(host, host)
    draft.links.append(("code", origin))
    visit = latest_visit(origin)
    if visit is None:
        draft.year = timezone.localdate().year
        draft.notices.append(
            "Software Heritage has not archived this repository yet: ask it to at "
            f"{SAVE_PAGE}, then add the identifier under Identifiers."
        )
    else:
        draft.swhid = visit.swhid
        draft.year = (visit.date or timezone.localdate()).year
        draft.notices.append(
            "The year is that of Software Heritage's latest archive of the repository; change "
            "it to the release you cite if it differs."
        )
    if host in FORGES and len(segments) == 2:
        owner = segments[0]
        draft.authors.append(AuthorDraft("{" + owner + "}", owner))
        draft.notices.append(
            f"'{owner}' (the repository's owner) is listed as the author: add the people who "
            "wrote the software."
        )
    else:
        draft.errors.append("the repository address names no owner: add the authors by hand")
    return draft
