"""The whole demo of `make run`: the Tidewater group, a second group (one member shared with
Tidewater), a department front page listing both, and a few pages in German. The suite's own
database holds the first group only (``load_demo --one-group``); this test loads the rest."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "fjord.localhost", "localhost"]
    call_command("load_demo", no_admin=True, verbosity=0, stdout=io.StringIO())


def test_make_run_shows_two_groups_a_department_and_a_second_language(showcase, client):
    assert {site.hostname for site in Site.objects.all()} >= {"fjord.localhost", "localhost"}

    fjord_people = client.get("/people/", HTTP_HOST="fjord.localhost:8000").content.decode()
    assert "Astrid Nyberg" in fjord_people and "Malik Oduya" in fjord_people
    # The member both groups share: listed by the second group, linking to their one page.
    assert "Tomasz Bellweather" in fjord_people
    tidewater_people = client.get("/people/").content.decode()
    assert "Tomasz Bellweather" in tidewater_people and "Astrid Nyberg" not in tidewater_people

    department = client.get("/", HTTP_HOST="localhost:8000")
    assert department.status_code == 200
    html = department.content.decode()
    assert "Fjordline Sensing Lab" in html and "Tidewater Learning Group" in html
    assert "Acoustic estimates of sea-ice thickness" in html  # the second group's paper
    assert "PhD studentship: listening to sea ice" in html  # and its opening

    german_home = client.get("/de/")
    assert german_home.status_code == 200 and "Lernen, das auf See besteht" in (
        german_home.content.decode()
    )
    opening = client.get("/de/stellen/promotion-meeresakustik-2027/")
    assert opening.status_code == 200 and '<html lang="de"' in opening.content.decode()
    assert 'hreflang="de"' in client.get("/about/").content.decode()


def test_loading_the_whole_demo_again_changes_nothing(showcase):
    before = (Page.objects.count(), Site.objects.count())
    out = io.StringIO()
    call_command("load_demo", no_admin=True, verbosity=0, stdout=out)
    assert (Page.objects.count(), Site.objects.count()) == before
    assert "0 new object(s)" in out.getvalue()
