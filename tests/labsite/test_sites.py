"""labsite.sites chooses the request's site exactly as Wagtail does, from memory."""

import itertools

import pytest
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from labsite import sites

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_sites(tree):
    root = Page.get_first_root_node()
    other = root.add_child(title="Other group", slug="other-group")
    Site.objects.create(hostname="groups.example.org", port=80, root_page=other)
    Site.objects.create(hostname="groups.example.org", port=8080, root_page=other)
    Site.objects.create(hostname="ocean.example.org", port=443, root_page=other)
    return Site.objects.all()


def wagtail_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


def test_the_choice_matches_wagtails_for_every_host_and_port(many_sites):
    loaded = list(Site.objects.select_related("root_page"))
    hostnames = ["localhost", "testserver", "groups.example.org", "ocean.example.org", "x.test", ""]
    for hostname, port in itertools.product(hostnames, [80, 443, 8080, 8000]):
        ours = sites.choose(loaded, hostname, port)
        assert (ours.pk if ours else None) == wagtail_choice(hostname, port), (hostname, port)


def test_serving_a_page_reads_no_site_and_no_home_page(client, tree, django_assert_max_num_queries):
    client.get("/")  # warm: the sites are read once per content change
    with django_assert_max_num_queries(20) as captured:
        assert client.get("/about/").status_code == 200
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "wagtailcore_site" not in tables and "labsite_homepage" not in tables


def test_a_new_site_is_seen_at_the_next_request(client, tree, settings):
    settings.ALLOWED_HOSTS = ["testserver", "second.example.org"]
    client.get("/")
    Site.objects.create(hostname="second.example.org", port=80, root_page=tree.home)
    response = client.get("/", HTTP_HOST="second.example.org")
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site.hostname == "second.example.org"


def test_each_request_gets_its_own_home_page(rf, tree):
    first = sites.site_for_request(rf.get("/"))
    second = sites.site_for_request(rf.get("/"))
    assert first.root_page.specific is not second.root_page.specific
    assert first.root_page.specific.pk == second.root_page.specific.pk == tree.home.pk
