"""An edit in one group's site drops that site's stored pages and the pages that list every
group (a department's front page), and leaves the other groups' stored pages served; a new
image rendition drops nothing."""

import pytest
import wagtail_factories

from labsite.models import HomePage
from labsite.pagecache import generation, scopes
from tests.factories import PublicationPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def visit(client, host, path="/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path)
    return response["X-Page-Cache"]


@pytest.fixture
def department(two_groups, tree):
    """The default site's home lists every group's publications; each group has a page."""
    ocean, glacier = two_groups
    home = HomePage.objects.get(pk=tree.home.pk)
    home.body.append(("latest", {"section": "department_publications", "heading": "", "count": 5}))
    home.save_revision().publish()
    for group in (ocean, glacier):
        StandardPageFactory(
            parent=group.home, title="About", slug="about"
        ).save_revision().publish()
    return ocean, glacier


ADDRESSES = [
    ("ocean.localhost", "/"),
    ("ocean.localhost", "/about/"),
    ("glacier.localhost", "/"),
    ("glacier.localhost", "/about/"),
    ("testserver", "/"),  # the department's front page (the default site)
]


def stored(client):
    for host, path in ADDRESSES:
        visit(client, host, path)
    return {(host, path): visit(client, host, path) for host, path in ADDRESSES}


def test_an_edit_in_one_group_leaves_the_other_groups_pages_hits(client, page_cache, department):
    ocean, glacier = department
    assert set(stored(client).values()) == {"hit"}
    about = ocean.home.get_children().get(slug="about").specific
    about.title = "About the Ocean Lab"
    about.save_revision().publish()
    after = {(host, path): visit(client, host, path) for host, path in ADDRESSES}
    assert after == {
        ("ocean.localhost", "/"): "miss",
        ("ocean.localhost", "/about/"): "miss",
        ("glacier.localhost", "/"): "hit",
        ("glacier.localhost", "/about/"): "hit",
        ("testserver", "/"): "miss",  # it lists every group's publications
    }


def test_a_new_publication_in_one_group_shows_on_the_department_page(
    client, page_cache, department
):
    _ocean, glacier = department
    stored(client)
    index = glacier.home.get_children().get(slug="publications").specific
    PublicationPageFactory(
        parent=index, title="Crevasse acoustics", year=2026
    ).save_revision().publish()
    page = client.get("/", HTTP_HOST="testserver")
    assert page["X-Page-Cache"] == "miss" and "Crevasse acoustics" in page.content.decode()
    assert visit(client, "ocean.localhost", "/about/") == "hit"


def test_a_change_no_site_owns_drops_every_stored_page(client, page_cache, department):
    stored(client)
    wagtail_factories.ImageFactory(title="A shared picture")  # any group may show it
    assert {visit(client, host, path) for host, path in ADDRESSES} == {"miss"}


def test_a_new_rendition_drops_no_stored_page(client, page_cache, department):
    image = wagtail_factories.ImageFactory(title="Reef at dusk")
    assert set(stored(client).values()) == {"hit"}
    image.get_rendition("fill-300x200")  # a first visitor's picture, say
    image.get_rendition("width-800|format-webp")
    assert {visit(client, host, path) for host, path in ADDRESSES} == {"hit"}


def test_records_and_inline_rows_are_scoped_to_their_site(department):
    ocean, glacier = department
    about = ocean.home.get_children().get(slug="about").specific
    assert scopes.sites_of(about) == {ocean.site.pk}
    from labsite.models import SiteSettings

    assert scopes.sites_of(SiteSettings.for_site(glacier.site)) == {glacier.site.pk}
    paper = PublicationPageFactory(
        parent=glacier.home.get_children().get(slug="publications").specific
    )
    author = paper.authors.first() if hasattr(paper, "authors") else None
    if author is not None:
        assert scopes.sites_of(author) == {glacier.site.pk}
    assert scopes.sites_of(wagtail_factories.ImageFactory()) is None


def test_a_purge_names_only_the_changed_groups_host(
    department, purged_proxy, monkeypatch, django_capture_on_commit_callbacks
):
    ocean, _glacier = department
    purged = []
    monkeypatch.setattr("labsite.pagecache.purge._send", lambda urls: purged.extend(urls) or True)
    about = ocean.home.get_children().get(slug="about").specific
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About us"
        about.save_revision().publish()
    assert purged == [f"{ocean.site.root_url}/"]


def test_generations_of_other_scopes_do_not_move(page_cache, department):
    ocean, glacier = department
    before = generation.snapshot((generation.site_scope(glacier.site.pk), generation.EVERYTHING))
    about = ocean.home.get_children().get(slug="about").specific
    about.save_revision().publish()
    assert (
        generation.snapshot((generation.site_scope(glacier.site.pk), generation.EVERYTHING))
        == before
    )
