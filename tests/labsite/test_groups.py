"""Many groups on one install: create_group makes a group's site whole, and each group's
editors can change only their own pages and collection; search, sitemaps and feeds stay
within a site."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Page, Site

from research.publications.models import PublicationPage
from tests.support.groups import group_editor

pytestmark = pytest.mark.django_db


def test_create_group_makes_a_whole_site(two_groups):
    ocean, _glacier = two_groups
    slugs = set(ocean.home.get_children().values_list("slug", flat=True))
    assert {
        "people",
        "publications",
        "news",
        "engagement",
        "projects",
        "research",
        "openings",
    } <= slugs
    assert ocean.site.root_page_id == ocean.home.pk and ocean.site.site_name == "Ocean Lab"
    assert Collection.objects.filter(name="Ocean Lab").exists()
    assert all(page.live for page in ocean.pages)


def test_each_groups_editors_change_only_their_own_pages(two_groups, client):
    ocean, glacier = two_groups
    editor = group_editor(ocean, "oceaneditor")
    own = ocean.home.get_children().get(slug="publications").specific
    other = glacier.home.get_children().get(slug="publications").specific
    assert (
        own.permissions_for_user(editor).can_edit()
        and own.permissions_for_user(editor).can_publish()
    )
    assert not other.permissions_for_user(editor).can_edit()
    assert (
        not Page.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)
        .permissions_for_user(editor)
        .can_edit()
    )
    client.force_login(editor)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{other.pk}/edit/")
    assert refused.status_code in (302, 403) and b"Save draft" not in refused.content
    # Images: their own collection only.
    own_collection = Collection.objects.get(name="Ocean Lab")
    other_collection = Collection.objects.get(name="Glacier Lab")
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(get_image_model())
    allowed = set(permission_policy.collections_user_has_permission_for(editor, "add"))
    assert own_collection in allowed and other_collection not in allowed


def test_search_and_sitemaps_stay_within_a_site(two_groups, client):
    ocean, glacier = two_groups
    paper = PublicationPage.objects.live().first()
    assert paper is not None  # the demo group's, on the default site
    found = client.get("/search/", {"q": paper.title.split()[0]}, HTTP_HOST="ocean.localhost")
    assert (
        paper.url_path not in found.content.decode() and paper.title not in found.content.decode()
    )
    sitemap = client.get("/sitemap.xml", HTTP_HOST="glacier.localhost").content.decode()
    assert "glacier.localhost" in sitemap and paper.slug not in sitemap
    home = client.get("/", HTTP_HOST="ocean.localhost")
    assert home.status_code == 200 and "Ocean Lab" in home.content.decode()


def test_the_command_reports_its_time_and_refuses_a_taken_address(tree):
    out = io.StringIO()
    call_command("create_group", "Coral Lab", "coral.localhost", stdout=out)
    assert re.search(r"with \d+ pages.* in \d+\.\d+ s", out.getvalue())
    with pytest.raises(CommandError, match="already has a site"):
        call_command("create_group", "Another", "coral.localhost", stdout=out)
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_group", "Coral Lab", "coral2.localhost", stdout=out)


def test_the_department_front_page_lists_the_groups_and_their_latest_work(two_groups, client, tree):
    from labsite.models import HomePage
    from tests.factories import PublicationPageFactory

    _ocean, glacier = two_groups
    index = glacier.home.get_children().get(slug="publications").specific
    paper = PublicationPageFactory(
        parent=index, title="Basal sliding under the Glacier Lab's ice", year=2026
    )
    paper.save_revision().publish()
    department = HomePage.objects.get(pk=tree.home.pk)
    department.body.append(("latest", {"section": "groups", "heading": "", "count": 12}))
    department.body.append(
        ("latest", {"section": "department_publications", "heading": "", "count": 5})
    )
    department.save_revision().publish()
    page = client.get("/").content.decode()
    assert "Glacier Lab" in page and "Ocean Lab" in page
    assert "Basal sliding under the Glacier Lab" in page


def test_the_open_api_answers_for_the_requests_group_only(two_groups, client, tree):
    import json

    from tests.support.members import published_person

    _ocean, glacier = two_groups
    people_index = glacier.home.get_children().get(slug="people").specific
    published_person(people_index, title="Ice Person", given_names="Ice", family_name="Person")
    on_glacier = json.loads(
        client.get("/api/v2/people/?limit=500", HTTP_HOST="glacier.localhost").content
    )
    on_default = json.loads(client.get("/api/v2/people/?limit=500").content)
    assert [p["name"] for p in on_glacier["items"]] == ["Ice Person"]
    assert "Ice Person" not in [p["name"] for p in on_default["items"]]
    # The Glacier Lab has no publications: its list is empty, not the department's.
    assert (
        json.loads(client.get("/api/v2/publications/", HTTP_HOST="glacier.localhost").content) == []
    )
    assert json.loads(client.get("/api/v2/publications/").content)
