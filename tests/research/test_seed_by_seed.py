"""Each kind of line in the seed pages (../shared/seeds/), entered as an editor would and shown
as the seed states it. The content is our own (a fictional group); the shapes are the seeds':
see the closing note of issue 17 for the table that maps every seed item to these tests.
"""

import datetime

import pytest

from people.profiles.snippets import FundingProgramme
from people.supervision.models import Supervision, SupervisionSupervisor
from research.engagement.models import ActivityPerson
from research.publications.models import PublicationLink, PublicationRelation
from tests.factories import (
    ActivityPageFactory,
    ExternalPersonFactory,
    GrantFactory,
    PersonPageFactory,
    ProjectMemberFactory,
    ProjectPageFactory,
    PublicationAuthorFactory,
    PublicationPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(tree):
    person = PersonPageFactory(parent=tree.people, given_names="Freya", family_name="Halloran")
    person.save_revision().publish()
    return person


def item_of(html: str, title: str, marker: str = '<li class="publication">') -> str:
    """The list item of ``html`` that holds ``title`` (the lists also hold the demo group's)."""
    (item,) = [li for li in html.split(marker)[1:] if title in li]
    return item.split("</li>", 1)[0] if marker == "<li" else item


def paper(tree, lead, title, **fields):
    links = fields.pop("links", [])
    page = PublicationPageFactory(parent=tree.publications, title=title, **fields)
    PublicationAuthorFactory(page=page, person=lead, name="", sort_order=0)
    for n, (kind, url) in enumerate(links):
        PublicationLink.objects.create(page=page, kind=kind, url=url, sort_order=n)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_seed_001_papers_with_statuses_notes_chips_and_a_related_workshop_paper(client, tree, lead):
    # "Accepted to <workshop>. Full paper under review."
    paper(
        tree,
        lead,
        "Classifying camera traps under label doubt",
        status="accepted",
        venue="Workshop on Climate and Learning",
        year=2025,
        note="Full paper under review",
    )
    # "Led by <colleague>. Under Review."
    paper(
        tree,
        lead,
        "A toolkit for seabed ecology",
        status="under_review",
        year=2025,
        note="Led by L. Colleague",
    )
    # "<project>. Planned 2025."
    paper(tree, lead, "Oceans in virtual reality", status="planned", year=2025)
    # [title [blog]](..)[[paper]](..)[[errata]](..)[[slides]](..)[[poster]](..), *ICML 2022*.
    # then a one-line summary.
    main = paper(
        tree, lead, "Training fast and slow layers", venue="ICML", year=2022,
        lay_summary="Fine-tunes networks in about half the time.",
        links=[("blog", "https://example.org/blog"), ("preprint", "https://arxiv.org/abs/2101.00001"),
               ("errata", "https://example.org/errata.pdf"),
               ("slides", "https://example.org/slides.pdf"),
               ("poster", "https://example.org/poster.pdf")],
    )  # fmt: skip
    # "Related workshop paper [..] was accepted as spotlight presentation [..] and received the
    # best student paper award. Presentation: [YouTube link]"
    workshop = paper(
        tree, lead, "Constraints as regularisers", venue="Optimisation for ML workshop",
        year=2020, note="Spotlight presentation; best student paper award",
        links=[("video", "https://example.org/video")],
    )  # fmt: skip
    PublicationRelation.objects.create(page=main, related=workshop, kind="related")
    main.save_revision().publish()

    html = client.get(tree.publications.url).content.decode()
    assert "Full paper under review" in item_of(html, "camera traps under label doubt")
    assert "Led by L. Colleague" in item_of(html, "toolkit for seabed ecology")
    assert "Planned" in item_of(html, "Oceans in virtual reality")
    item = item_of(html, "fast and slow")
    for label in ("Blog post", "Preprint", "Errata", "Slides", "Poster"):
        assert f">{label}</a>" in item, label
    assert "Fine-tunes networks in about half the time." in item
    page = client.get(main.url).content.decode()
    assert "Related work" in page and "Constraints as regularisers" in page
    workshop_html = client.get(workshop.url).content.decode()
    assert "best student paper award" in workshop_html and "Video</a>" in workshop_html


def test_seed_001_supervision_of_every_kind_with_co_supervisors_elsewhere(client, tree, lead):
    programme = FundingProgramme.objects.create(name="Doctoral Programme in Ocean Data")
    colleague = ExternalPersonFactory(name="Dr L. Colleague", institution="University of Westholm")
    industry = ExternalPersonFactory(name="Dr H. Partner", institution="A Nature Company")

    def record(supervisors, **fields):
        item = Supervision(**fields)
        item.supervisors = [
            SupervisionSupervisor(
                role=role, **({"person": who} if who == lead else {"external": who})
            )
            for who, role in supervisors
        ]
        item.save()
        return item

    # "<student>. <topic> with Dr X (main, <institution>) ... within the <CDT>."
    record(
        [(colleague, "main"), (lead, "co")],
        student_name="Viktor Student",
        topic="Measuring marine net gain",
        programme=programme,
        start_date=datetime.date(2024, 10, 1),
    )
    # "Two <programme> MSc students."
    record(
        [(lead, "main")],
        cohort_size=2,
        degree="msc",
        start_date=datetime.date(2025, 1, 1),
        date_precision="year",
    )
    # "Level 4 Projects on ..." (no names, no start date)
    record([(lead, "main")], cohort_size=3, degree="final_year", topic="Network optimisation")
    # "MSci project with industry co-supervisor ..."
    record(
        [(lead, "main"), (industry, "co")],
        student_name="Mia Student",
        degree="msci",
        topic="Simulating ecosystems",
        start_date=datetime.date(2025, 9, 1),
    )
    # "... EPSRC Vacation Project with Dr ..." / "UG Summer Research project ..."
    record(
        [(lead, "main")],
        student_name="Vic Student",
        degree="vacation",
        topic="Camera trap images",
        start_date=datetime.date(2025, 6, 1),
        date_precision="year",
    )
    record(
        [(lead, "main")],
        student_name="Sam Student",
        degree="summer",
        topic="Vegetation from drones",
        start_date=datetime.date(2024, 6, 1),
        date_precision="year",
        end_date=datetime.date(2024, 8, 31),
        completed=True,
    )
    # "..., Master Thesis Project, with Dr ... (main, <university>)."
    record(
        [(colleague, "main"), (lead, "co")],
        student_name="Tess Student",
        degree="masters",
        topic="Effective nonlinearity",
        completed=True,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 12, 31),
        date_precision="year",
    )
    # "Deploying deep learning for ... within the <programme>." (offered, no student yet)
    record([(colleague, "main"), (lead, "co")], offered=True, topic="Deep learning for reefs",
           programme=programme)  # fmt: skip

    html = client.get(lead.url).content.decode()
    assert "Viktor Student" in html and "Measuring marine net gain" in html
    assert "Dr L. Colleague" in html and "University of Westholm" in html
    assert "Doctoral Programme in Ocean Data" in html
    assert "2 MSc students" in html and "3 Level-4 / final-year project students" in html
    assert "MSci" in html and "A Nature Company" in html
    assert "Vacation project" in html and "Summer research project" in html
    assert "Master&#x27;s thesis project" in html or "Master's thesis project" in html
    assert "Projects on offer" in html and "Deep learning for reefs" in html
    # A summer project inside one year reads as that year, not "2024–2024".
    assert "2024–2024" not in html


