"""Talks: upcoming and past, cancelled ones marked not hidden, and a valid iCalendar feed."""

import datetime

import icalendar
import pytest
import time_machine
from django.utils import timezone

from research.ical import fold
from research.models import TalkIndexPage, TalkPage, TalkSpeaker
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_listing_splits_upcoming_and_past_and_marks_cancelled(client):
    html = client.get("/talks/").content.decode()
    upcoming, past = html.split('id="past"', 1)
    assert "Why normalisation layers shape sharpness" in upcoming
    assert (
        "Whale calls on a microcontroller" in upcoming and 'badge--cancelled">Cancelled' in upcoming
    )
    assert "Postponed" in upcoming and "Moved to the spring meeting." in upcoming
    assert "Learning tides from sparse gauges" in past


def test_talk_page_says_it_was_cancelled(client):
    html = client.get("/talks/whale-calls-on-a-microcontroller/").content.decode()
    assert "This talk was cancelled." in html and "cancelled by the organisers" in html


def test_calendar_feed_is_valid_rfc5545(client):
    response = client.get("/talks/calendar/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 4, "upcoming talks only"
    cancelled = next(e for s, e in events.items() if "Whale calls" in s)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert {str(e["UID"]) for e in events.values()} == {
        f"talk-{t.pk}@testserver" for t in TalkPage.objects.filter(starts_at__gte=timezone.now())
    }
    timed = next(e for s, e in events.items() if "normalisation" in s)
    assert timed.decoded("DTSTART").tzinfo is not None
    assert timed.decoded("DTEND") - timed.decoded("DTSTART") == datetime.timedelta(minutes=60)


def test_calendar_text_is_escaped_and_folded_on_character_boundaries():
    line = "SUMMARY:" + "Übersicht, Teil; " * 10
    folded = fold(line)
    for physical in folded.split("\r\n"):
        assert len(physical.encode()) <= 75
        physical.encode().decode("utf-8")
    assert folded.replace("\r\n ", "") == line


def test_a_talk_moves_to_past_after_its_day(client):
    talk = TalkPage.objects.get(slug__startswith="why-normalisation")
    with time_machine.travel(talk.starts_at + datetime.timedelta(days=1), tick=False):
        upcoming, past = client.get("/talks/").content.decode().split('id="past"', 1)
        assert "Why normalisation layers shape sharpness" in past


def test_person_page_lists_their_talks(client):
    html = client.get("/people/kofi-brandt/").content.decode()
    assert "Whale calls on a microcontroller" in html


def test_talk_index_query_count_is_constant(client):
    index = TalkIndexPage.objects.get()

    def grow():
        from people.models import PersonPage

        person = PersonPage.objects.first()
        for n in range(60):
            talk = TalkPage(
                title=f"Extra talk {n}",
                slug=f"extra-talk-{n}",
                start_date=timezone.localdate() + datetime.timedelta(days=n - 30),
                kind="seminar",
                time_zone="UTC",
            )
            talk.speakers = [TalkSpeaker(person=person), TalkSpeaker(name="Guest Speaker")]
            index.add_child(instance=talk)

    assert_constant_queries(client, ["/talks/", "/talks/calendar/"], grow)
