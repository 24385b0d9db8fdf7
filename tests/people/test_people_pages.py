"""The people index, profiles and alumni, as visitors see them."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from people.models import PersonPage
from tests.growth import add_people
from tests.querycount import assert_constant_queries


@pytest.mark.django_db
def test_people_index_groups_members_by_role_in_configured_order(client):
    html = client.get("/people/").content.decode()
    headings = re.findall(r"<h2 id=\"role-\d+\">([^<]+)</h2>", html)
    assert headings[:3] == [
        "Principal investigators",
        "Postdoctoral researchers",
        "Research engineers",
    ]
    assert html.index("Maren Okafor") < html.index("Tomasz Bellweather")


@pytest.mark.django_db
def test_alumni_are_listed_separately_with_years_and_next_position(client):
    html = client.get("/people/").content.decode()
    alumni = html[html.index('id="alumni"') :]
    assert "Daniel Oyelaran" in alumni
    assert "2019–2022" in alumni
    assert "Lecturer at the University of Westholm" in alumni
    assert "Maren Okafor" not in alumni


@pytest.mark.django_db
def test_member_becomes_alumnus_the_day_after_their_end_date(client, purged_proxy):
    person = PersonPage.objects.get(slug="sofia-lindqvist")  # ends 2027-02-28
    person.end_date = timezone.localdate() + datetime.timedelta(days=10)
    person.save_revision().publish()
    end = person.end_date

    def alumni_part():
        html = client.get("/people/").content.decode()
        return html[html.index('id="alumni"') :]

    with time_machine.travel(datetime.datetime.combine(end, datetime.time(12)), tick=False):
        assert "Sofia Lindqvist" not in alumni_part()
        response = client.get("/people/")
        # Caches may keep the page at most until the end of the person's last day.
        s_maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
        assert s_maxage <= 12 * 3600
    with time_machine.travel(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(0, 1)), tick=False
    ):
        assert "Sofia Lindqvist" in alumni_part()


@pytest.mark.django_db
def test_profile_shows_links_and_protects_the_email_address(client):
    html = client.get("/people/maren-okafor/").content.decode()
    assert "maren.okafor@example.org" not in html
    assert "mailto:" not in html
    assert "maren.okafor [at] example [dot] org" in html
    assert "https://orcid.org/0009-" in html
    assert "https://github.com/maren-okafor-demo" in html


@pytest.mark.django_db
def test_profile_shows_themes_and_publications(client):
    html = client.get("/people/ines-carrow/").content.decode()
    assert "Reliable predictions under uncertainty" in html
    assert "Calibrated seabed habitat classification from towed cameras" in html


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
