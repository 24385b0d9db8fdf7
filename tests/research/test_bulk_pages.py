"""The bulk page adapter (research.publications.bulk_pages) leans on private Wagtail, treebeard
and Django pieces. These tests pin each of them against the installed versions, so an upgrade
that changes one fails here, loudly, instead of corrupting a page tree during an import."""

import inspect

import pytest
from django.db.models.query import QuerySet
from wagtail.models import Page, Revision

from research.publications import bulk_pages
from research.publications.index_page import PublicationIndexPage
from research.publications.models import PublicationPage

pytestmark = pytest.mark.django_db


def test_the_private_pieces_still_exist_with_the_shape_used():
    assert Page.steplen == 4 and Page.alphabet == "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert list(inspect.signature(Page._get_path).parameters) == ["path", "depth", "newstep"]
    assert Page._str2int("000Z") == 35 and Page._int2str(35) == "Z"
    assert "raw" in inspect.signature(QuerySet._insert).parameters
    assert PublicationPage._meta.get_parent_list() == [Page]  # one parent table, no more
    required = {
        f.name
        for f in Revision._meta.concrete_fields
        if not (f.null or f.has_default() or f.primary_key or getattr(f, "auto_now_add", False))
    }
    # Every field a Revision needs is one record_initial_revisions sets.
    assert required <= {
        "content_type", "base_content_type", "object_id", "object_str", "content", "created_at",
    }  # fmt: skip


def _new_pages(index, titles):
    paths = bulk_pages.PathAllocator(index)
    pages = []
    for title in titles:
        page = PublicationPage(title=title, draft_title=title, year=2024, live=True)
        page.slug = title.lower().replace(" ", "-")
        bulk_pages.place_under(page, index, paths.allocate())
        pages.append(page)
    return pages


def test_bulk_inserted_pages_form_a_valid_tree_that_wagtail_can_work_with(admin_client_logged_in):
    index = PublicationIndexPage.objects.get()
    before = index.get_children().count()
    pages = _new_pages(index, ["Bulk one", "Bulk two", "Bulk three"])
    bulk_pages.insert_pages(PublicationPage, pages)
    Page.objects.filter(pk=index.pk).update(numchild=before + 3)
    bulk_pages.record_initial_revisions(PublicationPage, pages)

    # treebeard's own consistency check finds nothing wrong.
    assert all(not problems for problems in Page.find_problems())
    index.refresh_from_db()
    assert [p.title for p in index.get_children()][-3:] == ["Bulk one", "Bulk two", "Bulk three"]
    # Wagtail's public API works on them as on any page: a normal child goes after them.
    normal = index.add_child(instance=PublicationPage(title="Added normally", year=2024))
    assert normal.path > pages[-1].path
    for page in pages:
        fresh = PublicationPage.objects.get(pk=page.pk)
        assert fresh.latest_revision is not None and fresh.live_revision == fresh.latest_revision
        assert fresh.latest_revision.as_object().title == page.title
        assert admin_client_logged_in.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
        assert admin_client_logged_in.get(fresh.url).status_code == 200


def test_a_failed_batch_can_be_retried_after_forgetting_its_keys():
    index = PublicationIndexPage.objects.get()
    pages = _new_pages(index, ["Retry me"])
    bulk_pages.insert_pages(PublicationPage, pages)
    PublicationPage.objects.filter(pk=pages[0].pk).delete()
    bulk_pages.forget_keys(pages)
    assert pages[0].pk is None and pages[0]._state.adding
    pages[0].save()
    assert PublicationPage.objects.filter(title="Retry me").count() == 1


def test_an_import_does_not_switch_off_search_indexing_for_other_saves(monkeypatch):
    """The importer once disconnected the search index's post_save handler for the whole
    process during a batch; another request's save in that window went unindexed."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler

    from research.publications import importer
    from research.publications.bibtex import parse

    seen = []
    real_insert = bulk_pages.insert_pages

    def spy(model, pages):
        receivers = post_save._live_receivers(PublicationPage)[0]
        seen.append(post_save_signal_handler in receivers)
        return real_insert(model, pages)

    monkeypatch.setattr(importer.bulk_pages, "insert_pages", spy)
    drafts = parse("@article{spy, author={Doe, Jane}, title={Spy}, year={2024}}")
    result = importer.import_drafts(drafts, PublicationIndexPage.objects.get())
    assert len(result.created) == 1
    assert seen == [True], "search indexing must stay on for every other save meanwhile"
