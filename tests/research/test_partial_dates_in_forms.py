"""Issue 40, finding 3: a talk known only to its year needed a made-up day ("2025" -> "Enter a
valid date."), a separate "date known to" choice and a duration. Each date is now one box that
takes what the editor knows; the precision follows; the duration is optional."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from people.supervision.models import Supervision, SupervisionSupervisor
from research.models import ActivityPage
from tests.support.admin_forms import form_data
from tests.support.members import published_person

pytestmark = pytest.mark.django_db


def add_talk(admin_client, tree, **fields):
    url = reverse("wagtailadmin_pages:add", args=["research", "activitypage", tree.engagement.pk])
    html = admin_client.get(url).content.decode()
    data = form_data(
        html,
        **{
            "abstract": "",
            "involved-0-name": "Ada Lovelace",
            "action-publish": "publish",
            **fields,
        },
    )
    return admin_client.post(url, data)


@pytest.mark.parametrize(
    "typed, stored, precision, shown",
    [
        ("2025", datetime.date(2025, 1, 1), "year", "2025"),
        ("März 2025", datetime.date(2025, 3, 1), "month", "March 2025"),
        ("2025-03-14", datetime.date(2025, 3, 14), "day", "14 March 2025"),
    ],
)
def test_a_talk_known_to_its_year_month_or_day_needs_nothing_made_up(
    admin_client, tree, client, typed, stored, precision, shown
):
    response = add_talk(
        admin_client,
        tree,
        title="On drifting ice",
        slug="on-drifting-ice",
        kind="seminar",
        event="Polar Seminar",
        start_date=typed,
        duration_minutes="",
    )
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(
        ".error-message"
    )
    talk = ActivityPage.objects.get(slug="on-drifting-ice")
    assert (talk.start_date, talk.date_precision, talk.duration_minutes) == (
        stored,
        precision,
        None,
    )
    assert shown in client.get(talk.url).content.decode()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[talk.pk])).content.decode()
    box = BeautifulSoup(edit, "html.parser").select_one("input[name=start_date]")
    assert box["value"] == typed if precision != "month" else box["value"] == "2025-03"


def test_a_date_nobody_could_read_is_refused_with_how_to_write_it(admin_client, tree):
    response = add_talk(
        admin_client, tree, title="Bad", slug="bad", kind="seminar", start_date="spring 25"
    )
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "'spring 25' is not a date. Write the year (2025)" in text
    assert not ActivityPage.objects.filter(slug="bad").exists()


def test_a_span_keeps_the_coarser_precision(admin_client, tree):
    add_talk(admin_client, tree, title="Visit", slug="visit", kind="visit", start_date="2018")
    talk = ActivityPage.objects.get(slug="visit")
    url = reverse("wagtailadmin_pages:edit", args=[talk.pk])
    data = form_data(
        admin_client.get(url).content.decode(),
        start_date="2019",
        end_date="March 2021",
        **{"action-publish": "publish"},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(
        ".error-message"
    )
    talk.refresh_from_db()
    assert talk.date_precision == "year"
    assert (talk.start_date, talk.end_date) == (
        datetime.date(2019, 1, 1),
        datetime.date(2021, 1, 1),
    )


def test_a_supervision_started_in_october_2019(admin_client, tree):
    person = published_person(tree.people, given_names="Nadia", family_name="Okafor")
    record = Supervision(student_name="Ada Student", degree="phd", topic="Sea ice")
    record.supervisors = [SupervisionSupervisor(person=person, role="main")]
    record.save()
    url = reverse("wagtailsnippets_people_supervision:edit", args=[record.pk])
    data = form_data(
        admin_client.get(url).content.decode(),
        form_id=None,
        start_date="October 2019",
        end_date="",
        **{"action-publish": "1"},
    )
    assert admin_client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert (record.start_date, record.date_precision) == (datetime.date(2019, 10, 1), "month")


@pytest.mark.parametrize(
    "start, end, page_shows, card_shows",
    [
        ("2021", "2024", "2021–2024", "2021–2024"),
        ("March 2024", "", "March 2024–", "2024–"),
        ("2023-09", "June 2026", "September 2023 – June 2026", "2023–2026"),
    ],
)
def test_a_project_takes_its_dates_as_known(
    admin_client, tree, client, start, end, page_shows, card_shows
):
    from research.models import ProjectPage

    url = reverse("wagtailadmin_pages:add", args=["research", "projectpage", tree.projects.pk])
    html = admin_client.get(url).content.decode()
    data = form_data(
        html,
        title="Sea ice models",
        slug="sea-ice-models",
        summary="Models of sea ice.",
        status="active",
        start_date=start,
        end_date=end,
        **{"action-publish": "publish", "body-count": "0", "outputs-count": "0"},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(
        ".error-message"
    )
    project = ProjectPage.objects.get(slug="sea-ice-models")
    assert page_shows in client.get(project.url).content.decode()
    assert card_shows in client.get(tree.projects.url).content.decode()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    box = BeautifulSoup(edit, "html.parser").select_one("input[name=start_date]")
    assert box["value"] == {"2021": "2021", "March 2024": "2024-03", "2023-09": "2023-09"}[start]
