"""Members and editors bring papers in as a browser does: a member pastes the BibTeX of their
own paper (it goes to review), an editor pastes a whole author list into the page editor."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from research.models import PublicationPage
from tests.factories import PersonPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BIB = (Path(__file__).resolve().parents[1] / "data" / "bibtex" / "readme-citations.bib").read_text(
    encoding="utf-8"
)


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_a_member_pastes_the_bibtex_of_their_paper_and_it_goes_to_review(
    page, live_server, django_user_model
):
    from people.models import PeopleIndexPage

    person = PersonPageFactory(
        parent=PeopleIndexPage.objects.first(), given_names="David", family_name="Holzmüller"
    )
    person.save_revision().publish()
    call_command("invite_member", "david@example.org", person=person.slug, stdout=io.StringIO())
    member = django_user_model.objects.get(email="david@example.org")
    member.set_password("member-pass-123")
    member.save()

    log_in(page, live_server, "david@example.org", "member-pass-123")
    page.get_by_role("link", name="Import your papers from BibTeX").click()
    expect(page.get_by_text("You can import papers you are an author of.")).to_be_visible()
    page.fill("#id_text", BIB)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("1 new, 0 already on the site, 5 with errors")).to_be_visible()
    # Someone else's paper cannot be ticked; theirs is ticked already.
    expect(page.get_by_label("Import knuth84")).to_have_count(0)
    expect(page.get_by_label("Import holzmuller2024better")).to_be_checked()
    page.get_by_role("button", name="Import ticked entries").click()
    expect(page.get_by_text("Imported 1 publication")).to_be_visible()
    expect(page.get_by_text("sent to a site editor for review")).to_be_visible()

    paper = PublicationPage.objects.get(bibtex_key="holzmuller2024better")
    assert not paper.live and paper.workflow_in_progress
    assert [author.person_id for author in paper.authors.all()][0] == person.pk
    # Not on the public site until an editor approves it.
    response = page.goto(f"{live_server.url}/publications/")
    assert response.ok and "Better by default" not in page.content()


def test_an_editor_pastes_six_authors_into_one_field(page, live_server, django_user_model):
    from research.publications.index_page import PublicationIndexPage

    editor = django_user_model.objects.create_user(
        "editor", "editor@example.org", "editor-pass-123"
    )
    editor.groups.add(Group.objects.get(name="Site editors"))
    index = PublicationIndexPage.objects.first()
    log_in(page, live_server, "editor", "editor-pass-123")
    page.goto(f"{live_server.url}/admin/pages/add/research/publicationpage/{index.pk}/")
    page.fill("#id_title", "Tide gauges read by six hands")
    page.fill("#id_year", "2025")
    page.fill(
        "#id_paste_authors",
        "Kofi Brandt*, B. Jones*, C. Lee, D. Wu, E. Ortiz and F. Nakamura†",
    )
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state("networkidle")

    paper = PublicationPage.objects.get(title="Tide gauges read by six hands")
    assert paper.live
    names = [row.display_name for row in paper.authors.order_by("sort_order")]
    assert names == ["Kofi Brandt", "B. Jones", "C. Lee", "D. Wu", "E. Ortiz", "F. Nakamura"]
    page.goto(f"{live_server.url}{paper.url}")
    byline = page.locator("main").inner_text()
    assert byline.index("Kofi Brandt") < byline.index("F. Nakamura")
    # The member's name links to their page.
    expect(page.locator("main a", has_text="Kofi Brandt").first).to_have_attribute(
        "href", "/people/kofi-brandt/"
    )
