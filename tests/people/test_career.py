"""Positions, education and awards on a person's page, with dates as exactly as they are known."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from people.profiles import career
from tests.factories import PersonPageFactory
from tests.support.admin_forms import form_data

pytestmark = pytest.mark.django_db


def test_lines_print_dates_as_known_newest_first(tree):
    person = PersonPageFactory(
        parent=tree.people,
        career=[
            ("position", {"title": "Lecturer", "organisation": "Westholm",
                          "start": datetime.date(2017, 9, 1), "end": datetime.date(2020, 12, 31),
                          "precision": "year"}),
            ("position", {"title": "Senior Lecturer", "organisation": "Westholm",
                          "start": datetime.date(2021, 3, 1), "end": None, "precision": "month"}),
            ("education", {"degree": "MSc", "organisation": "Northmoor",
                           "start": datetime.date(2012, 1, 1), "end": datetime.date(2012, 6, 1),
                           "precision": "year"}),
            ("award", {"name": "Best student paper award", "awarded_by": "A workshop",
                       "date": datetime.date(2020, 12, 11), "precision": "year", "link": ""}),
        ],
    )  # fmt: skip
    positions = career.lines(person, "position")
    assert [(p.title, p.when) for p in positions] == [
        ("Senior Lecturer", "March 2021–"),
        ("Lecturer", "2017–2020"),
    ]
    assert positions[0].machine_start == "2021-03"
    # Same-year ranges say the year once.
    assert career.lines(person, "education")[0].when == "2012"
    award = career.lines(person, "award")[0]
    assert award.when == "2020" and award.machine_start == "2020"


def test_the_person_page_lists_them_under_their_headings(client, tree):
    person = PersonPageFactory(
        parent=tree.people,
        career=[
            ("award", {"name": "Best student paper award", "awarded_by": "A workshop",
                       "date": datetime.date(2020, 12, 11), "precision": "year",
                       "link": "https://example.org/award"}),
        ],
    )  # fmt: skip
    html = client.get(person.url).content.decode()
    assert '<h2 id="profile-career_award">Awards</h2>' in html
    assert '<a href="https://example.org/award">Best student paper award</a>' in html
    assert '<time datetime="2020">2020</time>' in html
    assert "Positions" not in html, "empty sections are left out"
    data = [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
        )
    ]
    assert any(item.get("award") == ["Best student paper award"] for item in data)


def test_an_editor_enters_a_year_only_position_and_a_bad_range_is_explained(
    admin_client_logged_in, tree
):
    person = PersonPageFactory(parent=tree.people)
    person.save_revision().publish()
    url = reverse("wagtailadmin_pages:edit", args=[person.pk])
    fields = {
        "body-count": "0",
        "career-count": "1",
        "career-0-type": "position",
        "career-0-deleted": "",
        "career-0-order": "0",
        "career-0-id": "",
        "career-0-value-title": "Research fellow",
        "career-0-value-organisation": "Institute for Marine Computing",
        "career-0-value-start": "2019-01-01",
        "career-0-value-end": "2018-01-01",
        "career-0-value-precision": "year",
        "action-publish": "publish",
    }
    page = admin_client_logged_in.get(url).content.decode()
    response = admin_client_logged_in.post(url, form_data(page, **fields))
    assert response.status_code == 200
    assert "The end is before the start." in response.content.decode()
    fields["career-0-value-end"] = "2022-06-30"
    response = admin_client_logged_in.post(url, form_data(page, **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert [(line.title, line.when) for line in career.lines(person, "position")] == [
        ("Research fellow", "2019–2022")
    ]
