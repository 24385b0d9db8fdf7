"""Finding works, telling members about them, and turning a yes into a publication."""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from labsite.mail.delivery import queue_email
from people.profiles.models import PersonPage
from research.incoming import sources
from research.incoming.models import IncomingStatus, IncomingWork
from research.publications import bibtex
from research.publications.bibtex import AuthorDraft, EntryDraft
from research.publications.importer import import_drafts
from research.publications.metadata import MetadataError, fetch_doi
from research.publications.models import PublicationPage
from research.publications.views import importer_for

logger = logging.getLogger(__name__)
EMAIL_LIST_LENGTH = 10


@dataclass
class Checked:
    new: list[IncomingWork] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def watched_people():
    return PersonPage.objects.filter(Q(watch_arxiv=True) | ~Q(orcid="")).select_related(
        "member_user"
    )


def check(person: PersonPage) -> Checked:
    """Ask ORCID and arXiv for the person's works and queue those not seen before."""
    checked = Checked()
    found: list[sources.Found] = []
    if person.orcid:
        try:
            found += sources.fetch_orcid_works(person.orcid)
        except MetadataError as error:
            checked.problems.append(f"ORCID: {error}")
    if person.watch_arxiv:
        try:
            found += sources.fetch_arxiv_author(person.given_names, person.family_name)
        except MetadataError as error:
            checked.problems.append(f"arXiv: {error}")
    checked.new = store(person, found)
    return checked


def store(person: PersonPage, found: list[sources.Found]) -> list[IncomingWork]:
    """Queue the works not queued before (by their source's ID, and an arXiv preprint not
    when the ORCID record already brought the same paper)."""
    queued = IncomingWork.objects.filter(person=person)
    seen = set(queued.values_list("source", "external_id"))
    known_arxiv = set(queued.exclude(arxiv_id="").values_list("arxiv_id", flat=True))
    known_doi = set(queued.exclude(doi="").values_list("doi", flat=True))
    new = []
    for work in found:
        if (work.source, work.external_id) in seen:
            continue
        if work.source == "arxiv" and (
            work.arxiv_id in known_arxiv or (work.doi and work.doi in known_doi)
        ):
            continue
        seen.add((work.source, work.external_id))
        known_arxiv.add(work.arxiv_id) if work.arxiv_id else None
        known_doi.add(work.doi) if work.doi else None
        new.append(
            IncomingWork(
                person=person,
                source=work.source,
                external_id=work.external_id[:100],
                title=work.title,
                title_key=work.title_key[:500],
                year=work.year,
                month=work.month,
                venue=work.venue,
                work_type=work.work_type[:40],
                doi=work.doi[:200],
                arxiv_id=work.arxiv_id[:40],
                url=work.url[:500],
                authors=work.authors[:200],
                abstract=work.abstract,
            )
        )
    IncomingWork.objects.bulk_create(new, ignore_conflicts=True)
    return new


def on_site(works) -> dict[int, PublicationPage]:
    """For each work already among the publications (same DOI, arXiv ID, or title and
    year): that publication. Two queries however many works."""
    works = list(works)
    dois = {w.doi for w in works if w.doi}
    arxiv = {w.arxiv_id for w in works if w.arxiv_id}
    keys = {w.title_key for w in works if w.title_key}
    pages = PublicationPage.objects.filter(
        Q(doi__in=dois) | Q(arxiv_id__in=arxiv) | Q(title_key__in=keys)
    ).only("pk", "title", "doi", "arxiv_id", "title_key", "year", "url_path")
    by_doi, by_arxiv, by_title = {}, {}, {}
    for page in pages:
        if page.doi:
            by_doi[page.doi] = page
        if page.arxiv_id:
            by_arxiv[
                page.arxiv_id.split("v")[0] if "v" in page.arxiv_id[-3:] else page.arxiv_id
            ] = page
        by_title[(page.title_key, page.year)] = page
    matches = {}
    for work in works:
        page = (
            (by_doi.get(work.doi) if work.doi else None)
            or (by_arxiv.get(work.arxiv_id) if work.arxiv_id else None)
            or by_title.get((work.title_key, work.year))
        )
        if page is not None:
            matches[work.pk] = page
    return matches


def may_review(user, person_id: int) -> bool:
    importer = importer_for(user)
    return importer is not None and (not importer.for_review or importer.member == person_id)


