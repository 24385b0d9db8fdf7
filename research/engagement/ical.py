"""iCalendar (RFC 5545) for upcoming talks and events: a feed calendar apps can subscribe to.

Written with the icalendar library, which does the escaping and line folding the RFC asks for.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

STATUS = {
    "planned": "CONFIRMED",
    "done": "CONFIRMED",
    "cancelled": "CANCELLED",
    "postponed": "TENTATIVE",
}


def talk_event(talk, host: str, stamp: datetime.datetime, url: str) -> Event:
    speakers = ", ".join(credit.name for credit in talk.credited)
    summary = f"{talk.title} ({speakers})" if speakers else talk.title
    if talk.status in ("cancelled", "postponed"):
        summary = f"{talk.get_status_display().upper()}: {summary}"
    event = Event()
    event.add("uid", f"talk-{talk.pk}@{host}")
    event.add("dtstamp", stamp)
    if talk.start_time:
        event.add("dtstart", talk.starts_at.astimezone(datetime.UTC))
        event.add("dtend", talk.ends_at.astimezone(datetime.UTC))
    else:
        last_day = talk.end_date or talk.start_date
        event.add("dtstart", talk.start_date)
        # DTEND of an all-day event is exclusive: the day after the last day.
        event.add("dtend", last_day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("status", STATUS.get(talk.status, "CONFIRMED"))
    event.add("url", url)
    location = ", ".join(filter(None, [talk.event, talk.location, "online" if talk.online else ""]))
    if location:
        event.add("location", location)
    description = "\n".join(
        filter(None, [talk.get_kind_display(), talk.status_note, talk.abstract])
    )
    if description:
        event.add("description", description)
    return event


def calendar_response(request, index_page, talks) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//labsite//engagement//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", index_page.title)
    host = request.get_host().split(":")[0] or "labsite"
    stamp = timezone.now().astimezone(datetime.UTC)
    for talk in talks:
        calendar.add_component(talk_event(talk, host, stamp, request.build_absolute_uri(talk.url)))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="talks.ics"'
    return response
