"""The engagement record: upcoming and past, filters, cancelled items marked, person pages,
and a valid iCalendar feed."""

import datetime

import icalendar
import pytest
import time_machine
from django.utils import timezone

from research.engagement.models import upcoming_q
from research.models import ActivityPage, ActivityPerson, EngagementIndexPage
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_listing_splits_upcoming_and_past_and_marks_cancelled(client):
    html = client.get("/engagement/").content.decode()
    upcoming, past = html.split('id="past"', 1)
    assert "Why normalisation layers shape sharpness" in upcoming
    assert (
        "Whale calls on a microcontroller" in upcoming and 'badge--cancelled">Cancelled' in upcoming
    )
    assert "Postponed" in upcoming and "Moved to the spring meeting." in upcoming
    assert "Learning tides from sparse gauges" in past


def test_talk_page_says_it_was_cancelled(client):
    html = client.get("/engagement/whale-calls-on-a-microcontroller/").content.decode()
    assert "This was cancelled." in html and "cancelled by the organisers" in html


def test_calendar_feed_is_valid_rfc5545(client):
    response = client.get("/engagement/calendar/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    upcoming = ActivityPage.objects.filter(upcoming_q()).exclude(kind="service")
    assert len(events) == upcoming.count() == 5, "upcoming talks and events only"
    cancelled = next(e for s, e in events.items() if "Whale calls" in s)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert {str(e["UID"]) for e in events.values()} == {f"talk-{t.pk}@testserver" for t in upcoming}
    workshop = next(e for s, e in events.items() if "Coastal Observation" in s)
    assert workshop.decoded("DTEND") - workshop.decoded("DTSTART") == datetime.timedelta(days=2)
    timed = next(e for s, e in events.items() if "normalisation" in s)
    assert timed.decoded("DTSTART").tzinfo is not None
    assert timed.decoded("DTEND") - timed.decoded("DTSTART") == datetime.timedelta(minutes=60)


def test_calendar_text_is_escaped_and_folded_on_character_boundaries(client):
    talk = ActivityPage.objects.live().filter(start_date__gte=timezone.localdate()).first()
    talk.title = "Übersicht, Teil; " * 10 + "Ende"
    talk.save_revision().publish()
    body = client.get("/engagement/calendar/").content
    for physical in body.split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # never cut inside a character
    assert b"\\, Teil\\;" in body.replace(b"\r\n ", b"")
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert any(str(e["SUMMARY"]).startswith(talk.title) for e in events)


def test_a_talk_moves_to_past_after_its_day(client):
    talk = ActivityPage.objects.get(slug__startswith="why-normalisation")
    with time_machine.travel(talk.starts_at + datetime.timedelta(days=1), tick=False):
        upcoming, past = client.get("/engagement/").content.decode().split('id="past"', 1)
        assert "Why normalisation layers shape sharpness" in past


def test_person_page_lists_their_talks(client):
    html = client.get("/people/kofi-brandt/").content.decode()
    assert "Whale calls on a microcontroller" in html


def test_talk_index_query_count_is_constant(client):
    index = EngagementIndexPage.objects.get()

    def grow():
        from people.models import PersonPage

        person = PersonPage.objects.first()
        for n in range(60):
            talk = ActivityPage(
                title=f"Extra talk {n}",
                slug=f"extra-talk-{n}",
                start_date=timezone.localdate() + datetime.timedelta(days=n - 30),
                kind="seminar",
                time_zone="UTC",
            )
            talk.involved = [ActivityPerson(person=person), ActivityPerson(name="Guest Speaker")]
            index.add_child(instance=talk)

    assert_constant_queries(
        client,
        [
            "/engagement/",
            "/engagement/calendar/",
            "/engagement/?kind=group-0",
            "/engagement/?member=maren-okafor",
        ],
        grow,
    )


def test_every_kind_of_engagement_is_listed_with_its_details(client):
    html = client.get("/engagement/").content.decode()
    for text in (
        "Workshop on Machine Learning for Coastal Observation",
        "Research visit to the Nordic Marine Institute",
        "Nordic Marine Institute",
        "Summer school on probabilistic machine learning",
        "Reviewer for the Journal of Marine Systems",
        "Radio interview",
        "(organiser)",
        "(chair)",
    ):
        assert text in html, text
    cancelled = html.split("Workshop on tiny machine learning (cancelled)", 1)[1][:300]
    assert 'badge--cancelled">Cancelled' in cancelled


@pytest.mark.parametrize(
    "query, present, absent",
    [
        ("kind=organising", "Session chair: Uncertainty", "Learning tides from sparse gauges"),
        ("kind=group-0", "Learning tides from sparse gauges", "Research visit to the Nordic"),
        ("kind=visit", "Research visit to the Nordic", "Session chair"),
        ("member=tomasz-bellweather", "Session chair", "Research visit to the Nordic"),
    ],
)
def test_the_activity_page_filters(client, query, present, absent):
    html = client.get(f"/engagement/?{query}").content.decode()
    assert present in html and absent not in html


def test_the_year_filter(client):
    visit = ActivityPage.objects.get(slug__startswith="research-visit")
    html = client.get(f"/engagement/?year={visit.start_date.year}").content.decode()
    assert "Research visit to the Nordic" in html
    other_year = ActivityPage.objects.get(slug__startswith="reviewer-for").start_date.year
    assert other_year != visit.start_date.year
    html = client.get(f"/engagement/?year={other_year}").content.decode()
    assert "Reviewer for the Journal" in html and "Research visit to the Nordic" not in html


def test_unknown_filter_values_are_reported_and_ignored(client):
    response = client.get("/engagement/?kind=juggling&year=banana&member=nobody")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some filters were not understood and were ignored" in html
    assert "Research visit to the Nordic" in html


def test_a_person_page_groups_engagement_by_kind_and_year(client):
    html = client.get("/people/kofi-brandt/").content.decode()
    section = html.split("Talks and engagement", 1)[1]
    assert section.index("Talks and posters") < section.index("Research visits")
    assert section.index("Research visits") < section.index("Outreach and media")
    assert "Radio interview" in section
    years = [
        int(y) for y in __import__("re").findall(r'<h4 class="year-heading">(\d{4})</h4>', section)
    ]
    assert years, "year headings"


def test_service_spanning_years_is_shown_as_a_range(client):
    service = ActivityPage.objects.get(slug__startswith="reviewer-for")
    html = client.get(service.url).content.decode()
    assert f"{service.start_date.year}–{service.end_date.year}" in html


def test_an_end_before_the_start_is_refused():
    from django.core.exceptions import ValidationError

    activity = ActivityPage(
        title="x",
        slug="x",
        kind="visit",
        start_date=datetime.date(2026, 5, 2),
        end_date=datetime.date(2026, 5, 1),
        time_zone="UTC",
    )
    with pytest.raises(ValidationError) as error:
        activity.clean()
    assert "The last day cannot be before the first day." in str(error.value)


@pytest.mark.django_db
def test_the_upcoming_list_stays_one_screen_and_points_to_the_calendar(client, tree):
    import datetime

    from django.utils import timezone

    from research.engagement.models import UPCOMING_ACTIVITIES
    from tests.factories import ActivityPageFactory

    soon = timezone.localdate() + datetime.timedelta(days=400)  # after the demo's own
    for n in range(UPCOMING_ACTIVITIES + 5):
        ActivityPageFactory(
            parent=tree.engagement,
            title=f"Seminar number {n:03d}",
            start_date=soon + datetime.timedelta(days=n),
        )
    html = client.get(tree.engagement.url).content.decode()
    upcoming = html[
        html.index('id="upcoming"') : html.index("</section>", html.index('id="upcoming"'))
    ]
    assert upcoming.count("Seminar number") <= UPCOMING_ACTIVITIES
    assert "the calendar lists every upcoming talk and event" in upcoming
    calendar = client.get(f"{tree.engagement.url}calendar/").content.decode()
    assert f"Seminar number {UPCOMING_ACTIVITIES + 4:03d}" in calendar


def test_an_activity_page_names_who_took_part_as_stored_at_publishing(client, tree):
    """Members link to their pages, typed names stay text, roles are said; a renamed member
    is renamed on the page without the activity being published again."""
    from tests.factories import ActivityPageFactory, PersonPageFactory

    member = PersonPageFactory(parent=tree.people, title="Ines Marlowe", slug="ines-marlowe")
    member.save_revision().publish()
    index = EngagementIndexPage.objects.get()
    talk = ActivityPageFactory(parent=index, title="Tides under sea ice")
    talk.involved = [
        ActivityPerson(person=member, role="chair"),
        ActivityPerson(name="Guest <Speaker>", role="speaker"),
    ]
    talk.save_revision().publish()
    html = client.get(talk.url).content.decode()
    assert 'href="/people/ines-marlowe/">Ines Marlowe</a> (chair), ' in html
    assert "Guest &lt;Speaker&gt; (speaker)</dd>" in html

    member.title = "Ines Marlowe-Hart"
    member.save_revision().publish()
    assert ">Ines Marlowe-Hart</a> (chair)" in client.get(talk.url).content.decode()
