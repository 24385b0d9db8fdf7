"""labsite.routing serves the same page as Wagtail's own routing, in fewer queries, and view
restrictions still hold."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from labsite import routing
from tests.factories import PublicationPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def wagtail_route(home, path):
    """Wagtail's own algorithm: Page.route, one level at a time."""
    request = RequestFactory().get(path)
    components = [c for c in path.split("/") if c]
    try:
        result = Page.route(home, request, components) if components else home.route(request, [])
    except Http404:
        return None
    return _comparable(result)


def _comparable(result):
    if not result.args:
        return result.page.pk, ()
    view, args, kwargs = result.args
    return result.page.pk, (view.__name__, args, kwargs)


def labsite_route(home, path):
    request = RequestFactory().get(path)
    try:
        result = home.route(request, [c for c in path.split("/") if c])
    except Http404:
        return None
    return _comparable(result)


def addresses(tree):
    draft = StandardPageFactory(parent=tree.home, title="Draft section", live=False)
    StandardPageFactory(parent=draft, title="Live below a draft")
    # A child page named like a route of its routable parent: the route answers, as in Wagtail.
    PublicationPageFactory(parent=tree.publications, title="Export", slug="export")
    paths = [page.url for page in Page.objects.filter(depth__gt=2).specific() if page.url]
    paths += [
        "/publications/export/bibtex/",
        "/publications/export/",
        "/engagement/calendar/",
        "/paper-feed/feed/rss/",
        "/openings/past/",
        "/nowhere/",
        "/people/nobody/",
        "/people/nobody/further/",
        "/draft-section/",
        "/draft-section/live-below-a-draft/",
    ]
    return paths


def test_every_address_routes_as_wagtail_routes_it(tree):
    home = tree.home
    paths = addresses(tree)
    assert len(paths) > 60
    for path in paths:
        assert labsite_route(home, path) == wagtail_route(home, path), path


def test_a_deep_page_is_found_in_two_queries_then_in_one(tree, django_assert_num_queries):
    address = Page.objects.filter(depth=4, live=True).first().url
    with django_assert_num_queries(2):  # the pages on the way, then the answering one's row
        first = labsite_route(tree.home, address)
    with django_assert_num_queries(1):  # the way is remembered; the answering row is read
        assert labsite_route(tree.home, address) == first


def test_each_request_gets_its_own_pages(tree):
    address = PublicationPageFactory(parent=tree.publications).url
    requests = [RequestFactory().get(address) for _ in range(2)]
    served = [tree.home.route(r, [c for c in address.split("/") if c]) for r in requests]
    assert served[0].page is not served[1].page
    served[0].page.seen_by_first_request = True
    assert not hasattr(served[1].page, "seen_by_first_request")
    first, second = (r.labsite_route_pages for r in requests)
    assert [p.pk for p in first] == [p.pk for p in second]
    assert all(a is not b for a, b in zip(first[1:], second[1:], strict=True))


def test_a_change_routes_at_once(client, tree):
    page = StandardPageFactory(parent=tree.home, title="Field trips", slug="field-trips")
    assert client.get("/field-trips/").status_code == 200
    page.slug = "fieldwork"
    page.save_revision().publish()
    assert client.get("/field-trips/").status_code == 404
    assert client.get("/fieldwork/").status_code == 200
    page.unpublish()
    assert client.get("/fieldwork/").status_code == 404


def test_a_page_moved_without_a_signal_is_routed_again(tree):
    """A change that sent no signal (rolled back, or made in SQL) leaves the content generation
    as it was; the answering row, always read afresh, shows the page is elsewhere."""
    page = StandardPageFactory(parent=tree.home, title="Boats", slug="boats")
    assert labsite_route(tree.home, "/boats/") == (page.pk, ())
    Page.objects.filter(pk=page.pk).update(url_path=page.url_path.replace("boats", "ships"))
    assert labsite_route(tree.home, "/boats/") is None


def test_only_the_latest_addresses_are_kept(tree, monkeypatch):
    monkeypatch.setattr(routing._routes, "size", 2)
    pages = [StandardPageFactory(parent=tree.home) for _ in range(4)]
    for page in pages:
        labsite_route(tree.home, page.url)
    for missing in ("/nowhere/", "/people/nobody/", "/made-up/deeper/"):
        assert labsite_route(tree.home, missing) is None
    assert len(routing._routes) == 2


def test_a_restricted_page_still_asks_for_its_password(client, tree):
    page = StandardPageFactory(
        parent=tree.home, title="Lab handbook", introduction="Where the spare keys are."
    )
    StandardPageFactory(parent=page, title="Fire drill", introduction="Meet by the harbour wall.")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="tide")
    for address, secret in ((page.url, "spare keys"), (f"{page.url}fire-drill/", "harbour wall")):
        html = client.get(address).content.decode()
        assert 'name="password"' in html and secret not in html, address
