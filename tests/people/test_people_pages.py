"""The people index, profiles and alumni, as visitors see them."""

import datetime
import re

import pytest
import time_machine
from django.db.models import Q
from django.utils import timezone

from people.models import PersonPage
from research.themes.models import ThemeMember
from tests.factories import (
    PersonPageFactory,
    PublicationAuthorFactory,
    PublicationPageFactory,
    ResearchThemePageFactory,
    RoleFactory,
)
from tests.growth import add_people
from tests.querycount import assert_constant_queries


@pytest.mark.django_db
def test_people_index_groups_members_by_role_in_configured_order(client, tree):
    # Sort orders below the demo's, so these roles come first.
    heads = RoleFactory(name="Head", plural_name="Heads of group", sort_order=1)
    fellows = RoleFactory(name="Fellow", plural_name="Research fellows", sort_order=2)
    PersonPageFactory(parent=tree.people, role=fellows, given_names="Ann", family_name="Zeller")
    PersonPageFactory(parent=tree.people, role=heads, given_names="Bo", family_name="Young")
    PersonPageFactory(parent=tree.people, role=fellows, given_names="Cy", family_name="Abbot")
    html = client.get(tree.people.url).content.decode()
    headings = re.findall(r"<h2 id=\"role-\d+\">([^<]+)</h2>", html)
    assert headings[:2] == ["Heads of group", "Research fellows"]
    # Within a role, by family name.
    assert html.index("Bo Young") < html.index("Cy Abbot") < html.index("Ann Zeller")


@pytest.mark.django_db
def test_alumni_are_listed_separately_with_years_and_next_position(client, tree):
    PersonPageFactory(
        parent=tree.people,
        given_names="Dara",
        family_name="Formerly",
        start_date=datetime.date(2019, 10, 1),
        end_date=datetime.date(2022, 9, 30),
        next_position="Lecturer at the University of Elsewhere",
    )
    PersonPageFactory(parent=tree.people, given_names="Eli", family_name="Current")
    html = client.get(tree.people.url).content.decode()
    alumni = html[html.index('id="alumni"') :]
    assert "Dara Formerly" in alumni
    assert "2019–2022" in alumni
    assert "Lecturer at the University of Elsewhere" in alumni
    assert "Eli Current" not in alumni and "Eli Current" in html


@pytest.mark.django_db
def test_member_becomes_alumnus_the_day_after_their_end_date(client, purged_proxy, tree):
    end = timezone.localdate() + datetime.timedelta(days=10)
    person = PersonPageFactory(
        parent=tree.people, given_names="Sofia", family_name="Leaving", end_date=end
    )
    person.save_revision().publish()

    def alumni_part():
        html = client.get(tree.people.url).content.decode()
        return html[html.index('id="alumni"') :]

    with time_machine.travel(datetime.datetime.combine(end, datetime.time(12)), tick=False):
        assert "Sofia Leaving" not in alumni_part()
        response = client.get(tree.people.url)
        # Caches may keep the page at most until the end of the person's last day.
        s_maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
        assert s_maxage <= 12 * 3600
    with time_machine.travel(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(0, 1)), tick=False
    ):
        assert "Sofia Leaving" in alumni_part()


@pytest.mark.django_db
def test_profile_shows_links_and_protects_the_email_address(client, tree):
    person = PersonPageFactory(
        parent=tree.people,
        email="rhea.linked@example.org",
        orcid="0000-0002-1825-0097",
        github="https://github.com/rhea-linked",
    )
    html = client.get(person.url).content.decode()
    assert "rhea.linked@example.org" not in html
    assert "mailto:" not in html
    assert "rhea.linked [at] example [dot] org" in html
    assert "https://orcid.org/0000-0002-1825-0097" in html
    assert "https://github.com/rhea-linked" in html


@pytest.mark.django_db
def test_profile_shows_themes_and_publications(client, tree):
    person = PersonPageFactory(parent=tree.people)
    theme = ResearchThemePageFactory(parent=tree.research, title="Estuarine turbulence")
    ThemeMember.objects.create(theme=theme, person=person)
    paper = PublicationPageFactory(parent=tree.publications, title="Mixing in a tidal channel")
    PublicationAuthorFactory(page=paper, person=person)
    html = client.get(person.url).content.decode()
    assert "Estuarine turbulence" in html
    assert "Mixing in a tidal channel" in html


@pytest.mark.django_db
def test_people_photos_use_sized_modern_renditions(client):
    html = client.get("/people/").content.decode()
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    img_tags = re.findall(r"<img [^>]+>", html)
    assert img_tags
    for tag in img_tags:
        assert 'width="' in tag and 'height="' in tag and 'alt="' in tag
    assert "/original_images/" not in html


