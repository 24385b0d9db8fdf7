"""Openings close themselves at their deadline, read in the deadline's own time zone."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from people.models import OpeningIndexPage, OpeningPage

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = datetime.UTC


@pytest.fixture
def new_york_opening(db):
    """An opening closing at 17:00 New York time on 15 January 2027 (22:00 UTC)."""
    index = OpeningIndexPage.objects.get()
    opening = OpeningPage(
        title="Visiting researcher in New York",
        slug="visiting-new-york",
        kind="visiting",
        summary="A three-month visit.",
        deadline_date=datetime.date(2027, 1, 15),
        deadline_time=datetime.time(17, 0),
        deadline_timezone="America/New_York",
    )
    index.add_child(instance=opening)
    opening.save_revision().publish()
    return opening


def test_deadline_is_stored_as_the_moment_in_its_own_time_zone(new_york_opening):
    assert new_york_opening.deadline == datetime.datetime(2027, 1, 15, 22, 0, tzinfo=UTC)
    assert new_york_opening.local_deadline.tzinfo.key == "America/New_York"


@pytest.mark.django_db
def test_opening_is_listed_until_its_deadline_and_closes_at_it(client, new_york_opening):
    just_before = datetime.datetime(2027, 1, 15, 16, 59, tzinfo=NEW_YORK)
    just_after = datetime.datetime(2027, 1, 15, 17, 1, tzinfo=NEW_YORK)
    with time_machine.travel(just_before, tick=False):
        assert "Visiting researcher in New York" in client.get("/openings/").content.decode()
        assert "Visiting researcher in New York" in client.get("/").content.decode()
        page = client.get(new_york_opening.url).content.decode()
        assert "This opening has closed" not in page
        assert "15 January 2027, 17:00 (America/New_York)" in page
    with time_machine.travel(just_after, tick=False):
        assert "Visiting researcher in New York" not in client.get("/openings/").content.decode()
        assert "Visiting researcher in New York" not in client.get("/").content.decode()
        response = client.get(new_york_opening.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "This opening has closed" in html
        assert 'href="/openings/"' in html
        assert "Visiting researcher in New York" in client.get("/openings/past/").content.decode()
    assert OpeningPage.objects.filter(pk=new_york_opening.pk, live=True).exists(), (
        "nothing is deleted"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/openings/", "/", "/openings/visiting-new-york/", "/openings/past/"]
)
def test_no_cache_may_keep_a_page_past_the_next_deadline(
    client, new_york_opening, url, purged_proxy
):
    ten_seconds_before = datetime.datetime(2027, 1, 15, 21, 59, 50, tzinfo=UTC)
    with time_machine.travel(ten_seconds_before, tick=False):
        response = client.get(url)
    s_maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
    assert s_maxage <= 10 and "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_other_pages_get_the_default_cache_lifetime(client, purged_proxy, settings):
    response = client.get("/research/")
    assert f"s-maxage={settings.PAGE_CACHE_SECONDS}" in response["Cache-Control"]


@pytest.mark.django_db
def test_open_until_filled_opening_stays_open(client):
    opening = OpeningPage.objects.get(slug="postdoc-uncertainty")
    assert opening.deadline is None and opening.open_until_filled
    with time_machine.travel(datetime.datetime(2040, 1, 1, tzinfo=UTC), tick=False):
        assert opening.is_open()
        assert opening.title in client.get("/openings/").content.decode()


@pytest.mark.django_db
def test_opening_needs_a_deadline_or_open_until_filled():
    opening = OpeningPage(title="x", slug="x", summary="y", kind="phd")
    with pytest.raises(ValidationError) as error:
        opening.clean()
    assert "open until filled" in str(error.value.message_dict["deadline_date"])


@pytest.mark.django_db
def test_opening_page_lists_member_and_external_supervisors(client):
    html = client.get("/openings/phd-ocean-acoustics-2027/").content.decode()
    assert 'href="/people/maren-okafor/"' in html
    assert "Dr Hanne Rasmussen" in html and "Nordic Marine Institute" in html
    assert "Doctoral Training Programme in Ocean Data Science" in html


@pytest.mark.django_db
def test_closed_demo_opening_is_in_the_archive_not_the_list(client):
    current = client.get("/openings/").content.decode()
    past = client.get("/openings/past/").content.decode()
    assert "learning tidal dynamics" not in current
    assert "learning tidal dynamics" in past


@pytest.mark.django_db
def test_an_opening_with_no_way_to_apply_is_not_published(admin_client_logged_in, tree):
    from django.urls import reverse

    from tests.support.admin_forms import form_data

    add = reverse("wagtailadmin_pages:add", args=["people", "openingpage", tree.openings.pk])
    html = admin_client_logged_in.get(add).content.decode()
    fields = {
        "title": "PhD on drifting sensors",
        "kind": "phd",
        "slug": "phd-drifting-sensors",
        "summary": "A funded PhD.",
        "deadline_date": (datetime.date.today() + datetime.timedelta(days=40)).isoformat(),
        "deadline_time": "23:59",
        # StreamFields are drawn by JavaScript: an empty one posts only its count.
        "description-count": "0",
    }
    response = admin_client_logged_in.post(
        add, form_data(html, **fields, **{"action-publish": "publish"})
    )
    assert response.status_code == 200
    assert "Applicants would have no way to apply" in response.content.decode()
    assert not OpeningPage.objects.filter(slug="phd-drifting-sensors").exists()
    # A draft may be incomplete; with an address to apply at, it publishes.
    assert admin_client_logged_in.post(add, form_data(html, **fields)).status_code == 302
    draft = OpeningPage.objects.get(slug="phd-drifting-sensors")
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    html = admin_client_logged_in.get(edit).content.decode()
    response = admin_client_logged_in.post(
        edit,
        form_data(
            html,
            application_url="https://jobs.example.org/123",
            **{"description-count": "0", "action-publish": "publish"},
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_a_new_opening_has_no_kind_until_the_editor_chooses_one(admin_client, tree):
    """Issue 40, finding 6: the kind defaulted to the first choice, and a PhD went out as a
    postdoc. The form starts at a blank choice and refuses to publish without one."""
    from bs4 import BeautifulSoup
    from django.urls import reverse

    url = reverse("wagtailadmin_pages:add", args=["people", "openingpage", tree.openings.pk])
    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    kind = soup.select_one("select[name=kind]")
    assert (
        kind.select_one("option[selected]") is None
        or kind.select_one("option[selected]")["value"] == ""
    )
    assert kind.select("option")[0]["value"] == ""
    from tests.support.admin_forms import form_data

    data = form_data(
        admin_client.get(url).content.decode(),
        title="A position",
        slug="a-position",
        summary="Short.",
        application_url="https://jobs.example.org/1",
        **{"description-count": "0", "action-publish": "publish"},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error: nothing saved
    assert "kind" in response.context["form"].errors


def test_a_publications_links_are_on_its_identifiers_and_links_tab(admin_client, tree):
    from bs4 import BeautifulSoup
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:add", args=["research", "publicationpage", tree.publications.pk]
    )
    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    tabs = {
        tab.get("aria-labelledby") or tab.get("id"): tab
        for tab in soup.select("section[role=tabpanel]")
    }
    links_tab = [t for t in tabs.values() if t.select_one("[id^=id_links-TOTAL_FORMS]")]
    assert len(links_tab) == 1
    label = soup.select_one(f"#{links_tab[0]['aria-labelledby']}").get_text(" ", strip=True)
    assert label.startswith("Identifiers and links")
