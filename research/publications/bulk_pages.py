"""Creating many pages at once.

Wagtail's public way to create a page (``parent.add_child(instance=page)`` then
``page.save_revision()``) costs about 25 ms a page; importing a group's 1,000 publications
that way takes most of a minute. Pages are inserted straight into the tree instead:

- the children's materialised paths from treebeard (``labsite.adapters.treebeard``, the one
  part that needs a library's internals);
- the shared ``wagtailcore_page`` rows with ``bulk_create``, then the page type's own rows with
  one ``executemany`` built from the model's public field API (Django's ``bulk_create`` does
  not take multi-table models);
- the ``Revision`` and ``PageLogEntry`` rows ``save_revision`` would have written, in bulk.

tests/research/test_bulk_pages.py compares the result with Wagtail's own ``add_child``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from labsite.adapters import treebeard
from labsite.pagecache import scopes
from labsite.pagecache.invalidation import content_changed


class PathAllocator:
    """Hands out consecutive materialised paths below ``parent`` (treebeard's scheme)."""

    def __init__(self, parent: Page):
        self.parent = parent
        last = parent.get_last_child()
        self.next_step = treebeard.step_of(last.path) + 1 if last else 1

    def allocate(self) -> str:
        step = self.next_step
        self.next_step += 1
        return treebeard.child_path(self.parent.path, self.parent.depth + 1, step)


def place_under(page: Page, parent: Page, path: str) -> None:
    """Give an unsaved page its position as the last child of ``parent``."""
    page.path = path
    page.depth = parent.depth + 1
    page.numchild = 0
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.locale_id = parent.locale_id
    treebeard.remember_parent(page, parent)  # no parent query on save


def insert_pages(model, pages: list[Page]) -> None:
    """Insert ``pages`` (all of ``model``, a direct Page subclass) in two statements.

    The shared wagtailcore_page rows go in with ``bulk_create``, which sets each primary
    key; the model's own table rows then go in raw with the same keys.
    """
    Page.objects.bulk_create(pages)
    for page in pages:
        page.page_ptr_id = page.id  # the subclass's primary key is page_ptr, Page's is id
        page._state.adding = False
        page._state.db = "default"
    _insert_own_rows(model, pages)
    # Bulk inserts send no save signals: tell the page cache (and the proxy) ourselves.
    content_changed(scopes.sites_of_path(pages[0].url_path) if pages else set())


def _insert_own_rows(model, pages: list[Page]) -> None:
    """The rows of ``model``'s own table for ``pages``, whose Page rows exist: one statement."""
    fields = list(model._meta.local_concrete_fields)
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    rows = [
        [field.get_db_prep_save(field.pre_save(page, True), connection) for field in fields]
        for page in pages
    ]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def forget_keys(pages: list[Page]) -> None:
    """After a rolled-back insert: make the pages unsaved again."""
    for page in pages:
        page.pk = page.id = page.page_ptr_id = None
        page._state.adding = True


def log_creation(model, pages: list[Page], owner, when, source: str) -> None:
    """The 'created' entries of the pages' history, one insert for the whole batch."""
    content_type = ContentType.objects.get_for_model(model)
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page=page,
                content_type=content_type,
                label=page.title,
                action="wagtail.create",
                timestamp=when,
                user=owner,
                content_changed=True,
                data={"source": source},
            )
            for page in pages
        ]
    )


def record_initial_revisions(model, pages: list[Page]) -> None:
    """The first revision ``save_revision`` would have made, for pages that have none yet,
    marked as the latest revision, and as the live one for pages that are live (an import
    saved as drafts has no live revision: nothing of it is published)."""
    page_type = ContentType.objects.get_for_model(model)
    base_type = ContentType.objects.get_for_model(Page)
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=page_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                object_str=page.title,
                content=page.serializable_data(),
                user=page.owner,
                created_at=now,
            )
            for page in pages
        ]
    )
    for page, revision in zip(pages, revisions, strict=True):
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision if page.live else None
        )
