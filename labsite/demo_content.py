"""The core's part of the demo group: settings, home page, news and an about page.

Every name and sentence here is invented for the demo.
"""

import datetime

from wagtail.models import Page, Site

from labsite.demo import DemoContext, child_page, landscape_image, register
from labsite.models import (
    AccessibilitySettings,
    AccessibilityStatementPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PrivacyNoticePage,
    SiteSettings,
    StandardPage,
)

GROUP_NAME = "Tidewater Learning Group"


@register("labsite.site", order=10)
def load_site(context: DemoContext) -> None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        root = Page.get_first_root_node()
        home = root.get_children().type(HomePage).first()
        if home is None:
            home = HomePage(title="Home", slug="home")
            root.add_child(instance=home)
            home.save_revision().publish()
            context.created += 1
        home = home.specific
        if site is None:
            site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        else:
            site.root_page = home
            site.save()
    if site.site_name == "":
        site.site_name = GROUP_NAME
        if (site.hostname, site.port) == ("localhost", 80):
            # The address `make run` serves, so canonical URLs and the sitemap work locally.
            site.hostname, site.port = "127.0.0.1", 8000
        site.save(update_fields=["site_name", "hostname", "port"])
    settings = SiteSettings.for_site(site)
    if settings.group_name == SiteSettings._meta.get_field("group_name").default:
        settings.group_name = GROUP_NAME
        settings.tagline = "Machine learning for coasts, oceans and the dynamics of training"
        settings.institution = "School of Computing, University of Eastmere"
        settings.institution_url = "https://www.example.org/computing"
        settings.contact_email = "tidewater-group@example.org"
        settings.postal_address = "Room 3.14, Harbour Building\n1 Quay Road\nEastmere EM1 2TW"
        settings.profile_links = [
            (
                "link",
                {"kind": "github", "url": "https://github.com/example-tidewater", "label": ""},
            ),
            (
                "link",
                {"kind": "mastodon", "url": "https://mastodon.example.org/@tidewater", "label": ""},
            ),
            (
                "link",
                {
                    "kind": "bluesky",
                    "url": "https://bsky.app/profile/tidewater.example.org",
                    "label": "",
                },
            ),
        ]
        settings.footer_text = "Demo content: every person and paper on this site is fictional."
        settings.save()
    context.home = home


NEWS = [
    (
        "2026-10-02",
        "Welcome to our new PhD students",
        "Three doctoral researchers join the group this autumn, working on sonar, tides and optimisers.",
        "award",
    ),
    (
        "2026-07-15",
        "Best paper award at the Coastal AI workshop",
        "Our paper on calibrated classifiers for seabed imagery received the workshop's best paper award.",
        "award",
    ),
    (
        "2026-05-20",
        "Open day for prospective students",
        "We hosted twenty visitors for a morning of demos with the wave tank and the acoustic buoy.",
        "outreach",
    ),
    (
        "2026-03-04",
        "New grant for long-term ocean sound monitoring",
        "A three-year project will build energy-efficient models that run on moored hydrophones.",
        "funding",
    ),
    (
        "2025-11-18",
        "Group retreat on the north shore",
        "Two days of talks, a reading group on sharpness and a very windy walk along the cliffs.",
        "group",
    ),
]


@register("labsite.news", order=40)
def load_news(context: DemoContext) -> None:
    index = child_page(
        context,
        context.home,
        NewsIndexPage(
            title="News",
            slug="news",
            show_in_menus=True,
            introduction="Papers, prizes, people and events from the group.",
        ),
    )
    for date, title, summary, tag in NEWS:
        image = landscape_image(context, f"Demo news: {title}")
        page = NewsPage(
            title=title,
            slug=title.lower().replace(" ", "-").replace(":", "")[:50],
            date=datetime.date.fromisoformat(date),
            summary=summary,
            image=image,
            image_alt="An abstract drawing of waves in the group's colours.",
            body=[
                ("paragraph", f"<p>{summary} More details will follow on this page.</p>"),
            ],
        )
        page.tags.add(tag)
        child_page(context, index, page)


