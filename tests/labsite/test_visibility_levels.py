"""The four visibility levels (docs/visibility.md), as a matrix: level x visitor x where a page
can be met (its address, its list, the site's search, the sitemap, its feed, the open API, the
page cache). Varnish in front is in tests/browser/test_varnish.py.

- public: everyone, everywhere;
- unlisted: everyone who has the address; nowhere else; ``noindex``;
- the institution (Wagtail's "private, signed-in users"): signed-in people only;
- named groups (Wagtail's "private, these groups"): members of those groups only.

Lists never show a page some visitor may not open, whoever asks: a list is one page for
everyone (and may be served from the page cache or Varnish)."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import PublicationPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

WORD = "Zanzibarian"  # in the title only: what the site's search and the API are asked for
TITLE = f"The {WORD} survey"  # what lists, results and feeds show (a search echoes its WORD)

LEVELS = ["public", "unlisted", "institution", "named"]
VISITORS = ["anonymous", "signed_in", "group_member"]

#: Who may open the page at each level.
OPENS = {
    "public": {"anonymous", "signed_in", "group_member"},
    "unlisted": {"anonymous", "signed_in", "group_member"},
    "institution": {"signed_in", "group_member"},
    "named": {"group_member"},
}


def set_level(page, level):
    if level == "unlisted":
        page.unlisted = True
        page.save_revision().publish()
    elif level == "institution":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif level == "named":
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get(name="Reading group")])


@pytest.fixture
def visitor(request, client, django_user_model):
    group, _ = Group.objects.get_or_create(name="Reading group")
    if request.param == "signed_in":
        client.force_login(django_user_model.objects.create_user("staff", "s@example.org", "pw"))
    elif request.param == "group_member":
        member = django_user_model.objects.create_user("reader", "r@example.org", "pw")
        member.groups.add(group)
        client.force_login(member)
    return request.param


@pytest.fixture
def paper(tree, page_cache):
    page = PublicationPageFactory(parent=tree.publications, title=TITLE)
    page.save_revision().publish()
    return page


def where_found(client, tree, paper) -> set[str]:
    """The places other than its own address where a visitor meets the page."""
    found = set()
    if TITLE in client.get(tree.publications.url).content.decode():
        found.add("list")
    # A result links the page (its title is highlighted, and the search echoes its words).
    if f'href="{paper.url}"' in client.get("/search/", {"q": WORD}).content.decode():
        found.add("search")
    if paper.full_url in client.get("/sitemap.xml").content.decode():
        found.add("sitemap")
    if TITLE in client.get(f"{tree.publications.url}feed/rss/").content.decode():
        found.add("feed")
    pages = json.loads(client.get("/api/v2/pages/", {"search": WORD}).content)
    if any(item["id"] == paper.pk for item in pages["items"]):
        found.add("pages API")
    detail = client.get(f"/api/v2/pages/{paper.pk}/")
    if detail.status_code == 200:
        found.add("page API")
    if TITLE in client.get("/api/v2/publications/").content.decode():
        found.add("publications API")
    return found


EVERYWHERE = {"list", "search", "sitemap", "feed", "pages API", "page API", "publications API"}


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
@pytest.mark.parametrize("level", LEVELS)
def test_each_level_for_each_visitor_at_its_address_and_everywhere_else(
    client, tree, paper, level, visitor
):
    set_level(paper, level)
    response = client.get(paper.url)
    if visitor in OPENS[level]:
        assert response.status_code == 200
        html = response.content.decode()
        assert WORD in html
        assert ('<meta name="robots" content="noindex">' in html) == (level == "unlisted")
    else:
        # Wagtail's privacy: to the sign-in page, never the page.
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert WORD not in response.content.decode()
    assert where_found(client, tree, paper) == (EVERYWHERE if level == "public" else set())


@pytest.mark.parametrize("level", ["institution", "named"])
def test_the_page_cache_never_gives_a_private_page_to_a_visitor_who_may_not_open_it(
    client, django_user_model, tree, paper, level
):
    group, _ = Group.objects.get_or_create(name="Reading group")
    set_level(paper, level)
    member = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    member.groups.add(group)
    client.force_login(member)
    assert client.get(paper.url).status_code == 200  # the member reads it...
    client.logout()
    for _ in range(2):  # ...and no copy of it reaches anyone else, then or later
        response = client.get(paper.url)
        assert response.status_code == 302 and response.get("X-Page-Cache") != "hit"


def test_an_unlisted_page_is_stored_and_served_like_a_public_one(client, tree, paper):
    set_level(paper, "unlisted")
    assert client.get(paper.url)["X-Page-Cache"] == "miss"
    second = client.get(paper.url)
    assert second["X-Page-Cache"] == "hit" and WORD in second.content.decode()


def test_the_pages_below_an_unlisted_page_are_unlisted_too(client, tree, page_cache):
    workshop = StandardPageFactory(parent=tree.home, title="Workshop", show_in_menus=True)
    workshop.save_revision().publish()
    programme = StandardPageFactory(parent=workshop, title=f"{WORD} programme")
    programme.save_revision().publish()
    assert "Workshop" in client.get("/").content.decode()  # in the menu
    workshop.unlisted = True
    workshop.save_revision().publish()
    assert ">Workshop<" not in client.get("/").content.decode()
    assert f'href="{programme.url}"' not in client.get("/search/", {"q": WORD}).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert workshop.full_url not in sitemap and programme.full_url not in sitemap
    html = client.get(programme.url).content.decode()
    assert WORD in html and '<meta name="robots" content="noindex">' in html
    # Listed again when the editor unticks it.
    workshop.unlisted = False
    workshop.save_revision().publish()
    assert programme.full_url in client.get("/sitemap.xml").content.decode()


def test_a_members_cv_and_an_unlisted_openings_form_stay_reachable_by_address(client, tree):
    from tests.factories import OpeningPageFactory

    opening = OpeningPageFactory(parent=tree.openings, title=f"{WORD} studentship")
    opening.unlisted = True
    opening.save_revision().publish()
    assert WORD not in client.get(tree.openings.url).content.decode()
    form = client.get("/apply/", {"opening": opening.pk}).content.decode()
    assert WORD in form  # the applicant came with the address: the opening is on the form
    assert WORD not in client.get("/apply/").content.decode()


def test_the_editor_finds_the_choice_on_the_promote_tab(admin_client_logged_in, paper):
    html = admin_client_logged_in.get(f"/admin/pages/{paper.pk}/edit/").content.decode()
    assert 'name="unlisted"' in html and "Only for people who have the address" in html