def test_seed_001_research_engagement_as_listed(client, tree, lead):
    def activity(title, kind, date, precision="year", **fields):
        others = fields.pop("with_", [])
        item = ActivityPageFactory(
            parent=tree.engagement,
            title=title,
            kind=kind,
            start_date=date,
            date_precision=precision,
            **fields,
        )
        ActivityPerson.objects.create(page=item, person=lead, sort_order=0)
        for n, name in enumerate(others, start=1):
            ActivityPerson.objects.create(page=item, name=name, sort_order=n)
        item.save_revision().publish()
        return item

    # "Plenary Talk, <event>, 2026." (a year, nothing more)
    activity(
        "Plenary talk at a scholars' day",
        "plenary",
        datetime.date(2026, 1, 1),
        event="Scholars' Away Day",
        selected=True,
    )
    # "Keynote Talk with C. Reid, <conference>, 2025."
    activity(
        "Keynote on teaching with AI",
        "keynote",
        datetime.date(2025, 1, 1),
        event="Future Education",
        with_=["C. Colleague"],
    )
    # "Organizer, <workshop>, ICLR 2023."
    activity(
        "Organising a workshop on foundation models",
        "organising",
        datetime.date(2023, 5, 1),
        precision="month",
        event="Foundation Models Workshop",
    )
    # "Research Collaboration Visit <host>, 2020. Cancelled due to pandemic."
    activity(
        "Visit to a partner lab",
        "visit",
        datetime.date(2020, 1, 1),
        status="cancelled",
        status_note="Cancelled due to the pandemic",
    )
    # "<summer school>, Les Houches, July 2020."
    activity(
        "Summer school on statistical physics",
        "attended",
        datetime.date(2020, 7, 1),
        precision="month",
        location="Les Houches",
    )
    # "Spotlight presentation at <workshop>, December 2020."
    activity("Spotlight at an optimisation workshop", "spotlight", datetime.date(2020, 12, 1),
             precision="month")  # fmt: skip

    html = client.get(tree.engagement.url).content.decode()

    def item(title):
        return item_of(html, title, marker="<li")

    assert "2026</time>" in item("Plenary talk at a scholars")
    assert "Plenary talk" in item("Plenary talk at a scholars")
    assert "C. Colleague" in item("Keynote on teaching with AI")
    assert "May 2023" in item("Organising a workshop on foundation models")
    assert "July 2020" in item("Summer school on statistical physics")
    assert "Les Houches" in item("Summer school on statistical physics")
    assert "December 2020" in item("Spotlight at an optimisation workshop")
    assert "Cancelled due to the pandemic" in item("Visit to a partner lab")
    # Nothing known only to the year is given an invented day.
    assert "1 January" not in item("Plenary talk at a scholars")
    assert "1 January" not in item("Visit to a partner lab")
    # "Selected Research Engagement" heads the person's page.
    person_html = client.get(lead.url).content.decode()
    assert "Selected work" in person_html
    selected = person_html.split("Selected work", 1)[1].split("</section>", 1)[0]
    assert "Plenary talk at a scholars" in selected


def test_seed_001_other_projects_with_funders_and_collaborators(client, tree, lead):
    grant = GrantFactory(funder="Crucible", scheme="Crucible grant")
    project = ProjectPageFactory(parent=tree.projects, title="Connecting with oceans in XR",
                                 grants=[grant])  # fmt: skip
    ProjectMemberFactory(page=project, person=lead, role="lead", sort_order=0)
    ProjectMemberFactory(
        page=project,
        external=ExternalPersonFactory(name="Dr L. Colleague"),
        role="collaborator",
        sort_order=1,
    )
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    assert "Crucible" in html and "Dr L. Colleague" in html and "Freya Halloran" in html
    assert "Connecting with oceans in XR" in client.get(lead.url).content.decode()
