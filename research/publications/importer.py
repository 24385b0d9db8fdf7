"""Creating publication pages from drafts: the one service behind the admin import, the
``import_bibtex`` command and "add by DOI/arXiv".

A batch is inserted in a handful of statements (research.publications.bulk_pages: the one
place that knows Wagtail's and treebeard's internals), because Wagtail's ``add_child`` costs
~25 ms a page; citation rendering, first revisions, search and reference indexing for the whole
batch then run as one background task. If the batch fails, entries are created one by one, each
in its own savepoint, so a failing entry never leaves half a publication behind and never stops
the others.
"""

import logging
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from people.profiles import credits
from research.publications import bulk_pages, tasks
from research.publications.bibtex import EntryDraft
from research.publications.citations import title_key
from research.publications.models import (
    PublicationAuthor,
    PublicationLink,
    PublicationPage,
    PublicationRelation,
    PublicationTag,
    RelationKind,
)
from research.publications.names import is_literal_name

logger = logging.getLogger(__name__)
BATCH_SIZE = 200


@dataclass
class ImportResult:
    created: list[PublicationPage] = field(default_factory=list)
    skipped: list[tuple[EntryDraft, str]] = field(default_factory=list)
    failed: list[tuple[EntryDraft, str]] = field(default_factory=list)


@dataclass
class _Prepared:
    draft: EntryDraft
    page: PublicationPage
    authors: list[PublicationAuthor]
    links: list[PublicationLink]


def _prepare(draft, status, index_page, paths, taken_slugs, owner, now, live=True) -> _Prepared:
    """A page with its tree position and children, ready to insert without further queries."""
    page = _page_from_draft(draft, status)
    page.slug = _unique_slug(draft.title, taken_slugs)
    bulk_pages.place_under(page, index_page, paths.allocate())
    page.live = live
    page.has_unpublished_changes = not live
    page.first_published_at = page.last_published_at = now if live else None
    page.owner = owner
    page.title_key = title_key(page.title)
    page._defer_citation = True
    authors = author_rows(draft.authors)
    links = [
        PublicationLink(kind=kind, url=url, sort_order=n)
        for n, (kind, url) in enumerate(draft.links)
    ]
    return _Prepared(draft, page, authors, links)


def author_rows(drafts) -> list[PublicationAuthor]:
    """Unsaved author rows, in order, from parsed author drafts (imports and pasted lists)."""
    rows = [
        PublicationAuthor(
            person_id=a.person_id,
            name="" if a.person_id else a.display_name[:200],
            bibtex_name=a.bibtex_name[:250],
            equal_contribution=a.equal_contribution,
            corresponding=a.corresponding,
            organisation=is_literal_name(a.bibtex_name),
            sort_order=n,
        )
        for n, a in enumerate(drafts)
    ]
    for row in rows:
        if not row.bibtex_name:
            row.fill_bibtex_name()
    return rows


def _insert_batch(prepared: list[_Prepared], tags) -> None:
    """Insert every page, author, link and tag of the batch in a handful of statements."""
    pages = [item.page for item in prepared]
    for batch_start in range(0, len(pages), BATCH_SIZE):
        bulk_pages.insert_pages(PublicationPage, pages[batch_start : batch_start + BATCH_SIZE])
    authors, links, tagged = [], [], []
    for item in prepared:
        for author in item.authors:
            author.page = item.page
        for link in item.links:
            link.page = item.page
        authors += item.authors
        links += item.links
        tagged += [
            PublicationTag(content_object=item.page, tag=tags[n.lower()])
            for n in _unique(item.draft.keywords)
        ]
    PublicationAuthor.objects.bulk_create(authors, batch_size=BATCH_SIZE)
    PublicationLink.objects.bulk_create(links, batch_size=BATCH_SIZE)
    PublicationTag.objects.bulk_create(tagged, batch_size=BATCH_SIZE)


def _reset(prepared: list[_Prepared]) -> None:
    """After a rolled-back batch: forget the primary keys the failed inserts handed out."""
    bulk_pages.forget_keys([item.page for item in prepared])
    for item in prepared:
        for child in item.authors + item.links:
            child.pk = None
            child._state.adding = True


def _insert_one_by_one(prepared: list[_Prepared], tags, result: ImportResult) -> None:
    """The careful path: one savepoint per entry, so a failing entry is skipped whole."""
    with transaction.atomic():
        for item in prepared:
            page = item.page
            try:
                with transaction.atomic():
                    page.save(clean=False, log_action=None)
                    for child in item.authors + item.links:
                        child.page = page
                    PublicationAuthor.objects.bulk_create(item.authors)
                    PublicationLink.objects.bulk_create(item.links)
                    PublicationTag.objects.bulk_create(
                        [
                            PublicationTag(content_object=page, tag=tags[n.lower()])
                            for n in _unique(item.draft.keywords)
                        ]
                    )
            except (IntegrityError, DatabaseError, ValueError) as error:
                logger.warning("Import of %s failed: %s", item.draft.key, error)
                result.failed.append((item.draft, f"could not be saved ({error})"))
                continue
            result.created.append(page)


def _finish_batch(index_page, created, owner, now) -> None:
    bulk_pages.log_creation(PublicationPage, created, owner, now, source="import")
    # The authors went in after their pages: store each page's author line now, before any
    # list shows it (people.profiles.credits).
    credits.refresh(PublicationPage.objects.filter(pk__in=[page.pk for page in created]))
    Page.objects.filter(pk=index_page.pk).update(numchild=F("numchild") + len(created))