@register("labsite.about", order=50)
def load_about(context: DemoContext) -> None:
    child_page(
        context,
        context.home,
        StandardPage(
            title="About",
            slug="about",
            show_in_menus=True,
            introduction=(
                "We build learning methods that stay reliable when data are scarce, noisy or "
                "gathered far out at sea, and we study why training works at all."
            ),
            body=[
                ("heading", {"text": "How we work", "level": "h2"}),
                (
                    "paragraph",
                    "<p>We share code openly, co-design studies with marine scientists, "
                    "and meet weekly for a reading group that anyone may join.</p>",
                ),
                ("quote", {"text": "Measure twice, train once.", "attribution": "Group motto"}),
                (
                    "equation",
                    {"latex": r"\theta_{t+1} = \theta_t - \eta \nabla L(\theta_t)", "label": "(1)"},
                ),
                (
                    "call_to_action",
                    {
                        "heading": "Join us",
                        "text": "We are recruiting PhD students.",
                        "button_label": "See open positions",
                        "page": None,
                        "url": "https://www.example.org/computing/study",
                    },
                ),
            ],
        ),
    )
    home = context.home
    if not home.body:
        research = Page.objects.child_of(home).filter(slug="research").first()
        home.body = [
            (
                "hero",
                {
                    "heading": "Learning that holds up at sea",
                    "text": (
                        "The Tidewater Learning Group develops machine learning for coastal and ocean "
                        "sensing, and the mathematics that explains how such models train."
                    ),
                    "image": None,
                    "primary_page": research,
                    "primary_label": "Explore our research",
                },
            ),
            ("latest", {"section": "themes", "heading": "Research themes", "count": 3}),
            ("latest", {"section": "publications", "heading": "", "count": 5}),
            ("latest", {"section": "openings", "heading": "", "count": 3}),
            ("latest", {"section": "talks", "heading": "", "count": 3}),
            ("latest", {"section": "news", "heading": "", "count": 3}),
        ]
        home.save_revision().publish()


@register("labsite.accessibility", order=55)
def load_accessibility_statement(context: DemoContext) -> None:
    site = context.home.get_site()
    settings = AccessibilitySettings.for_site(site)
    if not settings.enforcement_body:
        settings.contact_name = "The web team of the School of Computing"
        settings.enforcement_body = "The national equality and accessibility agency"
        settings.enforcement_url = "https://www.example.org/accessibility-complaints"
        settings.save()
    child_page(
        context,
        context.home,
        AccessibilityStatementPage(
            title="Accessibility statement",
            slug="accessibility",
            compliance="partial",
            prepared_on=datetime.date(2025, 9, 1),
            reviewed_on=datetime.date(2026, 9, 1),
            barriers=[
                (
                    "barrier",
                    {
                        "problem": "Some older papers are scanned PDFs without text, so screen "
                        "readers cannot read them.",
                        "reason": "non_compliance",
                        "criteria": "1.1.1",
                        "alternative": "Write to us and we send the paper in an accessible format.",
                        "fixed_by": datetime.date(2027, 6, 30),
                    },
                ),
                (
                    "barrier",
                    {
                        "problem": "Recordings of talks from before 2020 have no captions.",
                        "reason": "out_of_scope",
                        "criteria": "1.2.2",
                        "alternative": "",
                        "fixed_by": None,
                    },
                ),
            ],
        ),
    )


@register("labsite.privacy", order=56)
def load_privacy_notice(context: DemoContext) -> None:
    child_page(
        context,
        context.home,
        PrivacyNoticePage(
            title="Privacy notice",
            slug="privacy",
            contact_email="data-protection@eastmere.example.org",
            authority="The national data protection authority",
            authority_url="https://www.example.org/data-protection-complaints",
        ),
    )


# A second, smaller group on the same install, and the department's front page listing both:
# what a department hosting several groups sees after `make run`. Addresses under .localhost
# reach this machine in browsers and curl without any set-up.
SECOND_GROUP = ("Fjordline Sensing Lab", "fjord.localhost")
DEPARTMENT = ("School of Computing: research groups", "localhost")
DEMO_PORT = 8000


def second_group_home(context: DemoContext):
    """The second group's home page (made by the step below), or None."""
    site = Site.objects.filter(hostname=SECOND_GROUP[1]).select_related("root_page").first()
    return site.root_page.specific if site else None


@register("labsite.second_group", order=91, one_group=False)
def load_second_group(context: DemoContext) -> None:
    from labsite.groups.services import create_group

    if second_group_home(context) is None:
        name, hostname = SECOND_GROUP
        create_group(name, hostname, port=DEMO_PORT)
        context.created += 1
    home = second_group_home(context)
    site = Site.objects.get(root_page=home)
    # Demo databases from before create_group put its pages in the menu: give them one too.
    children = Page.objects.child_of(home)
    if not children.in_menu().exists():
        for page in children.live().specific():
            page.show_in_menus = True
            page.save_revision().publish()
    settings = SiteSettings.for_site(site)
    if not settings.tagline:
        settings.tagline = "Sensors, signals and models for fjords and sea ice"
        settings.institution = "School of Computing, University of Eastmere"
        settings.institution_url = "https://www.example.org/computing"
        settings.contact_email = "fjordline-lab@example.org"
        settings.footer_text = "Demo content: every person and paper on this site is fictional."
        settings.save()
    if not home.body:
        home.body = [
            (
                "hero",
                {
                    "heading": "Instruments that learn where the ice meets the sea",
                    "text": (
                        "The Fjordline Sensing Lab builds low-power sensor networks for fjords "
                        "and sea ice, and the models that make sense of what they record."
                    ),
                    "image": None,
                    "primary_page": None,
                    "primary_label": "",
                },
            ),
            ("latest", {"section": "publications", "heading": "", "count": 5}),
            ("latest", {"section": "openings", "heading": "", "count": 3}),
            ("latest", {"section": "news", "heading": "", "count": 3}),
        ]
        home.save_revision().publish()
    news = home.get_children().type(NewsIndexPage).first()
    if news is not None:
        child_page(
            context,
            news.specific,
            NewsPage(
                title="Our buoy survived its first winter in the fjord",
                slug="buoy-first-winter",
                date=datetime.date(2026, 4, 12),
                summary="Six months of temperature, salinity and sound, recorded under the ice.",
                body=[("paragraph", "<p>The data are being cleaned and will be shared.</p>")],
            ),
        )
    context.objects["second_group:home"] = home