def draft_for(work: IncomingWork) -> EntryDraft:
    """The publication's details: the DOI's full record when doi.org answers, else what the
    source gave (with the member as author when the source names no authors)."""
    if work.doi:
        try:
            draft = fetch_doi(work.doi)
            if not draft.errors:
                return draft
        except MetadataError as error:
            logger.info(
                "DOI %s not fetched (%s); using the %s record", work.doi, error, work.source
            )
    draft = EntryDraft(key=f"{work.source}:{work.external_id}", line=0)
    draft.title = work.title
    draft.year, draft.month = work.year, work.month
    draft.venue = work.venue or ("arXiv" if work.arxiv_id and not work.doi else "")
    draft.doi, draft.arxiv_id = work.doi, work.arxiv_id
    from research.incoming.zotero import ZOTERO_TYPES

    draft.publication_type = (
        sources.ORCID_TYPES.get(work.work_type) or ZOTERO_TYPES.get(work.work_type) or "article"
    )
    draft.abstract = work.abstract
    names = work.authors or [work.person.citation_name or work.person.title]
    draft.authors = [AuthorDraft(bibtex_name=name, display_name=name) for name in names]
    if work.url and not work.url.startswith("https://arxiv.org/abs/"):
        draft.links.append(("publisher", work.url))
    if draft.year is None:
        draft.errors.append("its record has no year; add the publication by hand instead")
    return draft


class NotApproved(Exception):
    pass


def approve(work: IncomingWork, user) -> PublicationPage:
    importer = importer_for(user)
    if importer is None or (importer.for_review and importer.member != work.person_id):
        raise PermissionDenied
    existing = on_site([work]).get(work.pk)
    if existing is None:
        draft = draft_for(work)
        bibtex.match_members([draft])
        if not any(a.person_id == work.person_id for a in draft.authors):
            # The record is the person's own: the author with their family name is them.
            family = work.person.family_name.lower()
            for author in draft.authors:
                if author.person_id is None and family and family in author.bibtex_name.lower():
                    author.person_id = work.person_id
                    break
        if draft.errors:
            raise NotApproved("; ".join(draft.errors))
        bibtex.mark_duplicates([draft], importer.index)
        result = import_drafts([draft], importer.index, owner=user, for_review=importer.for_review)
        if result.failed:
            raise NotApproved(result.failed[0][1])
        existing = (
            result.created[0]
            if result.created
            else PublicationPage.objects.get(pk=draft.duplicate_of[0])
        )
    _decide(work, IncomingStatus.APPROVED, user, existing)
    return existing


def dismiss(work: IncomingWork, user) -> None:
    if not may_review(user, work.person_id):
        raise PermissionDenied
    _decide(work, IncomingStatus.DISMISSED, user)


def _decide(work, status, user, publication=None) -> None:
    work.status = status
    work.decided_at = timezone.now()
    work.decided_by = user
    work.publication = publication
    work.save(update_fields=["status", "decided_at", "decided_by", "publication"])


def check_everyone() -> str:
    """The weekly job: check every watched person, then email each member their new works."""
    people = list(watched_people())
    found = problems = 0
    for person in people:
        checked = check(person)
        found += len(checked.new)
        problems += len(checked.problems)
        for problem in checked.problems:
            logger.warning("Works of %s: %s", person.title, problem)
    from research.incoming.models import ZoteroLibrary
    from research.incoming.zotero import check_library

    libraries = list(ZoteroLibrary.objects.select_related("reviewer"))
    for library in libraries:
        try:
            found += check_library(library)
        except MetadataError as error:
            problems += 1
            logger.warning("Zotero library %s: %s", library.name, error)
    emails = notify()
    return (
        f"checked {len(people)} people and {len(libraries)} Zotero libraries: {found} new works, "
        f"{emails} emails, {problems} problems"
    )


def notify() -> int:
    """One short email per member with works they have not been told about."""
    pending = (
        IncomingWork.objects.filter(status=IncomingStatus.NEW, notified=False)
        .exclude(person__member_user__isnull=True)
        .exclude(person__member_user__email="")
        .select_related("person", "person__member_user")
        .order_by("person_id", "-year", "title")
    )
    by_person: dict[int, list[IncomingWork]] = {}
    for work in pending:
        by_person.setdefault(work.person_id, []).append(work)
    sent = 0
    for works in by_person.values():
        person = works[0].person
        matches = on_site(works)
        fresh = [w for w in works if w.pk not in matches]
        with transaction.atomic():
            if fresh:
                queue_email(
                    to=[person.member_user.email],
                    subject=f"{len(fresh)} new work{'s' if len(fresh) != 1 else ''} to review for your publication list",
                    template="research/email/incoming_works",
                    context={
                        "person": person,
                        "works": fresh[:EMAIL_LIST_LENGTH],
                        "more": max(0, len(fresh) - EMAIL_LIST_LENGTH),
                        "review_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                        + reverse("research_incoming_works"),
                    },
                    source="incoming-works",
                    purpose="works to review",
                )
                sent += 1
            IncomingWork.objects.filter(pk__in=[w.pk for w in works]).update(notified=True)
    return sent
