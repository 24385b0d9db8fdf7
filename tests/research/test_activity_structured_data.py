"""A talk's page describes it as a schema.org Event: as precise as the record, its status,
where (a place, online, or both) and who spoke."""

import datetime
import json
import re

import pytest

from research.models import EngagementIndexPage
from tests.factories import ActivityPageFactory

pytestmark = pytest.mark.django_db


def event_of(client, page) -> dict:
    html = client.get(page.url).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    events = [data for data in map(json.loads, scripts) if data.get("@type") == "Event"]
    assert len(events) == 1, scripts
    return events[0]


def test_a_talk_at_a_known_time_in_a_room_and_online(client):
    talk = ActivityPageFactory(
        parent=EngagementIndexPage.objects.first(),
        title="Listening to reefs at night",
        event="Ocean Sciences Meeting",
        event_url="https://example.org/osm",
        location="Glasgow, Scotland",
        online=True,
        start_date=datetime.date(2027, 3, 14),
        start_time=datetime.time(14, 30),
        time_zone="Europe/London",
        duration_minutes=45,
        abstract="Hydrophones <b>after dark</b>.",
    )
    event = event_of(client, talk)
    assert event["name"] == "Listening to reefs at night"
    assert event["startDate"] == "2027-03-14T14:30:00+00:00"
    assert event["endDate"] == "2027-03-14T15:15:00+00:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["location"] == [
        {"@type": "Place", "name": "Ocean Sciences Meeting", "address": "Glasgow, Scotland"},
        {"@type": "VirtualLocation", "url": "https://example.org/osm"},
    ]
    assert event["superEvent"] == {
        "@type": "Event",
        "name": "Ocean Sciences Meeting",
        "url": "https://example.org/osm",
    }
    assert event["description"] == "Hydrophones <b>after dark</b>."  # text, escaped as JSON


def test_a_talk_known_only_to_its_month_that_was_cancelled(client):
    talk = ActivityPageFactory(
        parent=EngagementIndexPage.objects.first(),
        start_date=datetime.date(2024, 5, 1),
        date_precision="month",
        status="cancelled",
        location="",
        online=False,
    )
    event = event_of(client, talk)
    assert event["startDate"] == "2024-05"
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert "endDate" not in event
