"""Dates as exact as the person who typed them knew them: "2025", "March 2025", "5 March 2025".

A talk remembered only as "2025" or a student project with only a year used to need an invented
day, and the site then showed a false precision. A record keeps a ``DateField`` (so it still
sorts and filters) and a ``DatePrecision``; the day or month it does not know is stored as the
first one, and never shown.
"""

import datetime

from django.db import models
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("The exact day")
    MONTH = "month", _("The month only")
    YEAR = "year", _("The year only")


#: How a date of each precision is written, in Django's date format.
FORMATS = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}
#: The machine-readable form for ``<time datetime="...">`` (HTML allows "2025" and "2025-03").
MACHINE = {DatePrecision.DAY: "Y-m-d", DatePrecision.MONTH: "Y-m", DatePrecision.YEAR: "Y"}


def precision_field(**kwargs) -> models.CharField:
    options = {
        "max_length": 5,
        "choices": DatePrecision.choices,
        "default": DatePrecision.DAY,
        "help_text": _(
            "How exactly you know the date. For 'the year only', any day of that year will do "
            "above; the site shows just the year."
        ),
    }
    options.update(kwargs)
    return models.CharField(_("date known to"), **options)


def truncate(date: datetime.date | None, precision: str) -> datetime.date | None:
    """The date as stored: the first day of its month or year when that is all that is known."""
    if date is None:
        return None
    if precision == DatePrecision.YEAR:
        return date.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return date.replace(day=1)
    return date


def as_given(date: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    if date is None:
        return ""
    return date_format(date, FORMATS.get(precision, FORMATS[DatePrecision.DAY]))


def machine(date: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    if date is None:
        return ""
    return date_format(date, MACHINE.get(precision, MACHINE[DatePrecision.DAY]))


def span(
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str = DatePrecision.DAY,
) -> str:
    """A range as people write it: "2024" (not "2024–2024"), "March–May 2025", "2019–2023",
    "5–7 June 2025", "since 2024" when there is no end, "" when there is neither."""
    if start is None:
        return as_given(end, precision)
    if end is None or end == start:
        return as_given(start, precision)
    if precision == DatePrecision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start.year != end.year:
        return f"{as_given(start, precision)} – {as_given(end, precision)}"
    if precision == DatePrecision.MONTH:
        if start.month == end.month:
            return as_given(start, precision)
        return f"{date_format(start, 'F')}–{date_format(end, 'F Y')}"
    if start.month == end.month:
        return f"{start.day}–{date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"


def parse_partial(text: str) -> tuple[datetime.date, str]:
    """'2025', '2025-03' or '2025-03-14' as (date, precision); ValueError with a fix otherwise."""
    text = text.strip()
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return datetime.date(int(parts[0]), 1, 1), DatePrecision.YEAR
        if len(parts) == 2 and len(parts[0]) == 4:
            return datetime.date(int(parts[0]), int(parts[1]), 1), DatePrecision.MONTH
        if len(parts) == 3 and len(parts[0]) == 4:
            return datetime.date.fromisoformat(text), DatePrecision.DAY
    except ValueError:
        pass
    raise ValueError(
        f"'{text}' is not a date; write the year (2025), the year and month (2025-03) "
        "or the whole date (2025-03-14)"
    )
