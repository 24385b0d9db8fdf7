"""The people side of the demo group. Every person here is invented."""

import datetime
import hashlib
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Locale, Site

from labsite.dates import DatePrecision
from labsite.demo import DemoContext, _font, child_page, portrait_image, register
from labsite.partial_dates import PartialDate
from people.applications.models import Application, cv_upload_to
from people.openings.models import OpeningIndexPage, OpeningPage, OpeningSupervisor
from people.profiles.models import PeopleIndexPage, PersonPage
from people.profiles.snippets import ExternalPerson, FundingProgramme, Role
from people.profiles.validators import orcid_check_digit
from people.supervision.models import Supervision, SupervisionPage, SupervisionSupervisor

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


def _demo_orcid(seed: str) -> str:
    """A well-formed, checksummed ORCID iD in the 0009 block (not a real person's record)."""

    digits = "0009" + str(int(hashlib.sha256(seed.encode()).hexdigest(), 16))[:11]
    digits += orcid_check_digit(digits)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


# CV lines of the principal investigator (the places are invented too).
PI_CAREER = [
    ("position", {"title": "Senior Lecturer in Machine Learning",
                  "organisation": "University of Westholm", "start": "2021-01-01", "end": None}),
    ("position", {"title": "Lecturer in Computing Science", "organisation": "University of Westholm",
                  "start": "2017-09-01", "end": "2020-12-31"}),
    ("position", {"title": "Postdoctoral researcher", "organisation": "Institute for Marine Computing",
                  "start": "2014-01-01", "end": "2017-01-01"}),
    ("education", {"degree": "PhD in Applied Mathematics", "organisation": "Northmoor University",
                   "start": "2010-01-01", "end": "2014-01-01"}),
    ("award", {"name": "Best student paper award",
               "awarded_by": "Workshop on Optimisation at Sea", "date": "2013-01-01", "link": ""}),
]  # fmt: skip


def _career(lines):
    parsed = []
    for kind, value in lines:
        # The demo's CV lines are known to the year.
        value = {
            key: PartialDate(datetime.date.fromisoformat(v), DatePrecision.YEAR)
            if key in ("start", "end", "date") and v
            else v
            for key, v in value.items()
        }
        parsed.append((kind, value))
    return parsed


