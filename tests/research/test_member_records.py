"""Members keep their own papers and talks, through a site editor's review.

| who                         | paper/talk naming them | paper/talk not naming them | add a paper/talk | import BibTeX / DOI      |
|-----------------------------|------------------------|----------------------------|------------------|--------------------------|
| member (linked to a page)   | edit, submit, no publish| refused                    | draft, submit    | own papers, for review   |
| account without a page      | refused                | refused                    | refused          | refused, menu hidden     |
| site editor                 | edit and publish       | edit and publish           | publish          | everything, live         |
"""

import dataclasses

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from research.models import ActivityPage, PublicationPage
from tests.factories import (
    ActivityPageFactory,
    PublicationAuthorFactory,
    PublicationPageFactory,
)
from tests.research.conftest import recording
from tests.support.admin_forms import form_data
from tests.support.members import linked_member, published_person, site_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(tree):
    return published_person(tree.people, given_names="David", family_name="Holzmüller")


@pytest.fixture
def member(person):
    return linked_member(person, "david@example.org")


def live_paper(tree, *authors, **fields):
    paper = PublicationPageFactory(parent=tree.publications, **fields)
    for n, author in enumerate(authors):
        if isinstance(author, str):
            PublicationAuthorFactory(page=paper, name=author, sort_order=n)
        else:
            PublicationAuthorFactory(page=paper, person=author, name="", sort_order=n)
    paper.save_revision().publish()
    paper.refresh_from_db()
    return paper


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_a_member_edits_their_own_paper_through_review(client, member, person, tree):
    paper = live_paper(tree, person, "B. Jones", title="Tides under ice")
    client.force_login(member)
    page = client.get(edit_url(paper))
    assert page.status_code == 200
    data = form_data(
        page.content.decode(), title="Tides under sea ice", **{"action-submit": "submit"}
    )
    response = client.post(edit_url(paper), data)
    assert response.status_code == 302 and response.url == edit_url(paper)
    paper.refresh_from_db()
    assert paper.title == "Tides under ice", "the live paper waits for the editor"
    assert paper.workflow_in_progress
    assert paper.get_latest_revision_as_object().title == "Tides under sea ice"


def test_a_member_cannot_publish_their_paper_themselves(client, member, person, tree):
    paper = live_paper(tree, person, title="Tides under ice")
    client.force_login(member)
    data = form_data(
        client.get(edit_url(paper)).content.decode(),
        title="Published by its author?",
        **{"action-publish": "publish"},
    )
    client.post(edit_url(paper), data)
    paper.refresh_from_db()
    assert paper.title == "Tides under ice"


def test_a_member_cannot_edit_a_paper_that_does_not_name_them(client, member, tree):
    paper = live_paper(tree, "A. Other", title="Someone else's tides")
    client.force_login(member)
    assert client.get(edit_url(paper)).status_code in (302, 403)
    response = client.post(edit_url(paper), {"title": "Vandalised"})
    assert response.status_code in (302, 403)
    paper.refresh_from_db()
    assert paper.get_latest_revision_as_object().title == "Someone else's tides"


def test_a_member_edits_a_talk_they_gave_but_not_anothers(client, member, person, tree):
    from people.profiles import credits
    from research.engagement.models import ActivityPerson

    theirs = ActivityPageFactory(parent=tree.engagement, title="A seminar on ice")
    ActivityPerson.objects.create(page=theirs, person=person, sort_order=0)
    credits.refresh(ActivityPage.objects.filter(pk=theirs.pk))
    others = ActivityPageFactory(parent=tree.engagement, title="Someone else's seminar")
    client.force_login(member)
    assert client.get(edit_url(theirs)).status_code == 200
    assert client.get(edit_url(others)).status_code in (302, 403)


