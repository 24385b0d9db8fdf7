"""Carrying out a plan: the pages, people, publications, images and redirects it lists.

Everything the plan holds is created published (the preview was the review); what already
exists (the same slug under the same parent, the same image file, a publication with the same
DOI, arXiv ID or title and year) is left as it is, so running an import again adds only what
is new.
"""

import datetime
import io
import logging
import posixpath
import re
import time
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.utils.file import hash_filelike

from labsite import dates
from labsite.dates import DatePrecision
from labsite.models.pages import HomePage, StandardPage
from labsite.news.models import NewsIndexPage, NewsPage
from people.profiles.models import PeopleIndexPage, PersonPage
from people.profiles.snippets import Role
from research.engagement.models import ActivityPage, ActivityPerson, EngagementIndexPage
from research.moving_in.files import SiteFiles, SiteFilesError
from research.moving_in.plan import Body, PageItem, Plan
from research.projects.models import ProjectIndexPage, ProjectPage
from research.publications import bibtex, identity
from research.publications.citations import title_key
from research.publications.importer import import_drafts
from research.publications.index_page import PublicationIndexPage
from research.teaching.models import CourseMaterial, CoursePage, CourseTeacher, TeachingIndexPage
from research.themes.models import ResearchIndexPage, ResearchThemePage

logger = logging.getLogger(__name__)
ROLE_ORDER = {"Principal investigator": 10, "Postdoctoral researcher": 20, "PhD student": 30}
INDEXES = {
    "people": (PeopleIndexPage, "People"),
    "publications": (PublicationIndexPage, "Publications"),
    "news": (NewsIndexPage, "News"),
    "talk": (EngagementIndexPage, "Talks"),
    "project": (ProjectIndexPage, "Projects"),
    "theme": (ResearchIndexPage, "Research"),
    "course": (TeachingIndexPage, "Teaching"),
}


class ImportRefused(Exception):
    """The import cannot start; the message says why and what to do."""


@dataclass
class Outcome:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, kind: str, created: bool = True) -> None:
        target = self.created if created else self.existing
        target[kind] = target.get(kind, 0) + 1


def _home(site: Site | None = None) -> tuple[Site, Page]:
    """The home page the import goes under: ``site``'s (a group's), else the default site's."""
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ImportRefused(
            "There is no site yet: run 'manage.py migrate' and create the home page."
        )
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        home = HomePage.objects.descendant_of(site.root_page, inclusive=True).first() or home
    return site, home


def _index(home: Page, key: str) -> Page:
    model, title = INDEXES[key]
    index = model.objects.descendant_of(home).first()
    if index is None:
        # The old site may have had a page at that address ("/news/" as a plain page,
        # imported as one): the list then takes the next free address instead of failing.
        taken = set(home.get_children().values_list("slug", flat=True))
        slug, n = title.lower(), 2
        while slug in taken:
            slug, n = f"{title.lower()}-{n}", n + 1
        index = model(title=title, slug=slug)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _add(parent: Page, page: Page, owner) -> Page:
    page.owner = owner
    parent.add_child(instance=page)
    page.save_revision(user=owner).publish(user=owner)
    return page


class _Images:
    def __init__(self, files: SiteFiles, outcome: Outcome):
        self.files, self.outcome, self.done = files, outcome, {}

    def get(self, ref):
        if ref is None:
            return None
        if ref.path in self.done:
            return self.done[ref.path]
        image = None
        try:
            data = self.files.read_bytes(ref.path)
            with PILImage.open(io.BytesIO(data)) as probe:
                probe.verify()
            digest = hash_filelike(io.BytesIO(data))
            model = get_image_model()
            image = model.objects.filter(file_hash=digest).first()
            if image is None:
                title = ref.alt or posixpath.splitext(posixpath.basename(ref.path))[0]
                image = model(
                    title=title[:255],
                    file=ImageFile(io.BytesIO(data), name=posixpath.basename(ref.path)),
                    file_hash=digest,
                )
                image.save()
                self.outcome.count("images")
            else:
                self.outcome.count("images", created=False)
        except (SiteFilesError, OSError, SyntaxError, ValueError) as error:
            self.outcome.problems.append(f"{ref.path}: not an image that can be used ({error})")
        self.done[ref.path] = image
        return image