@register("people.people", order=20)
def load_people(context: DemoContext) -> None:
    roles = {}
    for name, plural, order in ROLES:
        role, created = Role.objects.get_or_create(
            name=name,
            locale=Locale.get_default(),
            defaults={"plural_name": plural, "sort_order": order},
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
        _add_person(
            context,
            index,
            slug,
            given,
            family,
            roles[role],
            bio,
            biography=f"<p>{bio} Before joining the group, {given} studied mathematics and "
            "computing. Outside work: sea swimming and choir.</p>",
            start_date=datetime.date.fromisoformat(start),
            end_date=datetime.date.fromisoformat(end) if end else None,
            next_position=next_position,
            email="" if end else None,
            github=f"https://github.com/{slug}-demo",
            accepts_students=role in ("Principal investigator", "Postdoctoral researcher"),
            career=_career(PI_CAREER) if role == "Principal investigator" else [],
        )


def _add_person(context, index, slug, given, family, role, bio, email=None, **fields):
    """A demo member's page under ``index`` (their portrait, citation name, email and ORCID
    made from their name), kept in the context for later steps to link to."""
    name = f"{given} {family}"
    person = child_page(
        context,
        index,
        PersonPage(
            title=name,
            slug=slug,
            given_names=given,
            family_name=family,
            role=role,
            photo=portrait_image(context, f"Demo portrait: {name}", given[0] + family[0]),
            short_bio=bio,
            citation_name=f"{given[0]}. {family}",
            email=f"{slug.replace('-', '.')}@example.org" if email is None else email,
            orcid=_demo_orcid(slug),
            **fields,
        ),
    )
    context.objects[f"person:{slug}"] = person
    return person


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
    today = timezone.localdate()
    programme = _programme(context)
    partner = _external(
        context, "Dr Hanne Rasmussen", "Nordic Marine Institute", "https://www.example.org/nmi"
    )
    for slug, title, kind, summary, offset, until_filled in OPENINGS:
        page = OpeningPage(
            title=title,
            slug=slug,
            kind=kind,
            summary=summary,
            deadline_date=today + offset if offset is not None else None,
            deadline_time=datetime.time(17, 0),
            deadline_timezone="Europe/London",
            open_until_filled=until_filled,
            start_date=datetime.date(today.year + 1, 10, 1),
            funding="Fees and a tax-free stipend for four years"
            if kind == "phd"
            else "Salary on the research staff scale",
            programme=programme if kind == "phd" else None,
            eligibility="<p>A good first degree in a quantitative subject. Open to home and international applicants.</p>",
            how_to_apply="<p>Use the contact button below to send the supervisors your CV and a short statement of your interests. You get a reference number by email.</p>",
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
        )
        page.supervisors = [
            OpeningSupervisor(person=context.objects["person:maren-okafor"], is_main=True),
            OpeningSupervisor(external=partner),
        ]
        child_page(context, index, page)


def _programme(context: DemoContext) -> FundingProgramme:
    programme, created = FundingProgramme.objects.get_or_create(
        name="Doctoral Training Programme in Ocean Data Science",
        defaults={"url": "https://www.example.org/ocean-data-dtp"},
    )
    context.created += int(created)
    return programme


def _external(context: DemoContext, name: str, institution: str, url: str = "") -> ExternalPerson:
    person, created = ExternalPerson.objects.get_or_create(
        name=name, institution=institution, defaults={"url": url}
    )
    context.created += int(created)
    return person


# student slug (or name), degree, start, end, completed, thesis title, main, co (member slug), external
SUPERVISIONS = [
    (
        "lena-fairbairn",
        "phd",
        "2023-10-01",
        "2027-09-30",
        False,
        "",
        "maren-okafor",
        None,
        ("Prof. Rhys Oduya", "Eastmere Centre for Coastal Oceanography"),
    ),
    (
        "kofi-brandt",
        "phd",
        "2024-10-01",
        "2028-09-30",
        False,
        "",
        "maren-okafor",
        "yusuf-amani",
        None,
    ),
    (
        "aiko-tanaka-ross",
        "phd",
        "2025-10-01",
        "2029-09-30",
        False,
        "",
        "ines-carrow",
        "maren-okafor",
        ("Dr Hanne Rasmussen", "Nordic Marine Institute"),
    ),
    (
        "priya-venkataraman",
        "phd",
        "2018-10-01",
        "2023-03-31",
        True,
        "Knowing when the sonar is unsure: uncertainty for underwater target recognition",
        "maren-okafor",
        None,
        None,
    ),
    (
        "george-halloran",
        "msc",
        "2021-09-20",
        "2022-09-15",
        True,
        "What straight lines through loss landscapes reveal",
        "maren-okafor",
        "daniel-oyelaran",
        None,
    ),
    ("ravi-mendoza", "msc", "2026-01-12", "2026-12-18", False, "", "ines-carrow", None, None),
]


@register("people.supervision", order=35)
def load_supervision(context: DemoContext) -> None:
    if Supervision.objects.exists():
        return
    programme = _programme(context)
    for student, degree, start, end, completed, thesis, main, co, external in SUPERVISIONS:
        supervision = Supervision(
            student=context.objects[f"person:{student}"],
            degree=degree,
            programme=programme if degree == "phd" else None,
            start_date=datetime.date.fromisoformat(start),
            end_date=datetime.date.fromisoformat(end),
            completed=completed,
            thesis_title=thesis,
            thesis_url="https://www.example.org/theses/" + student if thesis else "",
        )
        rows = [SupervisionSupervisor(person=context.objects[f"person:{main}"], role="main")]
        if co:
            rows.append(SupervisionSupervisor(person=context.objects[f"person:{co}"], role="co"))
        if external:
            rows.append(
                SupervisionSupervisor(external=_external(context, *external), role="external")
            )
        supervision.supervisors = rows
        supervision.save()
        context.created += 1
    cohort = Supervision(
        cohort_size=2,
        degree="msc",
        topic="Augmenting underwater photographs",
        start_date=datetime.date(2024, 1, 15),
        end_date=datetime.date(2024, 9, 1),
        completed=True,
    )
    cohort.supervisors = [
        SupervisionSupervisor(person=context.objects["person:ines-carrow"], role="main")
    ]
    cohort.save()
    context.created += 1
    child_page(
        context,
        context.home,
        SupervisionPage(
            title="Supervision",
            slug="supervision",
            show_in_menus=True,
            introduction="Students the group supervises and has supervised, with their co-supervisors.",
        ),
    )


DEMO_APPLICANTS = [
    # (name, institution, degree, opening slug or None, topic, status, days ago)
    (
        "Priya Venkataraman",
        "Coastline Institute of Technology",
        "MSc Data Science",
        "phd-ocean-acoustics-2027",
        "",
        "new",
        2,
    ),
    (
        "Jonas Eriksen",
        "University of Fjordby",
        "MSc Applied Mathematics",
        None,
        "Uncertainty in tide forecasts",
        "shortlisted",
        9,
    ),
    (
        "Amara Nwosu",
        "Lagoon City University",
        "BSc Physics",
        "phd-ocean-acoustics-2027",
        "",
        "read",
        15,
    ),
]


def _demo_cv(name: str) -> bytes:

    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    draw.text((60, 60), "Curriculum vitae", fill="black", font=_font(28))
    draw.text((60, 110), name, fill="black", font=_font(20))
    draw.text((60, 150), "Demo content: a fictional applicant.", fill="grey", font=_font(14))
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    return buffer.getvalue()


@register("people.applications", order=36)
def load_applications(context: DemoContext) -> None:
    """A few fictional applications so the admin's Applications screen has something to show."""

    if Application.objects.exists():
        return
    site = Site.objects.filter(is_default_site=True).first()
    supervisor = context.objects["person:maren-okafor"]
    year = timezone.localdate().year
    for name, institution, degree, opening_slug, topic, status, days_ago in DEMO_APPLICANTS:
        opening = OpeningPage.objects.filter(slug=opening_slug).first() if opening_slug else None
        application = Application(
            site=site,
            created_at=timezone.now() - datetime.timedelta(days=days_ago),
            name=name,
            email=name.split()[0].lower() + "@example.org",
            institution=institution,
            degree=degree,
            expected_graduation=datetime.date(year + 1, 6, 1),
            intended_start=datetime.date(year + 1, 10, 1),
            opening=opening,
            opening_title=opening.title if opening else "",
            topic=topic,
            statement=(
                "I would like to work on learning methods for the coastal ocean. My final-year "
                "project measured how well small neural networks forecast harbour water levels, "
                "and I want to understand when such models can be trusted."
            ),
            funding="needs" if days_ago < 10 else "scholarship",
            status=status,
            cv_filename=f"{name.split()[-1]}-CV.pdf",
        )
        data = _demo_cv(name)
        application.cv_size = len(data)
        application.cv.save(cv_upload_to(application, "cv.pdf"), ContentFile(data), save=False)
        application.save()
        application.supervisors.set([supervisor])
        context.created += 1


@register("people.cv", order=90)  # last: the CV shows the papers, talks and projects added before
def demo_cv(context: DemoContext) -> None:
    """The principal investigator offers a CV built from the demo's records (once)."""
    pi = PersonPage.objects.filter(role__name="Principal investigator", offers_cv=False).first()
    if pi is None or pi.cv_sections.exists():
        return
    pi.offers_cv = True
    pi.save_revision().publish()


# The second demo group (labsite.demo_content.SECOND_GROUP): three people of its own, and one
# Tidewater member who belongs to both groups (one page, listed by both).
SECOND_GROUP_PEOPLE = [
    ("astrid-nyberg", "Astrid", "Nyberg", "Principal investigator",
     "Leads the lab; designs sensor networks that run for a winter on one battery."),
    ("malik-oduya", "Malik", "Oduya", "PhD student",
     "Learns sea-ice thickness from the sound of waves under the ice."),
    ("hedda-solberg", "Hedda", "Solberg", "Research engineer",
     "Builds and recovers the lab's moorings and keeps their firmware honest."),
]  # fmt: skip
SHARED_MEMBER = "tomasz-bellweather"


@register("people.second_group", order=92, one_group=False)
def load_second_group_people(context: DemoContext) -> None:
    from labsite.demo_content import second_group_home

    home = second_group_home(context)
    if home is None:
        return
    index = home.get_children().type(PeopleIndexPage).first().specific
    roles = {role.name: role for role in Role.objects.filter(locale=Locale.get_default())}
    for slug, given, family, role, bio in SECOND_GROUP_PEOPLE:
        _add_person(
            context,
            index,
            slug,
            given,
            family,
            roles[role],
            bio,
            start_date=datetime.date(2022, 1, 1),
            accepts_students=role == "Principal investigator",
        )
    site = Site.objects.get(root_page=home)
    shared = PersonPage.objects.filter(slug=SHARED_MEMBER).first()
    if shared is not None and not shared.also_in_groups.filter(pk=site.pk).exists():
        shared.also_in_groups.add(site)
        shared.save_revision().publish()
    openings = home.get_children().type(OpeningIndexPage).first().specific
    opening = OpeningPage(
        title="PhD studentship: listening to sea ice",
        slug="phd-sea-ice-acoustics",
        kind="phd",
        summary="Four funded years to learn ice thickness from underwater sound.",
        deadline_date=timezone.localdate() + datetime.timedelta(days=75),
        deadline_time=datetime.time(12, 0),
        deadline_timezone="Europe/Oslo",
        start_date=datetime.date(timezone.localdate().year + 1, 9, 1),
        funding="Fees and a stipend for four years",
        eligibility="<p>A degree in physics, engineering, computing or mathematics.</p>",
        how_to_apply="<p>Use the contact button below to send your CV and a short statement.</p>",
        description=[("paragraph", "<p>Fieldwork in two fjords each winter.</p>")],
    )
    opening.supervisors = [
        OpeningSupervisor(person=context.objects["person:astrid-nyberg"], is_main=True)
    ]
    child_page(context, openings, opening)


GERMAN_ROLES = {
    "Principal investigator": ("Gruppenleitung", "Gruppenleitung"),
    "Postdoctoral researcher": ("Postdoc", "Postdocs"),
    "PhD student": ("Doktorand:in", "Doktorand:innen"),
}


@register("people.german", order=98, one_group=False)
def load_german_openings(context: DemoContext) -> None:
    """The open PhD studentship in German, under a German openings page."""
    from labsite.demo_content import german_enabled, translate_page

    if not german_enabled() or context.home is None:
        return
    german = Locale.objects.get_or_create(language_code="de")[0]
    for name, (singular, plural) in GERMAN_ROLES.items():
        role = Role.objects.filter(name=name, locale=Locale.get_default()).first()
        if role is not None and role.get_translation_or_none(german) is None:
            translated = role.copy_for_translation(german)
            translated.name, translated.plural_name = singular, plural
            translated.save()
            context.created += 1
    index = context.home.get_children().filter(slug="openings").first()
    if index is None:
        return
    translate_page(
        context,
        index,
        "de",
        title="Offene Stellen",
        slug="stellen",
        introduction="Stellen in der Gruppe. Geschlossene Ausschreibungen bleiben unten aufgeführt.",
    )
    opening = OpeningPage.objects.child_of(index).filter(slug="phd-ocean-acoustics-2027").first()
    if opening is not None:
        translate_page(
            context,
            opening,
            "de",
            title="Promotionsstelle: selbstüberwachtes Lernen für Meeresgeräusche",
            slug="promotion-meeresakustik-2027",
            summary="Eine voll finanzierte vierjährige Promotion über das Lernen aus "
            "jahrelangen, unbeschrifteten Hydrofonaufnahmen.",
            funding="Studiengebühren und ein steuerfreies Stipendium für vier Jahre",
            description=[
                ("heading", {"text": "Das Projekt", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Sie lernen aus Jahren von Unterwasseraufnahmen, ohne dass jemand sie "
                    "beschriftet hat, und arbeiten in einer freundlichen Gruppe.</p>",
                ),
            ],
        )
