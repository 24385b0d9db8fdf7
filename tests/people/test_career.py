"""Positions, education and awards on a person's page, with dates as exactly as they are known."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from labsite.partial_dates import PartialDate
from people.profiles import career
from tests.factories import PersonPageFactory
from tests.support.admin_forms import form_data

pytestmark = pytest.mark.django_db


def year(y):
    return PartialDate(datetime.date(y, 1, 1), "year")


def test_lines_print_dates_as_known_newest_first(tree):
    person = PersonPageFactory(
        parent=tree.people,
        career=[
            ("position", {"title": "Lecturer", "organisation": "Westholm",
                          "start": year(2017), "end": year(2020)}),
            ("position", {"title": "Senior Lecturer", "organisation": "Westholm",
                          "start": PartialDate(datetime.date(2021, 3, 1), "month"), "end": None}),
            ("education", {"degree": "MSc", "organisation": "Northmoor",
                           "start": year(2012),
                           "end": PartialDate(datetime.date(2012, 6, 1), "month")}),
            ("award", {"name": "Best student paper award", "awarded_by": "A workshop",
                       "date": year(2020), "link": ""}),
        ],
    )  # fmt: skip
    positions = career.lines(person, "position")
    assert [(p.title, p.when) for p in positions] == [
        ("Senior Lecturer", "March 2021–"),
        ("Lecturer", "2017–2020"),
    ]
    assert positions[0].machine_start == "2021-03"
    # Same-year ranges say the year once (a span keeps the coarser of its two dates).
    assert career.lines(person, "education")[0].when == "2012"
    award = career.lines(person, "award")[0]
    assert award.when == "2020" and award.machine_start == "2020"


def test_the_person_page_lists_them_under_their_headings(client, tree):
    person = PersonPageFactory(
        parent=tree.people,
        career=[
            ("award", {"name": "Best student paper award", "awarded_by": "A workshop",
                       "date": year(2020), "link": "https://example.org/award"}),
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
        "career-0-value-start": "2019",
        "career-0-value-end": "2018",
        "action-publish": "publish",
    }
    page = admin_client_logged_in.get(url).content.decode()
    response = admin_client_logged_in.post(url, form_data(page, **fields))
    assert response.status_code == 200
    assert "The end is before the start." in response.content.decode()
    fields["career-0-value-end"] = "Smarch 2022"
    response = admin_client_logged_in.post(url, form_data(page, **fields))
    assert response.status_code == 200
    assert "&#x27;Smarch 2022&#x27; is not a date. Write the year (2025)" in (
        response.content.decode()
    )
    fields["career-0-value-end"] = "June 2022"
    response = admin_client_logged_in.post(url, form_data(page, **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert [(line.title, line.when) for line in career.lines(person, "position")] == [
        ("Research fellow", "2019–2022")
    ]
    # Stored as typed, so the edit form gives back what the editor knows.
    assert person.career.raw_data[0]["value"]["start"] == "2019"
    assert person.career.raw_data[0]["value"]["end"] == "2022-06"
    form = admin_client_logged_in.get(url).content.decode()
    assert re.search(
        r"(&quot;|\\u0022|\")end(&quot;|\\u0022|\"): ?(&quot;|\\u0022|\")2022-06(&quot;|\\u0022|\")",
        form,
    ), re.findall(r".{80}2022-06.{20}", form)


def test_lines_saved_with_a_separate_precision_read_as_before(tree):
    """Before each date carried its own precision, a line held full dates and a "precision"
    choice: those lines (in pages and in old revisions) still read as they did."""
    person = PersonPageFactory(parent=tree.people)
    PersonPage = type(person)
    PersonPage.objects.filter(pk=person.pk).update(
        career=json.dumps([
            {"type": "position", "id": "a", "value": {
                "title": "Lecturer", "organisation": "Westholm", "start": "2017-09-01",
                "end": "2020-12-31", "precision": "year"}},
            {"type": "award", "id": "b", "value": {
                "name": "Medal", "awarded_by": "", "date": "2020-12-11", "precision": "month",
                "link": ""}},
            {"type": "education", "id": "c", "value": {
                "degree": "MSc", "organisation": "", "start": None, "end": "2012-06-01",
                "precision": "day"}},
        ])
    )  # fmt: skip
    person = PersonPage.objects.get(pk=person.pk)
    assert career.lines(person, "position")[0].when == "2017–2020"
    assert career.lines(person, "award")[0].when == "December 2020"
    assert career.lines(person, "education")[0].when == "1 June 2012"
