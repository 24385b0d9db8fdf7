"""What makes stored pages stale: any saved or deleted content that a public page can show.

Connected once in ``LabsiteConfig.ready()``. A change bumps the generation at once (so this
process never serves a stale copy, even inside the editor's transaction) and again when the
transaction commits (so a copy stored by another request in between, from the old data, is
dropped too); then a reverse proxy in front, if configured, is purged.

Apps declare their private models (applications, subscribers, the outbox…) with
``private_models.register("app_label.ModelName")``: saving those changes no public page.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from labsite.pagecache import generation
from labsite.registry import Registry

logger = logging.getLogger(__name__)

#: Apps whose models hold what public pages show; the core's and Wagtail's that matter.
CONTENT_APPS = {"labsite", "people", "research", "taggit", "wagtailimages", "wagtaildocs"}
WAGTAIL_CONTENT_MODELS = {
    "wagtailcore.page",
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
}

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


def content_changed() -> None:
    """Call after changing content without model signals (bulk inserts, raw SQL)."""
    generation.bump()
    connection = transaction.get_connection()
    # One publish saves many rows: purge once per transaction. (The queue is the one Django's
    # own TestCase.captureOnCommitCallbacks reads; a rolled-back transaction empties it.)
    if any(entry[1] is _after_commit for entry in connection.run_on_commit):
        return
    transaction.on_commit(_after_commit)


def _after_commit() -> None:
    generation.bump()
    purge_proxy()


def purge_proxy() -> None:
    """Ask the reverse proxy to drop every site's pages (the VCL bans a host on any PURGE)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        purge_urls_from_cache([f"{site.root_url}/" for site in Site.objects.all()])
    except Exception:  # a proxy that is down must not fail the editor's save
        logger.exception("Could not purge the reverse proxy; pages expire by themselves")


def _is_content(model) -> bool:
    meta = model._meta
    if meta.label_lower in WAGTAIL_CONTENT_MODELS:
        return True
    return meta.app_label in CONTENT_APPS and meta.label not in private_models


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _is_content(sender):
        return
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    content_changed()


def _deleted(sender, **kwargs):
    if _is_content(sender):
        content_changed()


def _relations_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_content(type(instance)):
        content_changed()


def _page_event(sender, **kwargs):
    content_changed()


def connect() -> None:
    post_save.connect(_saved, dispatch_uid="labsite.pagecache.saved")
    post_delete.connect(_deleted, dispatch_uid="labsite.pagecache.deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="labsite.pagecache.m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_event, dispatch_uid=f"labsite.pagecache.{id(signal)}")
