"""Bulk entry of the engagement record from a spreadsheet saved as CSV.

Columns (a header row names them; order is free, names are case-insensitive):

    title        required  what it was, e.g. 'Keynote: Listening to reefs'
    kind         required  one of ActivityKind's values or labels, e.g. 'invited' or 'Invited talk'
    start_date   required  YYYY-MM-DD (also DD/MM/YYYY), or only YYYY-MM or YYYY when that is all
                           you know: the site then shows "March 2025" or "2025"
    end_date               last day, for visits, schools and service (same forms)
    status                 planned, done, cancelled or postponed (default: from the date)
    status_note            reason or new date
    people       required  semicolon-separated; a member's name or page slug links to their page,
                           anything else is kept as a typed name; 'Name (role)' sets the role,
                           e.g. 'Maren Okafor (chair); Ana Silva'
    event, event_url, event_format, host, institution, location, online (yes/no), start_time
    (HH:MM), time_zone (e.g. Europe/London), abstract, url (alias of event_url)

Every row is checked in full before anything is saved; each good row is saved in its own
transaction, so a bad row never leaves half an activity behind and never stops the good ones.
"""

import csv
import datetime
import io
import re
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from labsite.dates import DatePrecision, parse_partial, truncate
from people.models import PersonPage

from .models import (
    ActivityKind,
    ActivityPage,
    ActivityPerson,
    ActivityRole,
    ActivityStatus,
    EngagementIndexPage,
    EventFormat,
)

