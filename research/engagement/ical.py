"""iCalendar (RFC 5545) for upcoming talks and events: a feed calendar apps can subscribe to."""

import datetime

from django.http import HttpResponse
from django.utils import timezone

STATUS = {
    "planned": "CONFIRMED",
    "done": "CONFIRMED",
    "cancelled": "CANCELLED",
    "postponed": "TENTATIVE",
}


def escape_text(value: str) -> str:
    """TEXT escaping from RFC 5545 3.3.11."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with a space
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(talk, host: str, stamp: str, url: str) -> list[str]:
    speakers = ", ".join(s.display_name for s in talk.involved.all())
    summary = f"{talk.title} ({speakers})" if speakers else talk.title
    if talk.status in ("cancelled", "postponed"):
        summary = f"{talk.get_status_display().upper()}: {summary}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:talk-{talk.pk}@{host}",
        f"DTSTAMP:{stamp}",
    ]
    if talk.start_time:
        lines += [f"DTSTART:{_utc(talk.starts_at)}", f"DTEND:{_utc(talk.ends_at)}"]
    else:
        last_day = talk.end_date or talk.start_date
        lines += [
            f"DTSTART;VALUE=DATE:{talk.start_date:%Y%m%d}",
            # DTEND of an all-day event is exclusive: the day after the last day.
            f"DTEND;VALUE=DATE:{last_day + datetime.timedelta(days=1):%Y%m%d}",
        ]
    location = ", ".join(filter(None, [talk.event, talk.location, "online" if talk.online else ""]))
    description = "\n".join(
        filter(None, [talk.get_kind_display(), talk.status_note, talk.abstract])
    )
    lines += [
        f"SUMMARY:{escape_text(summary)}",
        f"STATUS:{STATUS.get(talk.status, 'CONFIRMED')}",
        f"URL:{url}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append("END:VEVENT")
    return lines


def calendar_response(request, index_page, talks) -> HttpResponse:
    host = request.get_host().split(":")[0] or "labsite"
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//labsite//talks//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(index_page.title)}",
    ]
    for talk in talks:
        lines += event_lines(talk, host, stamp, request.build_absolute_uri(talk.url))
    lines.append("END:VCALENDAR")
    body = "\r\n".join(fold(line) for line in lines) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="talks.ics"'
    return response
