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


def test_once_read_the_chrome_costs_no_query(client, tree, django_assert_max_num_queries):
    page = StandardPageFactory(parent=tree.home, title="Plain")
    client.get(page.url)  # reads the menu, settings and feed links after the change
    # Wagtail's own site lookup and routing (a query per level of the address, the locale)
    # and the breadcrumbs; the menu, settings and feed links come from memory.
    with django_assert_max_num_queries(7):
        client.get(page.url)


def test_recent_values_stay_within_their_count_and_their_budget():
    from labsite.pagecache import memo

    recent = memo.Recent(size=3, budget=10, weigh=len)
    for key, value in [("a", "xxxx"), ("b", "yyyy"), ("c", "z")]:
        recent.set(key, value)
    assert (len(recent), recent.weight) == (3, 9)
    recent.get("a")  # used: now the most recent
    recent.set("d", "www")  # 12 > 10: the least recently used ("b") goes
    assert recent.get("b") is None and recent.get("a") == "xxxx"
    assert (len(recent), recent.weight) == (3, 8)
    recent.set("a", "q")  # replaced, not counted twice
    assert recent.weight == 5
    recent.set("e", "v")
    recent.set("f", "u")  # the fourth: over the count
    assert len(recent) == 3 and recent.get("c") is None
    recent.discard("e")
    recent.clear()
    assert (len(recent), recent.weight) == (0, 0)