def test_a_member_adds_a_paper_as_a_draft_for_review(client, member, tree):
    client.force_login(member)
    add = reverse(
        "wagtailadmin_pages:add", args=["research", "publicationpage", tree.publications.pk]
    )
    page = client.get(add)
    assert page.status_code == 200
    data = form_data(
        page.content.decode(),
        title="Ice shelves and their tides",
        slug="ice-shelves",
        year="2026",
        paste_authors="D. Holzmüller and B. Jones",
        **{"action-submit": "submit"},
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    paper = PublicationPage.objects.get(slug="ice-shelves")
    assert not paper.live and paper.workflow_in_progress
    assert paper.owner == member


def test_a_member_imports_their_own_papers_from_bibtex_for_review(client, member, bib):
    client.force_login(member)
    url = reverse("research_import_bibtex")
    preview = client.post(url, {"text": bib("readme-citations.bib"), "status": ""})
    html = preview.content.decode()
    assert "sent to a site editor for review" in html
    # Only the entry naming the member may be ticked; the others say why not.
    assert "1 new, 0 already on the site, 5 with errors" in html
    assert "you are not among its authors" in html
    response = client.post(
        url,
        {
            "action": "import",
            "bibtex": preview.context["bibtex"],
            "status": "",
            # A forged tick on someone else's paper is refused like the rest.
            "entry": ["34:holzmuller2024better", "26:knuth84"],
        },
    )
    assert "Imported 1 publication" in response.content.decode()
    paper = PublicationPage.objects.get(bibtex_key="holzmuller2024better")
    assert not paper.live and paper.workflow_in_progress
    assert paper.latest_revision is not None and paper.owner == member
    assert not PublicationPage.objects.filter(bibtex_key="knuth84").exists()
    # The editor's approval publishes it, with its citation.
    editor = site_editor()
    client.force_login(editor)
    task_state = paper.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[paper.pk, "approve", task_state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    paper.refresh_from_db()
    assert paper.live and paper.citation_text and not paper.workflow_in_progress


def test_a_member_adds_their_paper_by_doi_for_review(client, tree, recorded):
    frank = published_person(tree.people, given_names="Henry S.", family_name="Frank")
    member = linked_member(frank, "henry@example.org")
    recorded["https://doi.org/10.1126/science.169.3946.635"] = (
        200,
        "application/vnd.citationstyles.csl+json",
        recording("crossref/doi-10.1126_science.169.3946.635.csl.json"),
    )
    client.force_login(member)
    url = reverse("research_add_by_identifier")
    confirm = client.post(url, {"identifier": "10.1126/science.169.3946.635"})
    assert "Add and send for review" in confirm.content.decode()
    response = client.post(url, {"action": "create", "draft": confirm.context["token"]})
    paper = PublicationPage.objects.get(doi="10.1126/science.169.3946.635")
    assert response["Location"] == edit_url(paper)
    assert not paper.live and paper.workflow_in_progress


def test_a_doi_that_does_not_name_the_member_is_not_added(client, member, recorded):
    recorded["https://doi.org/10.1126/science.169.3946.635"] = (
        200,
        "application/vnd.citationstyles.csl+json",
        recording("crossref/doi-10.1126_science.169.3946.635.csl.json"),
    )
    client.force_login(member)
    url = reverse("research_add_by_identifier")
    confirm = client.post(url, {"identifier": "10.1126/science.169.3946.635"})
    html = confirm.content.decode()
    assert "you are not among its authors" in html and 'name="draft"' not in html
    # A token signed for someone else's paper does not get it in either.
    from research.publications.views import _sign

    token = _sign(dataclasses.replace(confirm.context["draft"], errors=[]))
    client.post(url, {"action": "create", "draft": token})
    assert not PublicationPage.objects.filter(doi="10.1126/science.169.3946.635").exists()


def test_the_sidebar_offers_imports_only_to_those_who_may_use_them(
    client, member, tree, django_user_model
):
    client.force_login(member)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("research_import_bibtex") in html
    assert '"Import BibTeX"' in html, "the sidebar entry"
    assert "Your papers, talks and students" in html
    add_talk = reverse(
        "wagtailadmin_pages:add", args=["research", "activitypage", tree.engagement.pk]
    )
    assert add_talk in html

    unlinked = django_user_model.objects.create_user("u", "u@example.org", "pw")
    unlinked.groups.add(Group.objects.get(name="Members"))
    client.force_login(unlinked)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("research_import_bibtex") not in html
    assert reverse("research_add_by_identifier") not in html
    assert '"Import BibTeX"' not in html
    assert client.get(reverse("research_import_bibtex")).status_code in (302, 403)
