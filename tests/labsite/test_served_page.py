"""Routing through Wagtail's ``route()``, with labsite's one shortcut (labsite/served_page.py):
a child of a page that takes several types (the home page) is read in one query, its type
taken from a map of the children kept until the content changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from labsite.models import HomePage, NewsIndexPage, StandardPage
from labsite.pagecache import memo

pytestmark = pytest.mark.django_db


def page_reads(client, path):
    """How many queries answering ``path`` read pages (not the site's), and the response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if '"wagtailcore_page"."path"' in q["sql"]
        and not q["sql"].startswith('SELECT "wagtailcore_site"')  # the site, with its root
    ]
    return len(reads), response


def add_standard_page(slug, title):
    page = StandardPage(title=title, slug=slug)
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_child_of_the_home_page_is_read_in_one_query(client):
    add_standard_page("visiting", "Visiting the lab")
    client.get("/visiting/")  # the map of the home page's children is built once
    reads, response = page_reads(client, "/visiting/")
    assert response.status_code == 200
    assert "Visiting the lab" in response.content.decode()
    # Wagtail reads the site's root page as its type (one), then the child (one): not the
    # child's base row and then its specific row.
    assert reads == 2


def test_a_page_replaced_by_another_type_at_the_same_address_is_served(client):
    old = add_standard_page("visiting", "Visiting the lab")
    assert client.get("/visiting/").status_code == 200
    old.delete()
    assert client.get("/visiting/").status_code == 404
    index = NewsIndexPage(title="Visitors' guide", slug="visiting")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()
    response = client.get("/visiting/")
    assert response.status_code == 200
    assert "Visitors&#x27; guide" in response.content.decode()


def test_a_stale_map_costs_wagtails_own_route_never_a_wrong_page(client, monkeypatch):
    add_standard_page("visiting", "Visiting the lab")
    wrong_type = Page.objects.type(NewsIndexPage).first().content_type_id
    kept = memo.remember

    def stale(name, compute):
        if name.startswith("labsite:child-types:"):
            return {"visiting": wrong_type, "gone": wrong_type}
        return kept(name, compute)

    monkeypatch.setattr(memo, "remember", stale)
    response = client.get("/visiting/")
    assert response.status_code == 200
    assert "Visiting the lab" in response.content.decode()
    assert client.get("/gone/").status_code == 404


def test_a_draft_child_is_not_served(client):
    page = add_standard_page("visiting", "Visiting the lab")
    page.unpublish()
    assert client.get("/visiting/").status_code == 404