@pytest.mark.django_db
def test_people_index_query_count_same_at_12_and_200_people(client):
    assert PersonPage.objects.count() == 12
    counts = assert_constant_queries(
        client, ["/people/", "/people/maren-okafor/", "/supervision/"], lambda: add_people(188)
    )
    assert PersonPage.objects.count() == 200
    print(counts)


@pytest.mark.django_db
def test_the_people_page_stays_one_screen_per_role_and_links_to_the_rest(client, tree):
    from people.profiles.models import ROLE_SHORTLIST, role_shortlist
    from tests.factories import PersonPageFactory, RoleFactory

    role = RoleFactory(name="Visiting student", plural_name="Visiting students", sort_order=90)
    for n in range(ROLE_SHORTLIST + 6):
        PersonPageFactory(parent=tree.people, role=role, family_name=f"Visitor{n:02d}")
    long_gone = datetime.date(2020, 1, 1)
    for n in range(ROLE_SHORTLIST + 2):
        PersonPageFactory(
            parent=tree.people,
            role=role,
            family_name=f"Gone{n:02d}",
            start_date=datetime.date(2016, 1, 1),
            end_date=long_gone,
        )
    html = client.get(tree.people.url).content.decode()
    section = html[html.index("Visiting students") :]
    today = datetime.date.today()
    roles = (
        PersonPage.objects.live()
        .descendant_of(tree.people)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values("role")
        .distinct()
        .count()
    )
    assert section.count("Visitor") == role_shortlist(roles) <= ROLE_SHORTLIST
    assert f'href="?role={role.pk}">All {ROLE_SHORTLIST + 6} visiting students</a>' in html
    assert 'href="?alumni=1">All' in html

    listing = client.get(f"{tree.people.url}?role={role.pk}").content.decode()
    assert listing.count("Visitor") >= ROLE_SHORTLIST + 6 and "Gone" not in listing
    alumni = client.get(f"{tree.people.url}?alumni=1").content.decode()
    assert "Gone00" in alumni and "Visitor00" not in alumni
    # A role that does not exist shows the people page itself, never an error.
    assert client.get(f"{tree.people.url}?role=999999").status_code == 200


@pytest.mark.django_db
def test_the_people_page_keeps_its_length_when_the_group_grows(client, tree):
    """Ten roles of 30 people each: each role shows ROLE_SHORTLIST_MIN (the page holds about
    PEOPLE_CARD_BUDGET people, not 300), and links to the rest."""
    from people.profiles.models import PEOPLE_CARD_BUDGET, ROLE_SHORTLIST_MIN, role_shortlist
    from tests.factories import PersonPageFactory, RoleFactory

    small = client.get(tree.people.url).content
    for r in range(10):
        role = RoleFactory(name=f"Team {r}", plural_name=f"Team {r} members", sort_order=200 + r)
        for n in range(30):
            PersonPageFactory(parent=tree.people, role=role, family_name=f"Grown{r:02d}x{n:02d}")
    html = client.get(tree.people.url).content.decode()
    assert html.count("Grown") == 10 * ROLE_SHORTLIST_MIN
    assert role_shortlist(12) == ROLE_SHORTLIST_MIN and role_shortlist(3) * 3 <= PEOPLE_CARD_BUDGET
    assert html.count('">All 30 team') == 10
    # Bounded: the grown page is a few times the demo's, not twenty times.
    assert len(html.encode()) < 6 * len(small)


@pytest.mark.django_db
def test_research_interests_show_on_the_page_and_its_structured_data(client, tree):
    import json

    person = PersonPageFactory(parent=tree.people, title="Oona Perrin")
    person.interests.add("ocean acoustics", "tidal <mixing>")
    person.save_revision().publish()
    html = client.get(person.url).content.decode()
    section = html[html.index('id="interests"') :]
    assert '<li class="badge">ocean acoustics</li>' in section
    assert '<li class="badge">tidal &lt;mixing&gt;</li>' in section
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    people = [item for item in data.get("@graph", [data]) if item.get("@type") == "Person"]
    assert sorted(people[0]["knowsAbout"]) == ["ocean acoustics", "tidal <mixing>"]

    # A preview shows the interests being edited, before they are saved.
    draft = PersonPage.objects.get(pk=person.pk)
    draft.interests.add("sea ice")
    preview = draft.make_preview_request().content.decode()
    assert '<li class="badge">sea ice</li>' in preview
    assert '<li class="badge">sea ice</li>' not in client.get(person.url).content.decode()