REQUIRED = ("title", "kind", "start_date", "people")
KNOWN = set(REQUIRED) | {
    "end_date",
    "status",
    "status_note",
    "event",
    "event_url",
    "url",
    "event_format",
    "host",
    "institution",
    "location",
    "online",
    "start_time",
    "time_zone",
    "abstract",
}
TRUE_WORDS = {"yes", "y", "true", "1", "online"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


@dataclass
class RowProblem:
    line: int
    reason: str


@dataclass
class ImportReport:
    created: list[ActivityPage] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _choice(value: str, choices, what: str) -> str:
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in (key, str(label).lower()):
            return key
    options = ", ".join(key for key, _ in choices)
    raise ValueError(f"{what} '{value}' is not one of: {options}")


def _date(value: str, column: str) -> tuple[datetime.date, str]:
    """A date and how exactly it is known: 2026-03-14 or 14/03/2026, 2026-03, or 2026."""
    value = value.strip()
    try:
        return datetime.datetime.strptime(value, "%d/%m/%Y").date(), DatePrecision.DAY
    except ValueError:
        pass
    try:
        return parse_partial(value)
    except ValueError:
        raise ValueError(
            f"{column} '{value}' is not a date; write it as YYYY-MM-DD (2026-03-14), "
            "or YYYY-MM (2026-03) or YYYY (2026) when that is all you know"
        ) from None


class PeopleMatcher:
    """Member pages by name, citation name, name variants or slug (loaded once)."""

    def __init__(self):
        self.by_key = {}
        for person in PersonPage.objects.all():
            keys = {
                person.title,
                person.slug,
                person.citation_name,
                *person.name_variants.splitlines(),
            }
            for key in keys:
                if key and key.strip():
                    self.by_key.setdefault(key.strip().lower(), person)

    def parse(self, cell: str) -> list[ActivityPerson]:
        people = []
        for part in cell.split(";"):
            part = part.strip()
            if not part:
                continue
            role = ""
            match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", part)
            if match:
                part, role = (
                    match.group(1).strip(),
                    _choice(match.group(2), ActivityRole.choices, "Role"),
                )
            person = self.by_key.get(part.lower())
            # In the order the file lists them (PostgreSQL keeps no insertion order).
            order = len(people)
            people.append(
                ActivityPerson(person=person, role=role, sort_order=order)
                if person
                else ActivityPerson(name=part[:200], role=role, sort_order=order)
            )
        if not people:
            raise ValueError("people is empty; name at least one person, e.g. 'Maren Okafor'")
        return people


def read_rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ValueError("the file is empty; the first row must name the columns")
    headers = [name.strip().lower() for name in reader.fieldnames]
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        raise ValueError(
            f"the header row lacks {', '.join(missing)}; it must name at least: {', '.join(REQUIRED)}"
        )
    unknown = [name for name in headers if name not in KNOWN]
    if unknown:
        raise ValueError(
            f"unknown column(s) {', '.join(unknown)}; known columns: {', '.join(sorted(KNOWN))}"
        )
    rows = []
    for raw in reader:
        row = {
            (key or "").strip().lower(): (value or "").strip()
            for key, value in raw.items()
            if key is not None
        }
        if None in raw:
            rows.append((reader.line_num, {"__extra__": "yes"}))
            continue
        if any(row.values()):
            rows.append((reader.line_num, row))
    return headers, rows


def build_activity(row: dict, matcher: PeopleMatcher, today: datetime.date) -> ActivityPage:
    if row.get("__extra__"):
        raise ValueError("this row has more cells than the header has columns (a stray comma?)")
    for column in REQUIRED:
        if not row.get(column):
            raise ValueError(f"{column} is empty")
    start, precision = _date(row["start_date"], "start_date")
    end, end_precision = (
        _date(row["end_date"], "end_date") if row.get("end_date") else (None, precision)
    )
    # One precision for the record: the coarser of the two ("2024" to "2025-03" reads 2024–2025).
    coarse = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY]
    precision = min(precision, end_precision, key=coarse.index)
    start, end = truncate(start, precision), truncate(end, precision)
    if end and end < start:
        raise ValueError("end_date is before start_date")
    kind = _choice(row["kind"], ActivityKind.choices, "Kind")
    status = (
        _choice(row["status"], ActivityStatus.choices, "Status")
        if row.get("status")
        else (ActivityStatus.DONE if (end or start) < today else ActivityStatus.PLANNED)
    )
    event_format = (
        _choice(row["event_format"], EventFormat.choices, "event_format")
        if row.get("event_format")
        else ""
    )
    url = row.get("event_url") or row.get("url") or ""
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValueError(
                f"event_url '{url}' is not a web address starting with https://"
            ) from None
    online = row.get("online", "").lower()
    if online not in TRUE_WORDS | FALSE_WORDS:
        raise ValueError(f"online '{row['online']}' must be yes or no")
    start_time = None
    if row.get("start_time"):
        try:
            start_time = datetime.time.fromisoformat(row["start_time"])
        except ValueError:
            raise ValueError(
                f"start_time '{row['start_time']}' must be HH:MM, e.g. 14:30"
            ) from None
    time_zone = row.get("time_zone") or "Europe/London"
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"time_zone '{time_zone}' is unknown; use a name like Europe/London"
        ) from None
    limits = {
        "title": 255,
        "event": 200,
        "host": 200,
        "institution": 200,
        "location": 200,
        "status_note": 200,
    }
    for column, limit in limits.items():
        if len(row.get(column, "")) > limit:
            raise ValueError(f"{column} is longer than {limit} characters")
    activity = ActivityPage(
        title=row["title"],
        kind=kind,
        status=status,
        status_note=row.get("status_note", ""),
        event=row.get("event", ""),
        event_url=url,
        event_format=event_format,
        host=row.get("host", ""),
        institution=row.get("institution", ""),
        location=row.get("location", ""),
        online=online in TRUE_WORDS,
        start_date=start,
        end_date=end,
        date_precision=precision,
        start_time=start_time,
        time_zone=time_zone,
        abstract=row.get("abstract", ""),
    )
    activity.involved = matcher.parse(row["people"])
    return activity


def _unique_slug(index: EngagementIndexPage, title: str, taken: set[str]) -> str:
    base = slugify(title)[:70] or "activity"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def import_activities(text: str, index: EngagementIndexPage, publish: bool = True) -> ImportReport:
    """Check every row, then save each good one in its own transaction."""
    _headers, rows = read_rows(text)
    report = ImportReport()
    matcher = PeopleMatcher()
    today = timezone.localdate()
    taken = set(index.get_children().values_list("slug", flat=True))
    for line, row in rows:
        try:
            activity = build_activity(row, matcher, today)
            activity.slug = _unique_slug(index, activity.title, taken)
            activity.live = publish
            with transaction.atomic():
                index.add_child(instance=activity)
                activity.save_revision(log_action=False)
        except ValueError as error:
            report.problems.append(RowProblem(line, str(error)))
        except ValidationError as error:
            index.refresh_from_db()  # the rolled-back child must not linger in the tree counters
            report.problems.append(RowProblem(line, "; ".join(error.messages)))
        else:
            report.created.append(activity)
    return report
