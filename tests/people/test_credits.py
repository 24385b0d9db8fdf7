"""Stored credits (people.profiles.credits): lists print who a record names from a copy kept on
the record, and that copy follows every change to the people it names."""

from pathlib import Path

import pytest

from people.profiles import credits
from people.supervision.models import Supervision, SupervisionSupervisor
from research.models import PublicationAuthor, PublicationPage
from research.publications import bibtex
from research.publications.importer import import_drafts
from tests.factories import (
    ExternalPersonFactory,
    GrantFactory,
    PersonPageFactory,
    ProjectMemberFactory,
    ProjectPageFactory,
    PublicationPageFactory,
)

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data"


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def paper(tree):
    """A paper by a member (equal contribution) and someone outside the group, as the editor
    would enter it: rows set on the page, then published."""
    member = PersonPageFactory(parent=tree.people, given_names="Ilse", family_name="Varga")
    page = PublicationPageFactory(parent=tree.publications, title="Counting drift from orbit")
    page.authors = [
        PublicationAuthor(person=member, equal_contribution=True),
        PublicationAuthor(name="R. Outsider", corresponding=True),
    ]
    return publish(page), member


def listing(client, tree) -> str:
    return client.get(tree.publications.url).content.decode()


def test_publishing_a_page_stores_who_it_names_in_order_with_their_marks(paper):
    page, member = paper
    assert page.credits == [
        {"person": member.pk, "name": "Ilse Varga", "url": member.url, "equal": True},
        {"name": "R. Outsider", "corresponding": True},
    ]


def test_a_list_prints_the_stored_names_with_links_and_marks(client, tree, paper):
    _page, member = paper
    html = listing(client, tree)
    assert f'<a class="member" href="{member.url}">Ilse Varga</a><span class="mark"' in html
    assert 'R. Outsider<span class="mark" title="Corresponding author">' in html


def test_renaming_a_member_renames_them_in_every_list(client, tree, paper):
    page, member = paper
    member.title = "Ilse Varga-Lind"
    member.slug = "ilse-varga-lind"
    publish(member)
    page.refresh_from_db()
    assert page.credits[0]["name"] == "Ilse Varga-Lind"
    assert page.credits[0]["url"].endswith("/ilse-varga-lind/")
    html = listing(client, tree)
    assert ">Ilse Varga-Lind</a>" in html and "/ilse-varga/" not in html


def test_an_unpublished_member_is_named_without_a_link(client, tree, paper):
    page, member = paper
    member.unpublish()
    page.refresh_from_db()
    assert page.credits[0]["name"] == "Ilse Varga" and page.credits[0]["url"] == ""
    html = listing(client, tree)
    assert "Ilse Varga" in html and member.url not in html


def test_a_deleted_member_keeps_their_name_as_text(client, tree, paper):
    page, member = paper
    member.delete()
    page.refresh_from_db()
    assert page.credits[0] == {"name": "Ilse Varga", "equal": True}
    assert PublicationAuthor.objects.filter(page=page, name="Ilse Varga", person=None).exists()
    assert "Ilse Varga" in listing(client, tree)


def test_a_draft_does_not_change_the_live_credits_until_it_is_published(tree, paper):
    page, _member = paper
    page.authors = [PublicationAuthor(name="Only In Draft")]
    page.save_revision()
    page.refresh_from_db()
    assert [c["name"] for c in page.credits] == ["Ilse Varga", "R. Outsider"]
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert [c["name"] for c in page.credits] == ["Only In Draft"]


def test_editing_an_external_person_or_a_grant_updates_the_project_list(client, tree):
    visitor = ExternalPersonFactory(name="Dr Pia Morrow", institution="Westholm")
    grant = GrantFactory(funder="Old Funder", grant_number="OF-1")
    project = ProjectPageFactory(parent=tree.projects, title="Drift ledgers", grants=[grant])
    ProjectMemberFactory(page=project, external=visitor, role="lead", sort_order=0)
    html = client.get(tree.projects.url).content.decode()
    assert "Led by" in html and "Dr Pia Morrow" in html and "Funded by Old Funder" in html

    visitor.name = "Prof. Pia Morrow"
    visitor.save()
    grant.funder = "New Funder"
    grant.save()
    html = client.get(tree.projects.url).content.decode()
    assert "Prof. Pia Morrow" in html and "Dr Pia Morrow" not in html
    assert "Funded by New Funder" in html and "Old Funder" not in html

    grant.delete()
    project.refresh_from_db()
    assert project.funder_names == []


def test_a_supervision_stores_its_supervisors_with_their_roles(tree):
    main = PersonPageFactory(parent=tree.people, given_names="Ada", family_name="Main")
    outside = ExternalPersonFactory(name="Dr Co", institution="Firth", url="https://example.org/co")
    supervision = Supervision(student_name="A Student", degree="phd", start_date="2024-10-01")
    supervision.supervisors = [
        SupervisionSupervisor(person=main, role="main"),
        SupervisionSupervisor(external=outside, role="external"),
    ]
    supervision.save()
    supervision.refresh_from_db()
    shown = [(c.name, c.href, str(c.role_label), c.institution) for c in supervision.credited]
    assert shown == [
        ("Ada Main", main.url, "Main supervisor", ""),
        ("Dr Co", "https://example.org/co", "External supervisor", "Firth"),
    ]


def test_a_bulk_import_stores_every_new_papers_authors(tree):
    drafts = bibtex.parse((DATA / "bibtex" / "readme-citations.bib").read_text())
    result = import_drafts(drafts, tree.publications)
    assert result.created
    for page in PublicationPage.objects.filter(pk__in=[p.pk for p in result.created]):
        rows = [a.display_name for a in page.authors.all()]
        assert rows and [c["name"] for c in page.credits] == rows


def test_backfill_fills_records_saved_before_credits_were_stored(paper):
    page, _member = paper
    PublicationPage.objects.filter(pk=page.pk).update(credits=[])
    assert credits.backfill() >= 1
    page.refresh_from_db()
    assert [c["name"] for c in page.credits] == ["Ilse Varga", "R. Outsider"]