def _stream(body: Body, images: _Images) -> list[dict]:
    blocks = []
    for block in body.blocks:
        if block[0] == "image":
            image = images.get(block[1])
            if image is None:
                continue
            value = {
                "image": {"image": image.pk, "decorative": False, "alt_text": block[1].alt[:250]},
                "caption": block[2],
                "credit": "",
            }
            blocks.append({"type": "image", "value": value})
        else:
            blocks.append({"type": block[0], "value": block[1]})
    return blocks


def _career(person) -> list[dict]:
    entries = []
    for position in person.positions:
        if position.get("title") or position.get("organisation"):
            entries.append(
                {
                    "type": "position",
                    "value": {
                        "title": (position.get("title") or person.role)[:200],
                        "organisation": position.get("organisation", "")[:200],
                        "start": None,
                        "end": None,
                    },
                }
            )
    for course in person.education:
        end = course.get("end")
        entries.append(
            {
                "type": "education",
                "value": {
                    "degree": course["degree"][:200],
                    "organisation": course.get("organisation", "")[:200],
                    "start": None,
                    # Stored as known: the year the degree was given.
                    "end": dates.editable(end, DatePrecision.YEAR) if end else None,
                },
            }
        )
    return entries


def _save_person(parent, page, owner, outcome, source):
    """A person page; a field the site refuses (an ORCID iD with a typo) is left empty, saying so."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return _add(parent, page, owner)
        except ValidationError as error:
            fields = getattr(error, "error_dict", {})
            if not fields or any(name in ("title", "slug", "role") for name in fields):
                raise
            for name in fields:
                outcome.problems.append(
                    f"{source}: {name} left empty ({'; '.join(error.message_dict[name])})"
                )
                setattr(page, name, "")
            page.pk = page.id = None
            page.path = page.depth = None
    return None


def already_there(plan: Plan, site: Site | None = None) -> set[tuple[str, str]]:
    """(kind, slug) of the plan's people and pages that an earlier import (or an editor) has
    already made, found the way ``apply`` finds them; publications already on the site are
    marked on their drafts. The preview lists these apart from what will be created."""
    try:
        _site, home = _home(site)
    except ImportRefused:
        return set()
    found: set[tuple[str, str]] = set()
    index = _existing_index(home, "people")
    if index is not None:
        slugs = PersonPage.objects.child_of(index).values_list("slug", flat=True)
        found |= {("person", slug) for slug in slugs}
    for kind in {item.kind for item in plan.pages} - {"home"}:
        parent = home if kind == "page" else _existing_index(home, kind)
        if parent is not None:
            if kind == "page":
                found |= {
                    ("page", item.slug)
                    for item in plan.pages
                    if item.kind == "page" and _same_page(parent, item) is not None
                }
                continue
            found |= {(kind, slug) for slug in parent.get_children().values_list("slug", flat=True)}
    publications = _existing_index(home, "publications")
    if publications is not None and plan.publications:
        bibtex.mark_duplicates([item.draft for item in plan.publications], publications)
    return found


def _same_page(parent: Page, item: PageItem) -> Page | None:
    """The page an earlier import made for ``item`` (same address; for a free page, a free
    page there, not one of the group's own sections)."""
    children = parent.get_children()
    if item.kind != "page":
        return children.filter(slug=item.slug).first()
    # Moved beside a section of the same address, it was given the next free one ("research-2").
    beside = Q(slug__regex=rf"^{re.escape(item.slug)}-\d+$", title=item.title)
    return children.type(StandardPage).filter(Q(slug=item.slug) | beside).first()


def _free_slug(parent: Page, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _existing_index(home: Page, key: str):
    if key not in INDEXES:
        return None
    return INDEXES[key][0].objects.descendant_of(home).first()


class _Progress:
    """Says how far the import has got, at most every few seconds (a large site takes a
    minute or two, and a silent command looks stuck)."""

    def __init__(self, say, every: float = 3.0):
        self.say, self.every, self.last = say, every, time.perf_counter()

    def __call__(self, what: str, done: int, total: int, force: bool = False) -> None:
        now = time.perf_counter()
        if self.say and (force or now - self.last >= self.every):
            self.say(f"  {what}: {done} of {total}")
            self.last = now


def apply(
    plan: Plan, files: SiteFiles, owner=None, progress=None, site: Site | None = None
) -> Outcome:
    """Create what the plan lists. ``progress``, if given, is called with a line of text
    every few seconds while it works."""
    started = time.perf_counter()
    report = _Progress(progress)
    outcome = Outcome()
    site, home = _home(site)
    images = _Images(files, outcome)
    redirects: list[tuple[str, Page]] = []
    people_by_key: dict[str, PersonPage] = {}
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    if plan.people:
        index = _index(home, "people")
        existing = {p.slug: p for p in PersonPage.objects.child_of(index)}
        for done, item in enumerate(plan.people):
            report("people", done, len(plan.people))
            page = existing.get(item.slug)
            if page is None:
                role, _created = Role.objects.get_or_create(
                    name=item.role[:80],
                    locale=Locale.get_default(),
                    defaults={
                        "plural_name": f"{item.role[:78]}s",
                        "sort_order": ROLE_ORDER.get(item.role, 100),
                    },
                )
                page = PersonPage(
                    title=item.name[:255],
                    slug=item.slug,
                    given_names=item.given_names[:100],
                    family_name=item.family_name[:100],
                    role=role,
                    short_bio=item.short_bio[:400],
                    body=_stream(item.body, images),
                    email=item.email[:254],
                    website=item.website[:200],
                    orcid=item.orcid[:19],
                    google_scholar=item.google_scholar[:200],
                    github=item.github[:200],
                    linkedin=item.linkedin[:200],
                    name_variants="\n".join(item.aliases),
                    end_date=yesterday if item.former else None,
                    photo=images.get(item.photo),
                    career=_career(item),
                )
                page.interests.set(item.interests) if item.interests else None
                page = _save_person(index, page, owner, outcome, item.source)
                if page is None:
                    continue
                outcome.count("people")
                outcome.pages.append(page)
            else:
                outcome.count("people", created=False)
            for key in [item.slug, item.name, *item.keys]:
                people_by_key[key] = page
            redirects += [(url, page) for url in item.old_urls]

    if plan.publications:
        index = _index(home, "publications")
        report("publications", 0, len(plan.publications), force=True)
        drafts = [item.draft for item in plan.publications]
        bibtex.match_members(drafts)
        bibtex.mark_duplicates(drafts, index)
        result = import_drafts(drafts, index, owner=owner)
        outcome.created["publications"] = len(result.created)
        outcome.existing["publications"] = len(result.skipped)
        outcome.pages += result.created
        by_draft = {
            id(page_draft): page
            for page_draft, page in zip(
                [d for d in drafts if not d.errors and not d.duplicate_of and not d.repeats],
                result.created,
                strict=False,
            )
        }
        for item in plan.publications:
            page = by_draft.get(id(item.draft))
            if page is None and item.draft.duplicate_of:
                # An old address leads only to the work it showed: the same title, not merely
                # a record that shares an identifier with it.
                pk, shown = item.draft.duplicate_of
                if identity.titles_agree(title_key(item.draft.title), title_key(shown)):
                    page = Page.objects.filter(pk=pk).first()
            if page is not None:
                redirects += [(url, page) for url in item.old_urls]

    for done, item in enumerate(plan.pages):
        report("pages", done, len(plan.pages))
        if item.kind == "home":
            _fill_home(home, item, images, outcome)
            continue
        parent = home if item.kind == "page" else _index(home, item.kind)
        page = _same_page(parent, item)
        if page is not None:
            outcome.count(item.kind, created=False)
        else:
            page = _page_for(item, images, people_by_key)
            # A free page whose address the group's own sections hold (its "Research" page
            # beside the group's research themes) comes in beside them, not instead of them.
            page.slug = _free_slug(parent, page.slug)
            try:
                with transaction.atomic():
                    _add(parent, page, owner)
            except ValidationError as error:
                outcome.problems.append(
                    f"{item.source}: '{item.title}' not imported ({'; '.join(error.messages)})"
                )
                continue
            outcome.count(item.kind)
            outcome.pages.append(page)
        redirects += [(url, page) for url in item.old_urls]

    redirects += [(url, _index(home, kind)) for kind, url in plan.index_urls]
    for url, page in redirects:
        path = Redirect.normalise_path(url)
        if path in ("", "/"):
            continue
        _redirect, created = Redirect.objects.get_or_create(
            old_path=path, site=site, defaults={"redirect_page": page, "is_permanent": True}
        )
        outcome.count("redirects", created=created)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _fill_home(home: Page, item, images, outcome) -> None:
    """The old site's index page becomes the home page's text, if the home page has none
    yet: a second import, or an editor's own home page, is never overwritten."""
    home = home.specific
    body = getattr(home, "body", None)
    if body is None or len(body) or not item.body:
        outcome.count("home page text", created=False)
        return
    home.body = _stream(item.body, images)
    revision = home.save_revision()
    revision.publish()
    outcome.count("home page text")


def _summary(item) -> str:
    """Lists need a summary: the page's own, else its first sentences."""
    if item.summary:
        return item.summary[:500]
    text = " ".join(BeautifulSoup(item.body.text(), "html.parser").get_text(" ").split())
    if not text:
        return item.title[:500]
    sentences, summary = re.split(r"(?<=[.!?])\s+", text), ""
    for sentence in sentences:
        if len(summary) + len(sentence) > 300 and summary:
            break
        summary = f"{summary} {sentence}".strip()
    return summary[:497] + "…" if len(summary) > 500 else summary


def _alt(item) -> str:
    return (item.image.alt if item.image else "")[:200]


def _page_for(item, images: _Images, people: dict) -> Page:
    body = _stream(item.body, images)
    image = images.get(item.image)
    if item.kind == "news":
        page = NewsPage(
            title=item.title,
            slug=item.slug,
            date=item.date,
            body=body,
            summary=_summary(item),
            image=image,
            image_alt=_alt(item),
        )
        for tag in item.tags:
            page.tags.add(tag[:100])
        return page
    if item.kind == "talk":
        extra = item.extra
        today = timezone.localdate()
        page = ActivityPage(
            title=item.title,
            slug=item.slug,
            kind=extra.get("kind", "invited"),
            status="done" if item.date and item.date < today else "planned",
            event=extra.get("event", "")[:255],
            event_url=extra.get("event_url", "")[:200],
            location=extra.get("location", "")[:255],
            start_date=item.date,
            end_date=item.end_date if item.end_date and item.end_date >= item.date else None,
            date_precision=DatePrecision.YEAR if extra.get("year_only") else DatePrecision.DAY,
            abstract=item.summary or item.body.text()[:2000],
            slides_url=extra.get("slides_url", "")[:200]
            if extra.get("slides_url", "").startswith("http")
            else "",
            video_url=extra.get("video_url", "")[:200]
            if extra.get("video_url", "").startswith("http")
            else "",
        )
        page.involved = [
            ActivityPerson(person=people[key])
            if key in people
            else ActivityPerson(name=str(key)[:200])
            for key in item.people
        ]
        return page
    if item.kind == "project":
        today = timezone.localdate()
        status = "completed" if item.end_date and item.end_date < today else "active"
        return ProjectPage(
            title=item.title,
            slug=item.slug,
            summary=_summary(item),
            body=body,
            image=image,
            image_alt=_alt(item),
            status=status,
            start_date=item.date,
            end_date=item.end_date,
            date_precision=DatePrecision.YEAR
            if item.extra.get("year_only")
            else DatePrecision.MONTH,
        )
    if item.kind == "course":
        extra = item.extra
        year = item.date.year if item.date else timezone.localdate().year
        page = CoursePage(
            title=item.title,
            slug=item.slug,
            code=extra.get("code", "")[:40],
            term=extra.get("term", "")[:60],
            year=year,
            level=extra.get("level") or "other",
            institution=extra.get("institution", "")[:200],
            summary=_summary(item),
            body=body,
        )
        role = extra.get("role") or "lecturer"
        page.teachers = [
            CourseTeacher(person=people[key], role=role)
            if key in people
            else CourseTeacher(name=str(key)[:200], role=role)
            for key in item.people
        ]
        page.materials = [
            CourseMaterial(title=title, kind="other", url=url)
            for title, url in extra.get("materials", [])
        ]
        return page
    if item.kind == "theme":
        return ResearchThemePage(
            title=item.title,
            slug=item.slug,
            summary=_summary(item),
            body=body,
            image=image,
            image_alt=_alt(item),
        )
    return StandardPage(
        title=item.title, slug=item.slug, introduction=item.summary[:600], body=body
    )
