"""What an import will create, built from a site's files before anything is written.

The preview shows a plan; the import carries out the same plan (``Plan.fingerprint`` proves it
is the same) and nothing else.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from research.publications.bibtex import EntryDraft


@dataclass
class Note:
    """Something the preview must say: a warning, or why something is not imported."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class ImageRef:
    """An image of the site that content uses; imported once however often it is used."""

    path: str
    alt: str = ""


@dataclass
class Body:
    """Content as StreamField blocks; ``("image", ImageRef, caption)`` is resolved at import."""

    blocks: list[tuple] = field(default_factory=list)

    def text(self) -> str:
        parts = []
        for block in self.blocks:
            if block[0] in ("paragraph", "heading", "quote"):
                parts.append(str(block[1]))
        return " ".join(parts)

    def __bool__(self) -> bool:
        return bool(self.blocks)


@dataclass
class PersonItem:
    slug: str
    name: str
    source: str
    role: str = "Member"
    given_names: str = ""
    family_name: str = ""
    short_bio: str = ""
    body: Body = field(default_factory=Body)
    interests: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    email: str = ""
    website: str = ""
    orcid: str = ""
    google_scholar: str = ""
    github: str = ""
    linkedin: str = ""
    former: bool = False
    photo: ImageRef | None = None
    education: list[dict] = field(default_factory=list)
    positions: list[dict] = field(default_factory=list)
    old_urls: list[str] = field(default_factory=list)
    #: Other names the site's files use for this person (Hugo author folder, Greene Lab slug).
    keys: list[str] = field(default_factory=list)


@dataclass
class PageItem:
    """A page other than a person or a publication: news, talk, project, theme or free page."""

    kind: str  # "news", "talk", "project", "theme", "page"
    title: str
    slug: str
    source: str
    date: datetime.date | None = None
    end_date: datetime.date | None = None
    summary: str = ""
    body: Body = field(default_factory=Body)
    image: ImageRef | None = None
    tags: list[str] = field(default_factory=list)
    old_urls: list[str] = field(default_factory=list)
    #: Kind-specific fields (a talk's event and location, a project's status).
    extra: dict = field(default_factory=dict)
    #: Person slugs or names credited (talk speakers, project team, post authors).
    people: list[str] = field(default_factory=list)


@dataclass
class PublicationItem:
    draft: EntryDraft
    source: str
    old_urls: list[str] = field(default_factory=list)


KIND_LABELS = {
    "news": "news items",
    "talk": "talks",
    "project": "projects",
    "theme": "research themes",
    "page": "standard pages",
    "course": "courses",
    "home": "home page text",
}


@dataclass
class Plan:
    site_format: str
    title: str = ""
    base_url: str = ""
    files_read: int = 0
    #: Why the site was read as its generator (the evidence found, or the editor's choice).
    detection: str = ""
    people: list[PersonItem] = field(default_factory=list)
    pages: list[PageItem] = field(default_factory=list)
    publications: list[PublicationItem] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)
    #: Old addresses of list pages labsite builds itself: (kind of index, old URL).
    index_urls: list[tuple[str, str]] = field(default_factory=list)

    def warn(self, path: str, line: int, message: str) -> None:
        self.warnings.append(Note(path, line, message))

    def skip(self, path: str, line: int, message: str) -> None:
        self.skipped.append(Note(path, line, message))

    def pages_of(self, kind: str) -> list[PageItem]:
        return [page for page in self.pages if page.kind == kind]

    @property
    def images(self) -> dict[str, ImageRef]:
        found: dict[str, ImageRef] = {}
        for item in [*self.people, *self.pages]:
            for ref in _images_of(item):
                found.setdefault(ref.path, ref)
        return found

    @property
    def redirects(self) -> list[str]:
        urls = [
            url for item in [*self.people, *self.pages, *self.publications] for url in item.old_urls
        ]
        return urls + [url for _kind, url in self.index_urls]

    def counts(self) -> dict[str, int]:
        with_doi = sum(1 for p in self.publications if p.draft.doi)
        counts = {
            "people": len(self.people),
            "publications": len(self.publications),
            "publications with a DOI": with_doi,
            "publications without a DOI": len(self.publications) - with_doi,
        }
        for kind, label in KIND_LABELS.items():
            counts[label] = len(self.pages_of(kind))
        counts["images"] = len(self.images)
        counts["redirects"] = len(self.redirects)
        counts["warnings"] = len(self.warnings)
        counts["skipped"] = len(self.skipped)
        return counts

    def fingerprint(self) -> str:
        """Changes whenever anything the preview lists would change."""
        digest = hashlib.sha256()
        for person in self.people:
            digest.update(f"P|{person.slug}|{person.name}|{person.role}\n".encode())
        for page in self.pages:
            digest.update(f"G|{page.kind}|{page.slug}|{page.title}|{page.date}\n".encode())
        for item in self.publications:
            d = item.draft
            digest.update(f"B|{d.key}|{d.title}|{d.year}|{d.doi}|{d.state}\n".encode())
        for url in self.redirects:
            digest.update(f"R|{url}\n".encode())
        return digest.hexdigest()[:16]


def _images_of(item) -> list[ImageRef]:
    refs = []
    if getattr(item, "photo", None):
        refs.append(item.photo)
    if getattr(item, "image", None):
        refs.append(item.image)
    for block in item.body.blocks:
        if block[0] == "image":
            refs.append(block[1])
    return refs