@register("labsite.department", order=99, one_group=False)
def load_department(context: DemoContext) -> None:
    """The department's front page: every group, their latest papers and open positions."""
    title, hostname = DEPARTMENT
    if Site.objects.filter(hostname=hostname, port=DEMO_PORT).exists():
        return
    root = Page.get_first_root_node()
    home = HomePage(
        title=title,
        slug="department",
        body=[
            (
                "hero",
                {
                    "heading": "Research groups in the School of Computing",
                    "text": "Each group keeps its own site; this page gathers their latest work.",
                    "image": None,
                    "primary_page": None,
                    "primary_label": "",
                },
            ),
            ("latest", {"section": "groups", "heading": "", "count": 12}),
            ("latest", {"section": "department_publications", "heading": "", "count": 6}),
            ("latest", {"section": "department_openings", "heading": "", "count": 6}),
        ],
    )
    if root.get_children().filter(slug=home.slug).exists():
        home = root.get_children().get(slug=home.slug).specific
    else:
        root.add_child(instance=home)
        home.save_revision().publish()
        context.created += 1
    site = Site.objects.create(hostname=hostname, port=DEMO_PORT, root_page=home, site_name=title)
    settings = SiteSettings.for_site(site)
    settings.group_name = "School of Computing"
    settings.tagline = "Research groups of the School of Computing, University of Eastmere"
    settings.footer_text = "Demo content: every group, person and paper here is fictional."
    settings.save()


# The demo's second language: a few pages in German, so the language switcher, hreflang links
# and /de/ addresses can be seen. Only when German is one of the install's languages.
GERMAN_HOME = {
    "title": "Tidewater Lerngruppe",
    "heading": "Lernen, das auf See besteht",
    "text": (
        "Die Tidewater-Gruppe entwickelt maschinelles Lernen für Küsten- und Meeresmessungen "
        "und die Mathematik, die erklärt, wie solche Modelle trainieren."
    ),
}
GERMAN_ABOUT = {
    "title": "Über uns",
    "slug": "ueber-uns",
    "introduction": (
        "Wir entwickeln Lernverfahren, die verlässlich bleiben, wenn Daten knapp, verrauscht "
        "oder weit draußen auf See gesammelt sind."
    ),
    "body": (
        "<p>Wir teilen unseren Code offen, planen Studien gemeinsam mit Meeresforschenden und "
        "treffen uns wöchentlich zu einem offenen Lesekreis.</p>"
    ),
}


def translate_page(context: DemoContext, page: Page, language: str, **fields) -> Page | None:
    """The page's translation into ``language``, made and published once (None if the page's
    parent has no translation yet). Editors' later changes to it are kept."""
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    if parent.depth > 1 and parent.get_translation_or_none(locale) is None:
        return None
    translation = page.specific.copy_for_translation(locale)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    context.created += 1
    return translation


def german_enabled() -> bool:
    from django.conf import settings

    return settings.WAGTAIL_I18N_ENABLED and "de" in dict(settings.LANGUAGES)


@register("labsite.german", order=97, one_group=False)
def load_german(context: DemoContext) -> None:
    if not german_enabled() or context.home is None:
        return
    home = context.home
    body = [
        (
            "hero",
            {
                "heading": GERMAN_HOME["heading"],
                "text": GERMAN_HOME["text"],
                "image": None,
                "primary_page": None,
                "primary_label": "",
            },
        ),
        ("latest", {"section": "publications", "heading": "Neueste Publikationen", "count": 5}),
        ("latest", {"section": "openings", "heading": "Offene Stellen", "count": 3}),
    ]
    translate_page(context, home, "de", title=GERMAN_HOME["title"], slug="home-de", body=body)
    about = Page.objects.child_of(home).filter(slug="about").first()
    if about is not None:
        translate_page(
            context,
            about,
            "de",
            title=GERMAN_ABOUT["title"],
            slug=GERMAN_ABOUT["slug"],
            introduction=GERMAN_ABOUT["introduction"],
            body=[("paragraph", GERMAN_ABOUT["body"])],
        )
