"""The research side of the demo group. Every title and abstract here is invented."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from labsite.demo import DemoContext, child_page, landscape_image, register
from labsite.models import Grant
from people.models import ExternalPerson
from research.engagement.models import ActivityPage, ActivityPerson, EngagementIndexPage
from research.paperfeed.models import FeedPaper, PaperFeedPage, PaperRecommendation
from research.projects.models import ProjectIndexPage, ProjectMember, ProjectPage
from research.publications.index_page import PublicationIndexPage
from research.publications.models import (
    PublicationAuthor,
    PublicationAward,
    PublicationLink,
    PublicationPage,
)
from research.themes.models import ResearchIndexPage, ResearchThemePage, ThemeMember

THEME_MEMBERS = {
    "training-dynamics": [
        "maren-okafor",
        "tomasz-bellweather",
        "sofia-lindqvist",
        "daniel-oyelaran",
    ],
    "ocean-sensing": ["kofi-brandt", "yusuf-amani", "lena-fairbairn", "maren-okafor"],
    "reliable-predictions": [
        "ines-carrow",
        "aiko-tanaka-ross",
        "ravi-mendoza",
        "priya-venkataraman",
    ],
}

#: External authors in the demo that are groups, credited as one name.
GROUP_AUTHORS = {"Volunteer Survey Network"}

THEMES = [
    (
        "training-dynamics",
        "Training dynamics",
        "Why do some training runs generalise and others not? We study optimisers, normalisation "
        "layers and loss landscapes with tools from stochastic dynamics.",
    ),
    (
        "ocean-sensing",
        "Learning from ocean sensors",
        "Hydrophones, cameras and buoys produce years of data with few labels. We build models "
        "that learn from them and run on the instruments themselves.",
    ),
    (
        "reliable-predictions",
        "Reliable predictions under uncertainty",
        "Marine ecologists need to know when a model is unsure. We develop calibrated classifiers "
        "and ways to learn from disagreeing annotators.",
    ),
]

# title, year, status, type, venue, member author slugs (in order), external authors
PUBLICATIONS = [
    (
        "Sharpness-aware training restricted to normalisation layers",
        2026,
        "published",
        "inproceedings",
        "International Conference on Learning Representations",
        ["tomasz-bellweather", "maren-okafor"],
        [],
    ),
    (
        "Calibrated seabed habitat classification from towed cameras",
        2026,
        "accepted",
        "article",
        "Methods in Marine Ecology",
        ["ines-carrow", "maren-okafor"],
        ["H. Rasmussen"],
    ),
    (
        "Annotator disagreement as a signal in underwater image labelling",
        2026,
        "under_review",
        "article",
        "",
        ["aiko-tanaka-ross", "ines-carrow", "maren-okafor"],
        [],
    ),
    (
        "A field guide to machine learning for benthic surveys",
        2026,
        "in_preparation",
        "article",
        "",
        ["ines-carrow"],
        ["L. Marchetti", "P. Quayle"],
    ),
    (
        "Tiny detectors for whale calls on moored hydrophones",
        2025,
        "published",
        "inproceedings",
        "Workshop on Machine Learning for the Oceans",
        ["kofi-brandt", "yusuf-amani", "maren-okafor"],
        [],
    ),
    (
        "Learning tidal harmonics from irregular gauge records",
        2025,
        "published",
        "article",
        "Journal of Coastal Computation",
        ["lena-fairbairn", "maren-okafor"],
        ["R. Oduya"],
    ),
    (
        "Batch statistics and adversarial robustness",
        2025,
        "published",
        "workshop",
        "Optimisation for Machine Learning Workshop",
        ["tomasz-bellweather", "sofia-lindqvist"],
        [],
    ),
    (
        "Multirate optimisers for transfer learning",
        2025,
        "under_review",
        "inproceedings",
        "",
        ["sofia-lindqvist", "maren-okafor"],
        [],
    ),
    (
        "Open hydrophone benchmark for low-power detection",
        2025,
        "published",
        "dataset",
        "Zenodo",
        ["yusuf-amani", "kofi-brandt"],
        [],
    ),
    (
        "tidewater-tools: utilities for sensor-side learning",
        2025,
        "published",
        "software",
        "GitHub",
        ["yusuf-amani"],
        [],
    ),
    (
        "Loss along linear paths: what interpolation can and cannot tell us",
        2024,
        "published",
        "inproceedings",
        "International Conference on Machine Learning",
        ["george-halloran", "maren-okafor"],
        ["E. Strand"],
    ),
    (
        "Uncertainty-aware sonar target recognition",
        2024,
        "published",
        "article",
        "IEEE Journal of Oceanic Sensing",
        ["priya-venkataraman", "maren-okafor"],
        [],
    ),
    (
        "Self-supervised pretraining on ten years of ocean sound",
        2024,
        "published",
        "preprint",
        "arXiv",
        ["kofi-brandt", "maren-okafor"],
        [],
    ),
    (
        "Physics-informed neural networks for estuarine flow",
        2024,
        "published",
        "chapter",
        "Machine Learning in the Geosciences",
        ["lena-fairbairn"],
        ["R. Oduya", "M. Petrov"],
    ),
    (
        "Poster: calibration drift across survey seasons",
        2024,
        "published",
        "poster",
        "Ocean Sciences Meeting",
        ["ines-carrow"],
        [],
    ),
    (
        "Constrained Langevin dynamics for neural network training",
        2023,
        "published",
        "article",
        "SIAM Journal on Mathematics of Data Science",
        ["daniel-oyelaran", "maren-okafor"],
        [],
    ),
    (
        "Partitioned integrators for layer-wise learning rates",
        2023,
        "published",
        "inproceedings",
        "Conference on Neural Information Processing Systems",
        ["daniel-oyelaran", "tomasz-bellweather"],
        [],
    ),
    (
        "Uncertainty in sonar classification (PhD thesis)",
        2023,
        "published",
        "thesis",
        "University of Eastmere",
        ["priya-venkataraman"],
        [],
    ),
    (
        "Seabed images with expert and volunteer labels",
        2023,
        "published",
        "dataset",
        "Zenodo",
        ["priya-venkataraman", "ines-carrow"],
        ["Volunteer Survey Network"],
    ),
    (
        "Temperature scaling is not enough for shifted sonar data",
        2022,
        "published",
        "workshop",
        "Tackling Climate Change with Machine Learning Workshop",
        ["priya-venkataraman"],
        [],
    ),
    (
        "Weight constraints as a regulariser in stochastic training",
        2022,
        "published",
        "article",
        "Journal of Machine Learning Research",
        ["daniel-oyelaran", "maren-okafor"],
        [],
    ),
    (
        "Low-rank structure in loss landscapes of small networks",
        2022,
        "published",
        "report",
        "University of Eastmere Technical Report",
        ["george-halloran"],
        [],
    ),
    (
        "Energy budgets for on-device acoustic inference",
        2021,
        "published",
        "inproceedings",
        "International Conference on Acoustics, Speech and Signal Processing",
        ["yusuf-amani"],
        ["T. Whitcombe"],
    ),
    (
        "Thermostats for deep learning",
        2021,
        "published",
        "article",
        "Statistics and Computing",
        ["daniel-oyelaran", "maren-okafor"],
        ["J. Leimkuhl"],
    ),
    (
        "Mapping kelp forests with weak labels",
        2021,
        "published",
        "inproceedings",
        "Computer Vision for Ecology Workshop",
        ["priya-venkataraman"],
        ["A. Nakamura"],
    ),
    (
        "Stochastic gradient methods as sampling: a tutorial",
        2020,
        "published",
        "book",
        "Eastmere University Press",
        ["maren-okafor"],
        [],
    ),
    (
        "Noise injection and generalisation in shallow networks",
        2020,
        "published",
        "article",
        "Neural Computation",
        ["daniel-oyelaran", "maren-okafor"],
        [],
    ),
    (
        "A dataset of labelled dolphin whistles",
        2020,
        "published",
        "dataset",
        "Zenodo",
        ["maren-okafor"],
        ["K. Aberdeen"],
    ),
    (
        "Langevin samplers with adaptive friction",
        2019,
        "published",
        "article",
        "Journal of Computational Physics",
        ["maren-okafor"],
        ["B. Leroux"],
    ),
    (
        "On the stability of momentum methods near saddle points",
        2019,
        "published",
        "inproceedings",
        "Conference on Learning Theory",
        ["daniel-oyelaran", "maren-okafor"],
        [],
    ),
]


@register("research.theme_members", order=26)
def load_theme_members(context: DemoContext) -> None:
    for slug, people in THEME_MEMBERS.items():
        theme = ResearchThemePage.objects.get(slug=slug)
        if theme.members.exists():
            continue
        theme.members = [ThemeMember(person=context.objects[f"person:{p}"]) for p in people]
        theme.save_revision().publish()


@register("research.themes", order=15)
def load_themes(context: DemoContext) -> None:
    index = child_page(
        context,
        context.home,
        ResearchIndexPage(
            title="Research",
            slug="research",
            show_in_menus=True,
            introduction="Three themes connect our work, from the theory of training to buoys at sea.",
        ),
    )
    for slug, title, summary in THEMES:
        child_page(
            context,
            index,
            ResearchThemePage(
                title=title,
                slug=slug,
                summary=summary,
                image=landscape_image(context, f"Demo theme: {title}"),
                image_alt="An abstract drawing of waves.",
                body=[
                    ("paragraph", f"<p>{summary}</p>"),
                    ("heading", {"text": "Questions we ask", "level": "h2"}),
                    (
                        "paragraph",
                        "<ul><li>What makes a method robust?</li>"
                        "<li>How can we check it before deployment?</li></ul>",
                    ),
                ],
            ),
        )


ABSTRACT = (
    "We study {topic}. Building on recent work, we propose a simple method, analyse it, and "
    "evaluate it on public benchmarks and on data gathered by the group. Results suggest that "
    "careful design choices matter more than scale in this setting."
)


@register("research.publications", order=25)
def load_publications(context: DemoContext) -> None:
    index = child_page(
        context,
        context.home,
        PublicationIndexPage(
            title="Publications",
            slug="publications",
            show_in_menus=True,
            introduction="Papers, preprints, software and data from the group, newest first.",
        ),
    )
    for title, year, status, kind, venue, members, externals in PUBLICATIONS:
        authors = [PublicationAuthor(person=context.objects[f"person:{slug}"]) for slug in members]
        authors += [
            PublicationAuthor(name=name, organisation=name in GROUP_AUTHORS) for name in externals
        ]
        _add_publication(context, index, title, year, status, kind, venue, authors)


def _add_publication(context, index, title, year, status, kind, venue, authors):
    """A demo publication under ``index``, with its generated abstract."""
    page = PublicationPage(
        title=title,
        slug=slugify(title)[:60],
        year=year,
        status=status,
        publication_type=kind,
        venue=venue,
        abstract=ABSTRACT.format(topic=title[0].lower() + title[1:]),
    )
    page.authors = authors
    return child_page(context, index, page)


# title, kind, status, status note, event, location, online, days from today, time, speakers (member slugs)
TALKS = [
    (
        "Why normalisation layers shape sharpness",
        "invited",
        "planned",
        "",
        "Optimisation Seminar Series",
        "Lisbon, Portugal",
        False,
        21,
        "15:00",
        ["tomasz-bellweather"],
    ),
    (
        "Listening to the sea on a power budget",
        "keynote",
        "planned",
        "",
        "Coastal AI Workshop",
        "Bergen, Norway",
        True,
        45,
        "09:30",
        ["maren-okafor"],
    ),
    (
        "Calibration for marine ecologists: a tutorial",
        "tutorial",
        "postponed",
        "Moved to the spring meeting.",
        "Marine Data Science Days",
        "Plymouth, UK",
        False,
        60,
        None,
        ["ines-carrow"],
    ),
    (
        "Whale calls on a microcontroller",
        "contributed",
        "cancelled",
        "The workshop was cancelled by the organisers.",
        "Embedded ML Workshop",
        "",
        True,
        10,
        "14:00",
        ["kofi-brandt", "yusuf-amani"],
    ),
    (
        "Learning tides from sparse gauges",
        "poster",
        "done",
        "",
        "Ocean Sciences Meeting",
        "New Orleans, USA",
        False,
        -120,
        "10:00",
        ["lena-fairbairn"],
    ),
    (
        "What is machine learning? A talk for schools",
        "outreach",
        "done",
        "",
        "Eastmere Science Festival",
        "Eastmere, UK",
        False,
        -200,
        "11:00",
        ["maren-okafor", "aiko-tanaka-ross"],
    ),
]


ENGAGEMENT = [
    {
        "title": "Workshop on Machine Learning for Coastal Observation",
        "kind": "organising",
        "event_format": "workshop",
        "days": 75,
        "end_days": 76,
        "event": "Coastal Data Week",
        "location": "Eastmere, UK",
        "people": [
            ("maren-okafor", "organiser"),
            ("tomasz-bellweather", "organiser"),
            ("ines-carrow", "committee"),
        ],
        "abstract": "A two-day workshop bringing together oceanographers and machine learning researchers.",
    },
    {
        "title": "Session chair: Uncertainty in Earth observation",
        "kind": "organising",
        "event_format": "session",
        "days": -150,
        "event": "European Geosciences Union General Assembly",
        "location": "Vienna, Austria",
        "people": [("tomasz-bellweather", "chair")],
    },
    {
        "title": "Research visit to the Nordic Marine Institute",
        "kind": "visit",
        "days": -300,
        "end_days": -270,
        "host": "Dr Hanne Rasmussen",
        "institution": "Nordic Marine Institute",
        "location": "Bergen, Norway",
        "people": [("kofi-brandt", "visitor")],
        "abstract": "A month working on hydrophone deployments with the institute's acoustics team.",
    },
    {
        "title": "Summer school on probabilistic machine learning",
        "kind": "attended",
        "event_format": "school",
        "days": -420,
        "end_days": -414,
        "event": "Probabilistic ML Summer School",
        "location": "Tübingen, Germany",
        "people": [("yusuf-amani", "participant"), ("lena-fairbairn", "participant")],
    },
    {
        "title": "Reviewer for the Journal of Marine Systems",
        "kind": "service",
        "event_format": "journal",
        "days": -1400,
        "end_days": -10,
        "event": "Journal of Marine Systems",
        "people": [("maren-okafor", "reviewer")],
    },
    {
        "title": "Workshop on tiny machine learning (cancelled)",
        "kind": "organising",
        "event_format": "workshop",
        "days": -40,
        "status": "cancelled",
        "status_note": "Cancelled when the host conference moved online.",
        "event": "Embedded Systems Week",
        "location": "Porto, Portugal",
        "people": [("ines-carrow", "organiser")],
    },
    {
        "title": "Radio interview: listening to whales with small computers",
        "kind": "media",
        "days": -90,
        "event": "Eastmere Community Radio",
        "people": [("kofi-brandt", "")],
    },
]


@register("research.talks", order=27)
def load_talks(context: DemoContext) -> None:

    # Demo groups loaded before the feature had one name have the record at /engagement/: keep it.
    index = EngagementIndexPage.objects.child_of(context.home).first() or child_page(
        context,
        context.home,
        EngagementIndexPage(
            title="Talks and engagement",
            slug="engagement",
            show_in_menus=True,
            introduction="Talks, posters, events we organise, visits, service and outreach.",
        ),
    )
    today = timezone.localdate()
    for title, kind, status, note, event, location, online, days, time, speakers in TALKS:
        talk = ActivityPage(
            title=title,
            slug=slugify(title)[:60],
            kind=kind,
            status=status,
            status_note=note,
            event=event,
            location=location,
            online=online,
            start_date=today + datetime.timedelta(days=days),
            start_time=datetime.time.fromisoformat(time) if time else None,
            time_zone="Europe/London",
            abstract="An overview of recent work from the group, with time for questions.",
        )
        talk.involved = [
            ActivityPerson(person=context.objects[f"person:{slug}"]) for slug in speakers
        ]
        child_page(context, index, talk)
    for item in ENGAGEMENT:
        start = today + datetime.timedelta(days=item["days"])
        activity = ActivityPage(
            title=item["title"],
            slug=slugify(item["title"])[:60],
            kind=item["kind"],
            status=item.get("status", "planned" if start >= today else "done"),
            status_note=item.get("status_note", ""),
            event=item.get("event", ""),
            event_format=item.get("event_format", ""),
            host=item.get("host", ""),
            institution=item.get("institution", ""),
            location=item.get("location", ""),
            start_date=start,
            end_date=today + datetime.timedelta(days=item["end_days"])
            if "end_days" in item
            else None,
            abstract=item.get("abstract", ""),
        )
        activity.involved = [
            ActivityPerson(person=context.objects[f"person:{slug}"], role=role)
            for slug, role in item["people"]
        ]
        child_page(context, index, activity)


# title -> links, award, lay summary, themes, DOI, note
PUBLICATION_EXTRAS = {
    "Sharpness-aware training restricted to normalisation layers": {
        "links": [
            ("preprint", "https://www.example.org/preprints/sam-norm"),
            ("code", "https://github.com/example-tidewater/sam-norm"),
            ("blog", "https://www.example.org/blog/sam-norm"),
            ("poster", "https://www.example.org/posters/sam-norm.pdf"),
        ],
        "lay": "Training only a small part of a network in a special way makes it generalise better, at a fraction of the cost.",
        "themes": ["training-dynamics"],
        "doi": "10.5555/tidewater.2026.001",
    },
    "Tiny detectors for whale calls on moored hydrophones": {
        "links": [
            ("code", "https://github.com/example-tidewater/tiny-detectors"),
            ("data", "https://www.example.org/data/hydrophones"),
            ("slides", "https://www.example.org/slides/tiny-detectors.pdf"),
            ("video", "https://www.example.org/video/tiny-detectors"),
        ],
        "award": "Best paper award, Workshop on Machine Learning for the Oceans 2025",
        "lay": "Small programs running on underwater microphones can recognise whale calls for months on a single battery.",
        "themes": ["ocean-sensing"],
    },
    "Multirate optimisers for transfer learning": {
        "links": [
            ("preprint", "https://www.example.org/preprints/multirate"),
            ("errata", "https://www.example.org/errata/multirate.pdf"),
        ],
        "themes": ["training-dynamics"],
        "note": "Full paper under review; a short version appeared at a workshop.",
    },
    "Calibrated seabed habitat classification from towed cameras": {
        "lay": "Our classifier tells ecologists not only what is on the seabed but how sure it is.",
        "themes": ["reliable-predictions", "ocean-sensing"],
    },
}


@register("research.publication_extras", order=28)
def load_publication_extras(context: DemoContext) -> None:

    themes = {t.slug: t for t in ResearchThemePage.objects.all()}
    for title, extras in PUBLICATION_EXTRAS.items():
        page = PublicationPage.objects.filter(title=title).first()
        if page is None or page.links.exists() or page.lay_summary:
            continue
        page.links = [PublicationLink(kind=k, url=u) for k, u in extras.get("links", [])]
        if extras.get("award"):
            page.awards = [PublicationAward(name=extras["award"])]
        page.lay_summary = extras.get("lay", "")
        page.note = extras.get("note", "")
        page.doi = extras.get("doi", "")
        page.themes = [themes[slug] for slug in extras.get("themes", [])]
        page.save_revision().publish()


GRANTS = [
    # funder, scheme, number, amount, currency, url
    (
        "Eastmere Research Council",
        "New Investigator Award",
        "ERC-NI-2024-0117",
        "412000",
        "GBP",
        "https://www.example.org/grants/erc-ni-2024-0117",
    ),
    ("Northern Seas Foundation", "Ocean Technology Programme", "NSF-OT-88", "150000", "EUR", ""),
    ("Eastmere Research Council", "Doctoral Training Grant", "ERC-DTG-2021-09", None, "", ""),
]

PROJECTS = [
    # slug, title, status, start offset (days), end offset, summary, team, grants, themes
    (
        "listening-reefs",
        "Listening reefs",
        "active",
        -400,
        700,
        "Months-long acoustic monitoring of reefs with tiny on-device classifiers.",
        [
            ("maren-okafor", "lead"),
            ("kofi-brandt", "student"),
            ("external:Dr Hanne Rasmussen", "collaborator"),
        ],
        [0, 1],
        ["ocean-sensing"],
    ),
    (
        "trustworthy-tides",
        "Trustworthy tide forecasts",
        "active",
        -200,
        900,
        "Forecasts of coastal water levels that say how sure they are.",
        [("tomasz-bellweather", "lead"), ("lena-fairbairn", "student")],
        [0],
        ["reliable-predictions", "ocean-sensing"],
    ),
    (
        "sharp-minima",
        "Sharp minima in practice",
        "completed",
        -1500,
        -100,
        "A three-year study of where optimisers settle and why it matters for generalisation.",
        [("ines-carrow", "lead"), ("yusuf-amani", "researcher")],
        [2],
        ["training-dynamics"],
    ),
]


@register("research.projects", order=40)  # after people.openings adds the external partner
def load_projects(context: DemoContext) -> None:

    index = child_page(
        context,
        context.home,
        ProjectIndexPage(
            title="Projects",
            slug="projects",
            show_in_menus=True,
            introduction="Funded projects, the people in them, and what they produced.",
        ),
    )
    grants = []
    for funder, scheme, number, amount, currency, url in GRANTS:
        grant, created = Grant.objects.get_or_create(
            funder=funder,
            grant_number=number,
            defaults={
                "scheme": scheme,
                "amount": Decimal(amount) if amount else None,
                "currency": currency,
                "url": url,
            },
        )
        context.created += int(created)
        grants.append(grant)
    today = timezone.localdate()
    publications = list(PublicationPage.objects.order_by("-year", "title")[:6])
    activities = list(ActivityPage.objects.order_by("starts_at")[:4])
    for n, (slug, title, status, start, end, summary, team, grant_ids, themes) in enumerate(
        PROJECTS
    ):
        if ProjectPage.objects.filter(slug=slug).exists():
            continue
        project = ProjectPage(
            title=title,
            slug=slug,
            summary=summary,
            status=status,
            start_date=today + datetime.timedelta(days=start),
            end_date=today + datetime.timedelta(days=end),
            image=landscape_image(context, f"Demo project: {title}"),
            image_alt="An abstract drawing of waves.",
            body=[("paragraph", f"<p>{summary} This page is demo content.</p>")],
            outputs=[
                (
                    "output",
                    {
                        "kind": "code",
                        "title": f"{title}: code",
                        "url": f"https://github.com/example-tidewater/{slug}",
                        "description": "Open-source code for the project's methods.",
                    },
                ),
            ],
        )
        members = []
        for who, role in team:
            if who.startswith("external:"):
                external, created = ExternalPerson.objects.get_or_create(
                    name=who.split(":", 1)[1], defaults={"institution": "Nordic Marine Institute"}
                )
                context.created += int(created)
                members.append(ProjectMember(external=external, role=role))
            else:
                members.append(ProjectMember(person=context.objects[f"person:{who}"], role=role))
        project.team = members
        project.grants = [grants[i] for i in grant_ids]
        project.themes = list(ResearchThemePage.objects.filter(slug__in=themes))
        project.related_publications = publications[n * 2 : n * 2 + 2]
        project.related_activities = activities[n : n + 1]
        child_page(context, index, project)


# Fictional papers for the demo's paper feed: (days ago, hour, title, authors, venue, abstract,
# themes, [(recommender slug, comment)], journal club in N days or None, presenter slug)
SHARED_PAPERS = [
    (
        0,
        9,
        "Calibrated ensembles for drifting buoy arrays",
        "R. Adeyemi, S. Lindqvist, P. Moreau",
        "Demo Journal of Ocean Computing",
        "We study how ensemble forecasts of buoy positions lose calibration as sensors drift, "
        "and propose a re-weighting that restores it with $O(n)$ extra work per step.",
        ["ocean-sensing"],
        [("kofi-brandt", "Their re-weighting trick could fix our drifting-sensor baseline.")],
        6,
        "kofi-brandt",
    ),
    (
        0,
        8,
        "A short note on warm restarts and flat minima",
        "H. Takeda, M. Oduya",
        "Demo Workshop on Optimisation",
        "Warm restarts are often credited with finding flatter minima. We show on three small "
        "benchmarks that the effect disappears once the learning-rate schedule is matched.",
        ["training-dynamics"],
        [
            ("tomasz-bellweather", "A tidy negative result: worth ten minutes."),
            ("maren-okafor", ""),
        ],
        None,
        None,
    ),
    (
        1,
        16,
        "Sparse acoustic sensing with learned dictionaries",
        "L. Varga, C. Nwosu, A. Petit",
        "Demo Transactions on Signal Processing",
        "Learned dictionaries let a sparse hydrophone array reconstruct ship noise fields at a "
        "fraction of the sensors a dense array needs.",
        ["ocean-sensing"],
        [("ines-carrow", "Relevant to the reef listening project; see their section 4.")],
        13,
        "ines-carrow",
    ),
    (
        3,
        11,
        "Normalisation layers as implicit preconditioners",
        "D. Kowalczyk, F. Rahimi",
        "Demo Conference on Learning",
        "We interpret batch and layer normalisation as preconditioners of the loss surface and "
        "derive when each helps optimisation.",
        ["training-dynamics"],
        [
            ("tomasz-bellweather", "Closest thing to a theory of why our layer swap worked."),
            ("yusuf-amani", ""),
            ("lena-fairbairn", "Read with the appendix."),
        ],
        -8,
        "tomasz-bellweather",
    ),
]


@register("research.paper_feed", order=45)
def load_paper_feed(context: DemoContext) -> None:

    # Demo groups loaded before the feature had one name have their feed at /reading/: keep it.
    feed = PaperFeedPage.objects.child_of(context.home).first() or child_page(
        context,
        context.home,
        PaperFeedPage(
            title="Paper feed",
            slug="paper-feed",
            show_in_menus=True,
            introduction="Papers from elsewhere that group members think are worth your time, "
            "and what the journal club discusses next. Demo content: these papers are made up.",
        ),
    )
    if FeedPaper.objects.filter(feed=feed).exists():
        return
    now = timezone.localtime()
    today = now.date()
    for n, (ago, hour, title, authors, venue, abstract, themes, recs, club, presenter) in enumerate(
        SHARED_PAPERS
    ):
        added = now.replace(hour=hour, minute=10 * n, second=0, microsecond=0) - datetime.timedelta(
            days=ago
        )
        paper = FeedPaper(
            feed=feed,
            url=f"https://example.org/demo-papers/{n + 1}",
            title=title,
            authors=authors,
            venue=venue,
            abstract=abstract,
            published=today - datetime.timedelta(days=30 + 10 * n),
            added_at=min(added, now),
            club_date=today + datetime.timedelta(days=club) if club is not None else None,
            club_presenter=context.objects.get(f"person:{presenter}") if presenter else None,
        )
        paper.save()
        paper.themes.set(ResearchThemePage.objects.filter(slug__in=themes))
        paper.save()
        for slug, comment in recs:
            PaperRecommendation.objects.create(
                paper=paper, person=context.objects[f"person:{slug}"], comment=comment
            )
        context.created += 1


# The second demo group's papers; the first is co-written with the member both groups share.
SECOND_GROUP_PUBLICATIONS = [
    ("Acoustic estimates of sea-ice thickness from a moored hydrophone", 2026, "published",
     "article", "Journal of Polar Instrumentation", ["malik-oduya", "astrid-nyberg"]),
    ("A winter on one battery: duty cycling for fjord sensor networks", 2025, "published",
     "inproceedings", "Workshop on Sensing in Cold Waters",
     ["hedda-solberg", "tomasz-bellweather", "astrid-nyberg"]),
]  # fmt: skip


@register("research.second_group", order=93, one_group=False)
def load_second_group_publications(context: DemoContext) -> None:
    from labsite.demo_content import second_group_home
    from people.models import PersonPage

    home = second_group_home(context)
    if home is None:
        return
    index = home.get_children().type(PublicationIndexPage).first().specific
    for title, year, status, kind, venue, members in SECOND_GROUP_PUBLICATIONS:
        people = {p.slug: p for p in PersonPage.objects.filter(slug__in=members)}
        authors = [PublicationAuthor(person=people[slug]) for slug in members]
        _add_publication(context, index, title, year, status, kind, venue, authors)


@register("research.expertise", order=27)
def load_expertise_finder(context: DemoContext) -> None:
    from research.expertise.models import ExpertiseFinderPage

    child_page(
        context,
        context.home,
        ExpertiseFinderPage(
            title="Find an expert",
            slug="find-an-expert",
            introduction=(
                "Paste the abstract of a paper, a funding call or a few keywords: the people "
                "whose publications match it best come first, with the papers that matched."
            ),
        ),
    )


COURSES = [
    # code, title, term, year, level, summary, teachers (slug, role), materials (title, kind, url)
    (
        "OCE 301",
        "Ocean acoustics",
        "Autumn 2026",
        2026,
        "undergraduate",
        "How sound travels in the sea, and how we listen to it: from the wave equation to "
        "hydrophone arrays on the group's moorings.",
        [("maren-okafor", "lecturer"), ("tomasz-bellweather", "assistant")],
        [("Course syllabus", "syllabus", "https://example.org/oce301/syllabus"),
         ("Lecture recordings", "recording", "https://example.org/oce301/recordings")],
    ),
    (
        "ML 540",
        "Training dynamics of neural networks",
        "Spring 2026",
        2026,
        "masters",
        "Why training works when it does: loss landscapes, sharpness and normalisation, with "
        "weekly exercises in Python.",
        [("daniel-oyelaran", "lecturer"), ("maren-okafor", "guest")],
        [("Exercises", "exercises", "https://example.org/ml540/exercises")],
    ),
    (
        "",
        "Summer school on open ocean data",
        "July 2025",
        2025,
        "summer_school",
        "A week of hands-on work with public buoy and glider data for doctoral students.",
        [("tomasz-bellweather", "coordinator")],
        [],
    ),
]  # fmt: skip


@register("research.teaching", order=28)
def load_teaching(context: DemoContext) -> None:
    from research.teaching.models import (
        CourseMaterial,
        CoursePage,
        CourseTeacher,
        TeachingIndexPage,
    )

    index = child_page(
        context,
        context.home,
        TeachingIndexPage(
            title="Teaching",
            slug="teaching",
            show_in_menus=True,
            introduction="Courses the group's members teach, with their materials.",
        ),
    )
    for code, title, term, year, level, summary, teachers, materials in COURSES:
        course = CoursePage(
            title=title, slug=slugify(title), code=code, term=term, year=year, level=level,
            summary=summary, body=[("paragraph", f"<p>{summary}</p>")],
        )  # fmt: skip
        course.teachers = [
            CourseTeacher(person=context.objects[f"person:{slug}"], role=role)
            for slug, role in teachers
        ]
        course.materials = [CourseMaterial(title=t, kind=k, url=u) for t, k, u in materials]
        child_page(context, index, course)