def _submit_for_review(pages: list[PublicationPage], owner) -> None:
    for page in pages:
        # Creation is already in the page's history (log_creation); the revision adds no entry.
        page.save_revision(user=owner, log_action=False)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, owner)


def _unique_slug(base: str, taken: set[str]) -> str:
    base = (slugify(base)[:70].strip("-")) or "publication"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def _page_from_draft(draft: EntryDraft, status: str | None) -> PublicationPage:
    return PublicationPage(
        title=draft.title[:255],
        draft_title=draft.title[:255],
        publication_type=draft.publication_type,
        status=status or draft.status,
        year=draft.year,
        month=draft.month,
        venue=draft.venue,
        volume=draft.volume,
        issue=draft.issue,
        pages=draft.pages,
        publisher=draft.publisher,
        doi=draft.doi,
        arxiv_id=draft.arxiv_id,
        isbn=draft.isbn,
        version=draft.version[:60],
        swhid=draft.swhid[:300],
        abstract=draft.abstract,
        note=draft.note,
        selected=draft.selected,
        bibtex_key=draft.key[:200],
    )


def import_drafts(
    drafts: list[EntryDraft],
    index_page,
    status: str | None = None,
    owner=None,
    for_review: bool = False,
    as_drafts: bool = False,
) -> ImportResult:
    """Create a live publication for every new, error-free draft; report the rest.

    ``as_drafts``: the pages are saved unpublished, for an editor to check and publish one by one.

    ``for_review``: the pages are drafts, each sent into the site's review workflow by
    ``owner`` (a member bringing in their own papers); a site editor's approval publishes them.
    """
    result = ImportResult()
    to_create = []
    for draft in drafts:
        if draft.errors:
            result.failed.append((draft, "; ".join(draft.errors)))
        elif draft.duplicate_of or draft.repeats:
            result.skipped.append((draft, draft.duplicate_reason))
        else:
            to_create.append(draft)
    if not to_create:
        return result

    index_page = Page.objects.get(pk=index_page.pk)
    tags = _tags_for(to_create)
    paths = bulk_pages.PathAllocator(index_page)
    taken_slugs = set(index_page.get_children().values_list("slug", flat=True))
    now = timezone.now()
    prepared = [
        _prepare(
            draft,
            status,
            index_page,
            paths,
            taken_slugs,
            owner,
            now,
            live=not (for_review or as_drafts),
        )
        for draft in to_create
    ]
    if for_review:
        # A member's own papers: a handful, each given its revision and its place in the
        # workflow as the page editor's "Submit for review" would.
        _insert_one_by_one(prepared, tags, result)
        with transaction.atomic():
            _finish_batch(index_page, result.created, owner, now)
            _submit_for_review(result.created, owner)
        tasks.finish_import.enqueue([page.pk for page in result.created])
        return result
    # Bulk inserts send no signals, so nothing is indexed per page; the careful path's saves do
    # index their page for search (the only per-request state switched off is Wagtail's
    # thread-local reference-index flag, for this thread alone).
    with disable_reference_index_auto_update():
        try:
            with transaction.atomic():
                _insert_batch(prepared, tags)
                result.created = [item.page for item in prepared]
                _link_versions(prepared, result.created)
                _finish_batch(index_page, result.created, owner, now)
        except (IntegrityError, DatabaseError, ValueError) as error:
            logger.warning("Batch import failed (%s); importing entry by entry", error)
            _reset(prepared)
            result.created = []
            _insert_one_by_one(prepared, tags, result)
            with transaction.atomic():
                _link_versions(prepared, result.created)
                _finish_batch(index_page, result.created, owner, now)
    ids = [page.pk for page in result.created]
    # With the database task backend the task row joins any surrounding transaction, so a
    # worker never sees it before the pages exist; in-process it simply runs now.
    tasks.finish_import.enqueue(ids)
    return result


def _link_versions(prepared: list[_Prepared], created: list[PublicationPage]) -> None:
    """A preprint and its article (identity.versions) are linked from the new page, before its
    first revision is saved so that the link is part of it. A page already on the site is not
    changed behind its editors' backs: the new page links to it, not the other way round."""
    made = {id(p) for p in created}
    by_key = {item.draft.key: item.page for item in prepared if id(item.page) in made}
    relations = []
    for item in prepared:
        if id(item.page) not in made:
            continue
        other_pk = (
            item.draft.version_of[0]
            if item.draft.version_of
            else getattr(by_key.get(item.draft.version_of_key), "pk", None)
        )
        if not other_pk:
            continue
        preprint = item.draft.publication_type == "preprint" or bool(
            item.draft.arxiv_id and not item.draft.doi
        )
        kind = RelationKind.PUBLISHED_VERSION if preprint else RelationKind.PREPRINT_VERSION
        relations.append(PublicationRelation(page=item.page, related_id=other_pk, kind=kind))
        other = by_key.get(item.draft.version_of_key)
        if other is not None:
            back = RelationKind.PREPRINT_VERSION if preprint else RelationKind.PUBLISHED_VERSION
            relations.append(PublicationRelation(page=other, related=item.page, kind=back))
    if relations:
        PublicationRelation.objects.bulk_create(relations)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def _tags_for(drafts: list[EntryDraft]) -> dict[str, Tag]:
    """Every keyword of the batch as a taggit Tag, created once (keyed by lower-case name)."""
    names = {n.lower(): n[:100] for d in drafts for n in d.keywords}
    existing = {t.name.lower(): t for t in Tag.objects.filter(name__in=list(names.values()))}
    for key, name in names.items():
        if key not in existing:
            existing[key] = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(
                name=name
            )
    return existing
