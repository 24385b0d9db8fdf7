"""Projects and grants: pages, index sections and filters, person and theme pages, the admin."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from labsite.models import Grant
from people.models import ExternalPerson
from research.models import ProjectPage
from research.projects.models import OutputBlock
from tests.factories import (
    ExternalPersonFactory,
    GrantFactory,
    PersonPageFactory,
    ProjectMemberFactory,
    ProjectPageFactory,
    PublicationPageFactory,
    ResearchThemePageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(tree):
    """Three projects over two themes and two funders, one of them with a member lead, an external
    collaborator, an output and related work."""
    drift = ResearchThemePageFactory(parent=tree.research, title="Drift studies")
    calm = ResearchThemePageFactory(parent=tree.research, title="Calm estimation")
    tidewater = GrantFactory(funder="Tidewater Fund", grant_number="TF-1")
    basin = GrantFactory(funder="Basin Council", grant_number="BC-7")
    lead = PersonPageFactory(parent=tree.people, given_names="Oona", family_name="Lead")
    paper = PublicationPageFactory(parent=tree.publications, title="Counting kelp from above")
    kelp = ProjectPageFactory(
        parent=tree.projects,
        title="Kelp counting",
        status="active",
        themes=[calm],
        grants=[tidewater, basin],
        outputs=[
            (
                "output",
                {"kind": "code", "title": "Kelp counting: code", "url": "https://example.org/k"},
            )
        ],
    )
    kelp.related_publications.set([paper])
    kelp.save()
    ProjectMemberFactory(page=kelp, person=lead, role="lead", sort_order=0)
    visitor = ExternalPersonFactory(
        name="Dr Ada Visitor", institution="Firth Institute", url="https://example.org/ada"
    )
    ProjectMemberFactory(page=kelp, external=visitor, role="collaborator", sort_order=1)
    ledgers = ProjectPageFactory(
        parent=tree.projects,
        title="Drift ledgers",
        status="completed",
        themes=[drift],
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 12, 31),
    )
    harbour = ProjectPageFactory(
        parent=tree.projects, title="Calm harbour", status="planned", themes=[calm], grants=[basin]
    )
    return SimpleNamespace(
        kelp=kelp, ledgers=ledgers, harbour=harbour, lead=lead, drift=drift, calm=calm, paper=paper
    )


def test_the_index_groups_active_planned_and_completed(client, projects):
    html = client.get(projects.kelp.get_parent().url).content.decode()
    active = html.index("Active projects")
    planned = html.index("Planned projects")
    completed = html.index("Completed projects")
    assert active < html.index("Kelp counting") < planned < html.index("Calm harbour") < completed
    assert completed < html.index("Drift ledgers")
    assert "Funded by Basin Council, Tidewater Fund" in html
    assert "Led by" in html and "Oona Lead" in html


@pytest.mark.parametrize(
    "query, present, absent",
    [
        ("funder=Tidewater+Fund", "Kelp counting", "Drift ledgers"),
        ("theme=drift-studies", "Drift ledgers", "Kelp counting"),
        ("theme=calm-estimation&funder=Basin+Council", "Calm harbour", "Drift ledgers"),
    ],
)
def test_the_index_filters_by_theme_and_funder(client, projects, query, present, absent):
    html = client.get(f"{projects.kelp.get_parent().url}?{query}").content.decode()
    assert present in html and absent not in html


def test_unknown_filter_values_are_reported_not_fatal(client, projects):
    response = client.get(f"{projects.kelp.get_parent().url}?theme=nonsense&funder=Nobody")
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()


def test_a_project_page_shows_team_grants_outputs_and_related_work(client, projects):
    html = client.get(projects.kelp.url).content.decode()
    assert "Dr Ada Visitor</a>, Firth Institute" in html
    assert "Project lead" in html and "Collaborator" in html
    assert "This project is supported by" in html and "grant TF-1" in html
    assert "Kelp counting: code" in html
    assert "Counting kelp from above" in html


def test_people_and_theme_pages_list_their_projects(client, projects):
    person = client.get(projects.lead.url).content.decode()
    assert "Kelp counting" in person and "Drift ledgers" not in person
    theme = client.get(projects.drift.url).content.decode()
    assert "Drift ledgers" in theme and "Kelp counting" not in theme


def test_the_funding_acknowledgement_block_works_on_any_page(client, tree):
    grants = [GrantFactory(url="https://example.org/grant"), GrantFactory()]
    page = StandardPageFactory(parent=tree.home)
    page.body = [
        ("funding", {"introduction": "We thank", "grants": [grants[0], grants[1]]}),
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f"We thank {grants[0].acknowledgement}" in html.replace(
        '<a href="' + grants[0].url + '">', ""
    ).replace("</a>", "")
    assert f" and {grants[1].acknowledgement}." in html.replace("</a>", "")
    grants[1].delete()
    html = client.get(page.url).content.decode()
    assert grants[0].acknowledgement in html and " and ." not in html


def test_a_grant_amount_needs_a_currency():
    grant = Grant(funder="Someone", amount=Decimal("1000"))
    with pytest.raises(ValidationError) as error:
        grant.clean()
    assert "Choose the currency" in str(error.value)


def test_an_output_needs_exactly_one_of_address_and_document():
    block = OutputBlock()
    with pytest.raises(Exception) as error:
        block.clean(block.to_python({"kind": "code", "title": "x", "url": "", "document": None}))
    assert "not both and not neither" in str(error.value.block_errors["url"])


def test_an_end_before_the_start_is_refused():
    project = ProjectPage(
        title="x",
        summary="x",
        start_date=datetime.date(2026, 1, 2),
        end_date=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError):
        project.clean()


def test_an_editor_creates_a_project_with_an_external_collaborator_and_a_grant(
    admin_client_logged_in, tree
):
    index = tree.projects
    collaborator = ExternalPerson.objects.create(
        name="Dr Lena Marsh", institution="Harbour Institute", url="https://example.org/lm"
    )
    grant = Grant.objects.create(
        funder="Coastal Trust",
        scheme="Seed Fund",
        grant_number="CT-42",
        amount=Decimal("25000"),
        currency="GBP",
    )
    lead = PersonPageFactory(parent=tree.people)
    url = reverse("wagtailadmin_pages:add", args=["research", "projectpage", index.pk])
    assert admin_client_logged_in.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Harbour noise atlas",
            "slug": "harbour-noise-atlas",
            "summary": "Mapping shipping noise in harbours.",
            "status": "planned",
            "start_date": "2027-01-01",
            "end_date": "2029-12-31",
            "team": inline_formset(
                [
                    {"person": lead.pk, "external": "", "role": "lead"},
                    {"person": "", "external": collaborator.pk, "role": "collaborator"},
                ]
            ),
            "image": "",
            "image_alt": "",
            "body": streamfield([]),
            "outputs": streamfield([]),
            "themes": [],
            "related_publications": [],
            "related_activities": [],
            "related_news": [],
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["grants"] = [grant.pk]  # a multiple choice: one key, many values
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = ProjectPage.objects.get(slug="harbour-noise-atlas")
    assert project.live and list(project.grants.all()) == [grant]
    members = list(project.team.order_by("sort_order"))
    assert members[1].external == collaborator and members[1].role == "collaborator"
    html = admin_client_logged_in.get(project.url).content.decode()
    assert "Dr Lena Marsh</a>, Harbour Institute" in html and "grant CT-42" in html


def test_a_team_row_with_both_a_member_and_an_external_person_is_refused(
    admin_client_logged_in, tree
):
    index = tree.projects
    collaborator = ExternalPersonFactory()
    lead = PersonPageFactory(parent=tree.people)
    url = reverse("wagtailadmin_pages:add", args=["research", "projectpage", index.pk])
    data = nested_form_data(
        {
            "title": "Bad team",
            "slug": "bad-team",
            "summary": "x",
            "status": "active",
            "start_date": "",
            "end_date": "",
            "team": inline_formset(
                [{"person": lead.pk, "external": collaborator.pk, "role": "lead"}]
            ),
            "grants": [],
            "image": "",
            "image_alt": "",
            "body": streamfield([]),
            "outputs": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 200
    assert (
        "Choose either a group member or an external person, not both." in response.content.decode()
    )
    assert not ProjectPage.objects.filter(slug="bad-team").exists()


def test_completed_projects_are_bounded_with_a_link_to_all_of_them(client, tree):
    import datetime

    from research.projects.models import COMPLETED_SHOWN

    for n in range(COMPLETED_SHOWN + 3):
        project = ProjectPageFactory(
            parent=tree.projects, title=f"Finished study {n:02d}", status="completed",
            start_date=datetime.date(2001, 1, 1) + datetime.timedelta(days=n),
        )  # fmt: skip
        project.save_revision().publish()
    html = client.get(tree.projects.url).content.decode()
    shown = html.count("Finished study")
    # The demo's completed projects are newer and come first.
    assert shown == COMPLETED_SHOWN - _demo_completed(), "the newest ones only"
    assert "Finished study 26" in html and "Finished study 00" not in html
    assert (
        "completed=all" in html
        and f"All {COMPLETED_SHOWN + 3 + _demo_completed()} completed" in html
    )
    every = client.get(tree.projects.url, {"completed": "all"}).content.decode()
    assert every.count("Finished study") == COMPLETED_SHOWN + 3


def _demo_completed() -> int:
    from research.projects.models import ProjectPage

    return (
        ProjectPage.objects.live()
        .filter(status="completed")
        .exclude(title__startswith="Finished study")
        .count()
    )


def test_a_project_pages_related_work_is_kept_and_follows_every_change(client, projects):
    """Its related lists are rendered once per content change ({% kept_fragment %}): each kind
    of change shows at once, and a preview shows the lists being edited."""
    kelp = projects.kelp
    assert "Counting kelp from above" in client.get(kelp.url).content.decode()  # now kept

    paper = projects.paper
    paper.title = "Counting kelp from orbit"
    paper.save_revision().publish()
    assert "Counting kelp from orbit" in client.get(kelp.url).content.decode()

    grant = Grant.objects.get(grant_number="TF-1")
    grant.grant_number = "TF-2"
    grant.save()
    assert "grant TF-2" in client.get(kelp.url).content.decode()

    other = PublicationPageFactory(parent=projects.paper.get_parent(), title="Seals and <kelp>")
    draft = ProjectPage.objects.get(pk=kelp.pk)
    draft.related_publications.add(other)
    assert "Seals and &lt;kelp&gt;" in draft.make_preview_request().content.decode()
    assert "Seals and" not in client.get(kelp.url).content.decode()
    draft.save_revision().publish()
    assert "Seals and &lt;kelp&gt;" in client.get(kelp.url).content.decode()
