"""The people side of the demo group. Every person here is invented."""

import datetime
import zoneinfo

from django.utils import timezone

from labsite.demo import DemoContext, child_page, portrait_image, register
from people.models import OpeningIndexPage, OpeningPage, PeopleIndexPage, PersonPage, Role

ROLES = [
    ("Principal investigator", "Principal investigators", 10),
    ("Postdoctoral researcher", "Postdoctoral researchers", 20),
    ("Research engineer", "Research engineers", 30),
    ("PhD student", "PhD students", 40),
    ("MSc student", "MSc students", 50),
    ("BSc student", "BSc students", 55),
    ("Visiting researcher", "Visiting researchers", 60),
    ("Administrator", "Administrators", 70),
]

# slug, given, family, role, start, end, next position, short bio
PEOPLE = [
    (
        "maren-okafor",
        "Maren",
        "Okafor",
        "Principal investigator",
        "2017-09-01",
        None,
        "",
        "Leads the group; works on optimisation and uncertainty for models deployed at sea.",
    ),
    (
        "tomasz-bellweather",
        "Tomasz",
        "Bellweather",
        "Postdoctoral researcher",
        "2023-01-09",
        None,
        "",
        "Studies sharpness, normalisation layers and why small changes to training matter.",
    ),
    (
        "ines-carrow",
        "Inês",
        "Carrow",
        "Postdoctoral researcher",
        "2024-04-01",
        None,
        "",
        "Builds classifiers for seabed imagery that know when they do not know.",
    ),
    (
        "yusuf-amani",
        "Yusuf",
        "Amani",
        "Research engineer",
        "2022-06-13",
        None,
        "",
        "Keeps the buoys, the GPU cluster and the group's open-source code in good order.",
    ),
    (
        "lena-fairbairn",
        "Lena",
        "Fairbairn",
        "PhD student",
        "2023-10-01",
        None,
        "",
        "Works on learning tidal dynamics from sparse, irregular observations.",
    ),
    (
        "kofi-brandt",
        "Kofi",
        "Brandt",
        "PhD student",
        "2024-10-01",
        None,
        "",
        "Designs energy-efficient acoustic detectors for moored hydrophones.",
    ),
    (
        "aiko-tanaka-ross",
        "Aiko",
        "Tanaka-Ross",
        "PhD student",
        "2025-10-01",
        None,
        "",
        "Asks how label noise in citizen-science annotations shapes what models learn.",
    ),
    (
        "ravi-mendoza",
        "Ravi",
        "Mendoza",
        "MSc student",
        "2026-01-12",
        None,
        "",
        "Compares augmentation strategies for underwater photographs.",
    ),
    (
        "sofia-lindqvist",
        "Sofia",
        "Lindqvist",
        "Visiting researcher",
        "2026-09-01",
        "2027-02-28",
        "",
        "Visiting from a partner institute to work on multirate optimisers.",
    ),
    (
        "daniel-oyelaran",
        "Daniel",
        "Oyelaran",
        "Postdoctoral researcher",
        "2019-02-01",
        "2022-08-31",
        "Lecturer at the University of Westholm",
        "Worked on constrained stochastic dynamics for training.",
    ),
    (
        "priya-venkataraman",
        "Priya",
        "Venkataraman",
        "PhD student",
        "2018-10-01",
        "2023-03-31",
        "Research scientist at an ocean-observation start-up",
        "Thesis on uncertainty in sonar classification.",
    ),
    (
        "george-halloran",
        "George",
        "Halloran",
        "MSc student",
        "2021-09-20",
        "2022-09-15",
        "PhD student at the Northern Institute of Technology",
        "Project on loss-landscape interpolation.",
    ),
]


@register("people.people", order=20)
def load_people(context: DemoContext) -> None:
    roles = {}
    for name, plural, order in ROLES:
        role, created = Role.objects.get_or_create(
            name=name, defaults={"plural_name": plural, "sort_order": order}
        )
        context.created += int(created)
        roles[name] = role
    index = child_page(
        context,
        context.home,
        PeopleIndexPage(
            title="People",
            slug="people",
            show_in_menus=True,
            introduction="Researchers, students and engineers, past and present.",
        ),
    )
    for slug, given, family, role, start, end, next_position, bio in PEOPLE:
        name = f"{given} {family}"
        photo = portrait_image(context, f"Demo portrait: {name}", given[0] + family[0])
        person = child_page(
            context,
            index,
            PersonPage(
                title=name,
                slug=slug,
                given_names=given,
                family_name=family,
                role=roles[role],
                photo=photo,
                short_bio=bio,
                biography=f"<p>{bio} Before joining the group, {given} studied mathematics and "
                "computing. Outside work: sea swimming and choir.</p>",
                start_date=datetime.date.fromisoformat(start),
                end_date=datetime.date.fromisoformat(end) if end else None,
                next_position=next_position,
            ),
        )
        context.objects[f"person:{slug}"] = person


OPENINGS = [
    (
        "phd-ocean-acoustics-2027",
        "PhD studentship: self-supervised learning for ocean sound",
        "phd",
        "A fully funded four-year PhD on learning from years of unlabelled hydrophone recordings.",
        datetime.timedelta(days=60),
        False,
    ),
    (
        "postdoc-uncertainty",
        "Postdoctoral researcher in calibrated deep learning",
        "postdoc",
        "Two years to work on uncertainty estimates that marine ecologists can trust.",
        None,
        True,
    ),
    (
        "phd-tidal-dynamics-2026",
        "PhD studentship: learning tidal dynamics",
        "phd",
        "A studentship on physics-informed models of coastal tides, co-supervised with oceanographers.",
        datetime.timedelta(days=-30),
        False,
    ),
]


@register("people.openings", order=30)
def load_openings(context: DemoContext) -> None:
    index = child_page(
        context,
        context.home,
        OpeningIndexPage(
            title="Openings",
            slug="openings",
            show_in_menus=True,
            introduction="Positions in the group. Closed openings stay listed below for reference.",
        ),
    )
    london = zoneinfo.ZoneInfo("Europe/London")
    today = timezone.localdate()
    for slug, title, kind, summary, offset, until_filled in OPENINGS:
        deadline = None
        if offset is not None:
            day = today + offset
            deadline = datetime.datetime(day.year, day.month, day.day, 23, 59, tzinfo=london)
        child_page(
            context,
            index,
            OpeningPage(
                title=title,
                slug=slug,
                kind=kind,
                summary=summary,
                deadline=deadline,
                open_until_filled=until_filled,
                description=[
                    ("heading", {"text": "The project", "level": "h2"}),
                    (
                        "paragraph",
                        f"<p>{summary} You will join a friendly, collaborative group.</p>",
                    ),
                    ("heading", {"text": "Who should apply", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Applicants with a degree in computing, mathematics, physics "
                        "or a related subject, curious about the sea.</p>",
                    ),
                ],
            ),
        )
