"""What every page shows but rarely changes (menu, group settings, feed links, filter choices,
restricted sections) is read once per content change, and a change shows on the next request."""

import pytest
from wagtail.models import PageViewRestriction

from labsite.models import SiteSettings
from tests.factories import PublicationPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_a_new_menu_page_shows_on_the_next_request(client, tree):
    client.get("/")
    page = StandardPageFactory(parent=tree.home, title="Visiting us", show_in_menus=True)
    page.save_revision().publish()
    assert "Visiting us" in client.get("/").content.decode()


def test_the_menu_links_follow_a_page_to_its_new_address(client, tree):
    page = StandardPageFactory(
        parent=tree.home, title="Visiting us", slug="visiting", show_in_menus=True
    )
    page.save_revision().publish()
    html = client.get(tree.publications.url).content.decode()
    # The header's two menus (narrow and wide screens) and the footer's.
    assert html.count('href="/visiting/"') == 3

    page.slug = "visit-us"
    page.save_revision().publish()
    html = client.get(tree.publications.url).content.decode()
    assert html.count('href="/visit-us/"') == 3
    assert 'href="/visiting/"' not in html


def test_changed_group_settings_show_on_the_next_request(client, tree):
    client.get("/")
    settings = SiteSettings.for_site(tree.home.get_site())
    settings.group_name = "The Renamed Group"
    settings.save()
    assert "The Renamed Group" in client.get("/").content.decode()


def test_a_new_year_of_publications_becomes_a_filter_choice(client, tree):
    client.get(tree.publications.url)
    PublicationPageFactory(parent=tree.publications, year=1957).save_revision().publish()
    assert '<option value="1957">' in client.get(tree.publications.url).content.decode()


def test_a_newly_restricted_section_leaves_the_lists_at_once(client, tree):
    page = StandardPageFactory(parent=tree.home, title="Staff only", show_in_menus=True)
    page.save_revision().publish()
    assert "Staff only" in client.get("/").content.decode()
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert "Staff only" not in client.get("/").content.decode()


def test_once_read_the_chrome_costs_no_query(client, tree, django_assert_num_queries):
    page = StandardPageFactory(parent=tree.home, title="Plain")
    client.get(page.url)  # reads the menu, settings and feed links after the change
    # The page's row: no site query (labsite.sites), its route remembered (labsite.routing).
    with django_assert_num_queries(1):
        client.get(page.url)
