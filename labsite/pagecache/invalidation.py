"""What makes stored pages stale: any saved or deleted content that a public page can show.

Connected once in ``LabsiteConfig.ready()``. A change bumps its scope's generation at once (so
this process never serves a stale copy, even inside the editor's transaction) and again when
the transaction commits (so a copy stored by another request in between, from the old data,
is dropped too); then a reverse proxy in front, if configured, is purged for the sites the
change can show on (``labsite.pagecache.purge``). A change in one group's site leaves the
other groups' stored pages alone (``labsite.pagecache.scopes``).

Apps declare their private models (applications, subscribers, the outbox…) with
``private_models.register("app_label.ModelName")``: saving those changes no public page.
Derived rows (image renditions) change nothing either: they are made for what is already shown.
"""

import functools
import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from labsite.pagecache import generation, purge, scopes
from labsite.registry import Registry

#: Apps whose models hold what public pages show; the core's and Wagtail's that matter.
CONTENT_APPS = {"labsite", "people", "research", "taggit", "wagtailimages", "wagtaildocs"}
WAGTAIL_CONTENT_MODELS = {
    "wagtailcore.page",
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
}
#: Rows made from content, never content themselves.
DERIVED_MODELS = {"wagtailimages.rendition"}

#: A page saved with only these fields is a draft being saved: the live page is unchanged.
DRAFT_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "wagtail_admin_comments",
}

private_models: Registry[str] = Registry(key=lambda label: label)

#: Per thread: how many changes were recorded, and what the callbacks of the last commit
#: already did (a publish saves many rows, each registers a callback; one purge suffices).
_local = threading.local()
EVERY_SITE = frozenset({"every site"})


def content_changed(site_ids: set[int] | None = None) -> None:
    """Call after changing content without model signals (bulk inserts, raw SQL): ``site_ids``
    are the sites it can show on, None (the default) for any."""
    _bump(site_ids)
    _local.changes = getattr(_local, "changes", 0) + 1
    sites = EVERY_SITE if site_ids is None else frozenset(site_ids)
    transaction.on_commit(functools.partial(_after_commit, sites))


def _bump(site_ids) -> None:
    if site_ids is None or site_ids is EVERY_SITE:
        generation.bump(generation.EVERYTHING)
        return
    for site_id in site_ids:
        generation.bump(generation.site_scope(site_id))
    generation.bump(generation.ANY_SITE)


def _after_commit(sites: frozenset) -> None:
    # The callbacks of one commit run one after the other with no change recorded between
    # them: those that repeat what an earlier one did are skipped.
    changes = getattr(_local, "changes", 0)
    burst, done = getattr(_local, "done", (None, frozenset()))
    if burst != changes:
        done = frozenset()
    if done == EVERY_SITE or (sites != EVERY_SITE and sites <= done):
        return
    todo = sites if sites == EVERY_SITE else sites - done
    _local.done = (changes, EVERY_SITE if todo == EVERY_SITE else done | todo)
    _bump(todo)
    purge.purge_sites(None if todo == EVERY_SITE else set(todo))


def _is_content(model) -> bool:
    meta = model._meta
    if meta.label_lower in DERIVED_MODELS:
        return False
    if meta.label_lower in WAGTAIL_CONTENT_MODELS:
        return True
    return meta.app_label in CONTENT_APPS and meta.label not in private_models


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _is_content(sender):
        return
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    content_changed(scopes.sites_of(instance))


def _deleted(sender, instance, **kwargs):
    if _is_content(sender):
        content_changed(scopes.sites_of(instance))


def _relations_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_content(type(instance)):
        content_changed(scopes.sites_of(instance))


def _page_event(sender, instance, **kwargs):
    content_changed(scopes.sites_of(instance))


def _page_moved(sender, instance, url_path_before="", **kwargs):
    before = scopes.sites_of_path(url_path_before)
    after = scopes.sites_of(instance)
    content_changed(None if before is None or after is None else before | after)


def connect() -> None:
    post_save.connect(_saved, dispatch_uid="labsite.pagecache.saved")
    post_delete.connect(_deleted, dispatch_uid="labsite.pagecache.deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="labsite.pagecache.m2m")
    for signal in (page_published, page_unpublished):
        signal.connect(_page_event, dispatch_uid=f"labsite.pagecache.{id(signal)}")
    post_page_move.connect(_page_moved, dispatch_uid="labsite.pagecache.moved")
