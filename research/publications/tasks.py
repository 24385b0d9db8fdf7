"""Background work for publications (django-tasks: in-process by default, a worker in production)."""

from django.db import connection, transaction
from django_tasks import task
from wagtail.models import ReferenceIndex, Site
from wagtail.search.backends import get_search_backend

from research.publications import bulk_pages, citations
from research.publications.models import PublicationPage, publications_with_authors
from research.publications.site_settings import PublicationSettings


@task()
def refresh_citations(page_ids: list[int], style_key: str | None = None) -> int:
    """Re-render stored citations for these publications; returns how many were updated."""
    updated = []
    pages = publications_with_authors().filter(pk__in=page_ids).prefetch_related("links__document")
    for page in pages:
        citations.refresh(
            page, style_key or citations.site_style_for(page), list(page.authors.all())
        )
        page.refresh_listing_fields()
        updated.append(page)
    with transaction.atomic():
        PublicationPage.objects.bulk_update(
            updated,
            [
                "csl_json",
                "citation_html",
                "citation_text",
                "citation_style",
                "link_chips",
                "bibtex_text",
            ],
            batch_size=200,
        )
    return len(updated)


@task()
def refresh_site_citations(site_id: int) -> int:
    """Re-render every publication of a site after its citation style changed."""
    site = Site.objects.get(pk=site_id)
    style = PublicationSettings.for_site(site).citation_style
    ids = list(PublicationPage.objects.descendant_of(site.root_page).values_list("pk", flat=True))
    return refresh_citations.call(ids, style)


@task()
def index_publications(page_ids: list[int]) -> int:
    """Search-index and reference-index publications created in bulk (imports skip it per page)."""
    pages = list(PublicationPage.objects.filter(pk__in=page_ids).prefetch_related("authors"))
    get_search_backend().add_bulk(PublicationPage, pages)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    refresh_planner_statistics(len(pages))
    return len(pages)


def refresh_planner_statistics(added: int) -> None:
    """After a large import on PostgreSQL, let the planner see the new rows at once.

    Until autovacuum's next ANALYZE the planner believes the page tree is nearly empty and
    searches by looping over every page (measured: 250 ms instead of 30 ms per search with
    5,000 new publications; bench/bench_search.py).
    """
    if connection.vendor == "postgresql" and added >= 200:
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE wagtailcore_page, research_publicationpage, wagtailsearch_indexentry"
            )


@task()
def finish_import(page_ids: list[int]) -> int:
    """After a bulk import: format citations, then index the new publications for search and usage."""
    refresh_citations.call(page_ids)
    record_initial_revisions(page_ids)
    return index_publications.call(page_ids)


def record_initial_revisions(page_ids: list[int]) -> None:
    """Give bulk-imported pages the first revision the admin's history and editing expect."""
    pages = list(
        PublicationPage.objects.filter(
            pk__in=page_ids, latest_revision__isnull=True
        ).prefetch_related("authors")
    )
    bulk_pages.record_initial_revisions(PublicationPage, pages)
